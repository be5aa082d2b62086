package dev.codevector.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The Java of the README's "Write your own Store" is the example store's own code. */
final class ReadmeStoreWalkThroughTest {
  private static final Path ROOT = Path.of("..");
  private static final Path STORE_EXAMPLE = Path.of("src");

  @Test
  void everyJavaSnippetOfTheWalkThroughIsCodeOfTheExampleStore() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int start = readme.indexOf("## Write your own Store\n");
    assertTrue(start >= 0, "the README has a section 'Write your own Store'");
    int end = readme.indexOf("\n## ", start + 1);
    Matcher java =
        Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme.substring(start, end));
    List<String> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(STORE_EXAMPLE)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        sources.add(Files.readString(file));
      }
    }

    List<String> snippets = new ArrayList<>();
    while (java.find()) {
      snippets.add(java.group(1));
    }

    assertFalse(snippets.isEmpty(), "the walk-through shows the example store's Java");
    for (String snippet : snippets) {
      assertTrue(
          sources.stream().anyMatch(source -> source.contains(snippet)),
          "the README's Java must be copied from the examples, as it compiles there:\n" + snippet);
    }
  }
}
