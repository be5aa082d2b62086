package dev.codevector.internal.routing;

/**
 * Finds where a stream event names its model, in one pass over the event's text that allocates
 * nothing: the string value of the top-level {@code model} key, or of the {@code model} key of the
 * top-level {@code message} or {@code response} object. It follows JSON's structure only as far as
 * needed to tell keys from values and to know the depth, and stops at the first match.
 *
 * <p>Stateless; thread-safe.
 */
final class EventScan {
  /** The deepest nesting followed; deeper events are not searched. */
  private static final int MAX_DEPTH = 63;

  private EventScan() {}

  /**
   * Returns where the model's value stands, quotes included.
   *
   * @param json an event's data, expected to be one JSON object
   * @return the start index in the high 32 bits and the end index (exclusive) in the low 32 bits,
   *     or -1 when the event names no model where one is looked for, or is not well formed up to it
   */
  static long modelValue(String json) {
    int n = json.length();
    int depth = 0;
    long objects = 0; // bit d set: the container at depth d is an object
    boolean expectKey = false;
    boolean nextObjectIsTarget = false;
    boolean inTarget = false;
    int i = 0;
    while (i < n) {
      char c = json.charAt(i);
      switch (c) {
        case '{' -> {
          if (++depth > MAX_DEPTH) {
            return -1;
          }
          objects |= 1L << depth;
          if (depth == 2) {
            inTarget = nextObjectIsTarget;
          }
          nextObjectIsTarget = false;
          expectKey = true;
          i++;
        }
        case '[' -> {
          if (++depth > MAX_DEPTH) {
            return -1;
          }
          objects &= ~(1L << depth);
          nextObjectIsTarget = false;
          expectKey = false;
          i++;
        }
        case '}', ']' -> {
          depth--;
          expectKey = false;
          i++;
        }
        case ',' -> {
          expectKey = (objects & (1L << depth)) != 0;
          i++;
        }
        case '"' -> {
          int end = stringEnd(json, i);
          if (end < 0) {
            return -1;
          }
          if (expectKey) {
            expectKey = false;
            boolean model = isKey(json, i, end, "model");
            if (depth == 1) {
              nextObjectIsTarget =
                  isKey(json, i, end, "message") || isKey(json, i, end, "response");
            }
            if (model && (depth == 1 || depth == 2 && inTarget)) {
              int value = valueStart(json, end);
              if (value >= 0 && json.charAt(value) == '"') {
                int valueEnd = stringEnd(json, value);
                return valueEnd < 0 ? -1 : (long) value << 32 | valueEnd;
              }
            }
          }
          i = end;
        }
        default -> i++;
      }
    }
    return -1;
  }

  /** Returns the index just past the string that opens at {@code quote}, or -1 if it never ends. */
  private static int stringEnd(String json, int quote) {
    for (int j = quote + 1; j < json.length(); j++) {
      char c = json.charAt(j);
      if (c == '\\') {
        j++;
      } else if (c == '"') {
        return j + 1;
      }
    }
    return -1;
  }

  /** Whether the string token from {@code start} to {@code end} is exactly the key given. */
  private static boolean isKey(String json, int start, int end, String key) {
    return end - start == key.length() + 2 && json.startsWith(key, start + 1);
  }

  /** Returns the index of the value after a key that ends at {@code from}, or -1. */
  private static int valueStart(String json, int from) {
    int i = from;
    while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
      i++;
    }
    if (i >= json.length() || json.charAt(i) != ':') {
      return -1;
    }
    i++;
    while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
      i++;
    }
    return i < json.length() ? i : -1;
  }
}
