package dev.codevector.server;

import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/**
 * Fails every test class of this module after which anything written to {@code System.out}, {@code
 * System.err} or a {@code java.util.logging} logger contains a {@link TestSecrets registered
 * secret}: the server logs through SLF4J (slf4j-simple, on {@code System.err}) and core through
 * {@code System.Logger}, so every log line passes through here.
 *
 * <p>JUnit registers it for every test class through {@code junit-platform.properties} ({@code
 * junit.jupiter.extensions.autodetection.enabled}) and {@code META-INF/services}; the service
 * loader needs the class and its constructor public. The streams are teed once, for the whole test
 * JVM, when JUnit loads the extension. What is written between two test classes counts for the
 * next.
 */
public final class SecretScanExtension implements AfterAllCallback {
  private static final OutputCapture CAPTURE = install();

  /** Called by JUnit's service loader. */
  public SecretScanExtension() {}

  private static OutputCapture install() {
    OutputCapture capture = new OutputCapture();
    System.setOut(capture.tee(System.out));
    System.setErr(capture.tee(System.err));
    Logger.getLogger("").addHandler(capture.handler());
    return capture;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    scan(context.getDisplayName());
  }

  /**
   * Fails if what was written since the last scan contains a registered secret.
   *
   * @param where what wrote it, for the message
   * @throws AssertionFailedError naming each secret found, redacted
   */
  static void scan(String where) {
    List<String> leaks = TestSecrets.leaksIn(CAPTURE.drain());
    if (!leaks.isEmpty()) {
      throw new AssertionFailedError(
          where + " wrote " + leaks.size() + " secret(s) to its output: " + leaks);
    }
  }
}
