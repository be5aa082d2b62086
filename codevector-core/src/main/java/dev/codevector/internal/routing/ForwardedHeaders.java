package dev.codevector.internal.routing;

import dev.codevector.routing.ClientSession;
import dev.codevector.routing.InvalidRequestException;
import java.util.List;
import java.util.Map;

/**
 * Checks the client's protocol headers before any is forwarded: an HTTP header value must be
 * visible ASCII, spaces and tabs. A value that cannot be sent is the client's error, refused before
 * any Backend is tried; it is never named in the message, which may be logged. The headers naming
 * the client's session are read by the router, cleaned, and never forwarded, so they are not
 * checked.
 */
final class ForwardedHeaders {
  private ForwardedHeaders() {}

  static void check(Map<String, List<String>> headers) {
    headers.forEach(
        (name, values) -> {
          if (ClientSession.HEADERS.contains(name)) {
            return;
          }
          if (name.isEmpty() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidRequestException(null, "a header name is not visible ASCII");
          }
          for (String value : values) {
            if (!value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f))) {
              throw new InvalidRequestException(
                  null,
                  "the "
                      + name
                      + " header may hold only visible ASCII characters, spaces and tabs");
            }
          }
        });
  }
}
