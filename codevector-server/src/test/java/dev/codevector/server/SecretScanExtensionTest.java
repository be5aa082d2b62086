package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

final class SecretScanExtensionTest {
  private static String freshSecret() {
    return TestSecrets.register("sk-scanner-self-test-" + UUID.randomUUID());
  }

  @Test
  void secretWrittenInPiecesThroughATeeIsFoundAndNotRepeated() {
    String secret = freshSecret();
    OutputCapture capture = new OutputCapture();
    ByteArrayOutputStream original = new ByteArrayOutputStream();
    PrintStream tee = capture.tee(new PrintStream(original, true, StandardCharsets.UTF_8));

    tee.print("calling upstream with " + secret.substring(0, 12));
    tee.println(secret.substring(12) + " as key");

    String written = capture.drain();
    assertEquals(original.toString(StandardCharsets.UTF_8), written);
    List<String> leaks = TestSecrets.leaksIn(written);
    assertEquals(1, leaks.size());
    assertTrue(leaks.get(0).startsWith(TestSecrets.redacted(secret)), leaks.get(0));
    assertFalse(leaks.get(0).contains(secret.substring(4)));
    assertEquals("", capture.drain());
  }

  @Test
  void secretInALogRecordIsFound() {
    String secret = freshSecret();
    OutputCapture capture = new OutputCapture();

    capture.handler().publish(new LogRecord(Level.WARNING, "bad key " + secret));

    assertEquals(1, TestSecrets.leaksIn(capture.drain()).size());
  }

  @Test
  void outputWithoutSecretsIsClean() {
    freshSecret();

    assertEquals(List.of(), TestSecrets.leaksIn("request r-1: status 503 for model gpt-main"));
  }

  @Test
  void secretPrintedToStandardErrorFailsTheScan() {
    String secret = freshSecret();

    System.err.println("oops " + secret);

    AssertionError failure =
        assertThrows(AssertionError.class, () -> SecretScanExtension.scan("this test"));
    assertTrue(failure.getMessage().contains(TestSecrets.redacted(secret)), failure.getMessage());
    assertFalse(failure.getMessage().contains(secret), failure.getMessage());
  }

  @Test
  void secretsTooShortToScanForAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> TestSecrets.register("sk-1"));
  }
}
