package dev.codevector.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's dependency snippets name the version the build makes. */
final class ReadmeDependencyTest {
  private static final Path ROOT = Path.of("..");

  private static String projectVersion() throws IOException {
    Matcher m =
        Pattern.compile("<artifactId>codevector-parent</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(Files.readString(ROOT.resolve("pom.xml")));
    assertTrue(m.find(), "the root pom names its version");
    return m.group(1);
  }

  @Test
  void everyCoordinateInTheReadmeNamesTheProjectsVersion() throws IOException {
    String version = projectVersion();
    String readme = Files.readString(ROOT.resolve("README.md"));
    List<String> found = new ArrayList<>();
    Matcher maven =
        Pattern.compile(
                "<artifactId>(codevector-[a-z]+)</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(readme);
    while (maven.find()) {
      assertEquals(version, maven.group(2), "the Maven snippet for " + maven.group(1));
      found.add(maven.group(1));
    }
    Matcher gradle =
        Pattern.compile("\"dev\\.codevector:(codevector-[a-z]+):([^\"]+)\"").matcher(readme);
    while (gradle.find()) {
      assertEquals(version, gradle.group(2), "the Gradle snippet for " + gradle.group(1));
      found.add(gradle.group(1));
    }
    assertTrue(
        found.containsAll(List.of("codevector-core", "codevector-jdbc", "codevector-testkit")),
        "the README shows core, jdbc and testkit: " + found);
  }
}
