package dev.codevector.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every piece of Java in the README is code of the examples, which the build compiles and tests:
 * each snippet stands, line by line, in one of their source files (indentation aside).
 */
final class ReadmeSnippetsTest {
  private static final Path ROOT = Path.of("..");
  private static final Path EXAMPLES = Path.of("src");

  /** The text with each line's leading white space removed. */
  private static String unindented(String text) {
    return text.lines().map(String::strip).collect(Collectors.joining("\n"));
  }

  @Test
  void everyJavaSnippetOfTheReadmeIsCodeOfTheExamples() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    Matcher java = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
    List<String> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(EXAMPLES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        sources.add(unindented(Files.readString(file)));
      }
    }

    List<String> snippets = new ArrayList<>();
    while (java.find()) {
      snippets.add(unindented(java.group(1)));
    }

    assertTrue(snippets.size() >= 6, "the README shows its Java: " + snippets.size());
    for (String snippet : snippets) {
      assertTrue(
          sources.stream().anyMatch(source -> source.contains(snippet)),
          "the README's Java must be copied from the examples, as it compiles there:\n" + snippet);
    }
  }

  @Test
  void theWriteYourOwnStoreSectionShowsTheExampleStore() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int start = readme.indexOf("## Write your own Store\n");
    assertTrue(start >= 0, "the README has a section 'Write your own Store'");
    String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
    assertTrue(section.contains("```java\npackage dev.codevector.examples.store;"), section);
  }
}
