package dev.codevector.internal.upstream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads the data of Google's server-sent events ({@code alt=sse}): each event is one or more {@code
 * data:} lines ended by a blank line, returned as soon as the blank line arrives. Google names no
 * events, so other fields and comments are skipped. Not thread-safe.
 */
final class GoogleSse {
  private final BufferedReader lines;

  GoogleSse(InputStream body) {
    this.lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
  }

  /** Returns the data of the next event, or empty at the end of the body. */
  Optional<String> next() throws IOException {
    StringBuilder data = null;
    String line;
    while ((line = lines.readLine()) != null) {
      if (line.isEmpty() && data != null) {
        return Optional.of(data.toString());
      }
      if (line.startsWith("data:")) {
        String value = line.substring(line.startsWith("data: ") ? 6 : 5);
        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      }
    }
    return Optional.ofNullable(data).map(StringBuilder::toString);
  }
}
