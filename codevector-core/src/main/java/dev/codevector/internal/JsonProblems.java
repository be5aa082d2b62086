package dev.codevector.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says in CodeVector's own words what is wrong with a JSON document that a {@link Json} mapper
 * refused: where it stops being JSON, which key repeats, which limit it passes. The words never
 * quote the document's values, which may be secret, nor name the parser; a repeated key is named
 * when it is short, printable text.
 */
public final class JsonProblems {
  private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");

  private JsonProblems() {}

  /**
   * Describes why a document was refused.
   *
   * @param what what the document is, such as {@code "the request body"}
   * @param e the parser's exception
   * @return a message such as {@code "the request body is not valid JSON (line 1, column 7)"}
   */
  public static String describe(String what, JsonProcessingException e) {
    String original = String.valueOf(e.getOriginalMessage());
    if (e instanceof StreamConstraintsException) {
      if (original.contains("nesting depth")) {
        return what + " is nested more than " + Json.MAX_DEPTH + " levels deep";
      }
      if (original.contains("Token count")) {
        return what
            + " has more than "
            + Json.MAX_TREE_TOKENS
            + " JSON tokens, the most a request translated to another wire format may have";
      }
      return what + " has a string, number or name longer than allowed";
    }
    Matcher duplicate = DUPLICATE.matcher(original);
    if (duplicate.lookingAt()) {
      String key = duplicate.group(1);
      return what
          + (key.length() <= 64 && key.chars().allMatch(c -> c >= 0x20 && c < 0x7f)
              ? " has the key '" + key + "' twice in one object"
              : " has the same key twice in one object")
          + at(e.getLocation());
    }
    return what + " is not valid JSON" + at(e.getLocation());
  }

  private static String at(JsonLocation location) {
    return location == null || location.getLineNr() < 1
        ? ""
        : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }
}
