package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the {@code codevector} launcher in a copy of the repository's layout, with a JDK whose
 * {@code java} prints the options it was started with instead of starting a JVM.
 */
final class LauncherScriptTest {
  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path root;

  @BeforeEach
  void copyTheLauncherBesideABuiltJarAndARecordingJdk() throws Exception {
    Files.createDirectories(root.resolve("bin"));
    Files.copy(REPOSITORY.resolve("codevector"), root.resolve("codevector"));
    Files.copy(REPOSITORY.resolve("bin/find-jdk"), root.resolve("bin/find-jdk"));
    for (String source : List.of("catalog", "codevector-core", "codevector-jdbc")) {
      Files.createDirectories(root.resolve(source));
    }
    Files.writeString(root.resolve("pom.xml"), "");
    Path jar = root.resolve("codevector-server/target/codevector-server.jar");
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 60_000));

    Path jdk = root.resolve("jdk/bin");
    Files.createDirectories(jdk);
    executable(
        jdk.resolve("java"),
        """
        #!/bin/sh
        case "$1" in
          -XshowSettings*) echo '    java.specification.version = 25' >&2 ;;
          *) echo "$@" ;;
        esac
        """);
    executable(jdk.resolve("javac"), "#!/bin/sh\n");
  }

  @Test
  void defaultJvmOptionsExitOnOutOfMemory() throws Exception {
    String started = launch(Map.of());

    assertTrue(started.startsWith("-XX:+UseSerialGC"), started);
    assertTrue(started.contains(" -XX:+ExitOnOutOfMemoryError -jar "), started);
  }

  @Test
  void replacedJvmOptionsStillExitOnOutOfMemory() throws Exception {
    String started = launch(Map.of("CODEVECTOR_JAVA_OPTS", "-Xmx1g"));

    assertEquals(
        "-Xmx1g -XX:+ExitOnOutOfMemoryError -jar codevector-server/target/codevector-server.jar"
            + " rotate-kek",
        started);
  }

  private String launch(Map<String, String> env) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(root.resolve("codevector").toString(), "rotate-kek")
            .redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("CODEVECTOR_"));
    builder.environment().put("JAVA_HOME", root.resolve("jdk").toString());
    builder.environment().putAll(env);
    Process process = builder.start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), output);
    return output.strip();
  }

  private static void executable(Path file, String text) throws Exception {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
