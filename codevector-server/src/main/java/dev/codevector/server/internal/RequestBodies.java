package dev.codevector.server.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads a request body into one array of its exact size when the client declared the length, and
 * refuses a body over the limit before reading it; a body of unknown length is read up to one byte
 * past the limit.
 */
final class RequestBodies {
  private RequestBodies() {}

  /**
   * Reads the body.
   *
   * @param request the request
   * @param limit the largest body accepted, in bytes
   * @return the body, or empty when it is larger than the limit
   * @throws IOException if the client stops sending
   */
  static Optional<byte[]> read(HttpServletRequest request, long limit) throws IOException {
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      return Optional.empty();
    }
    InputStream in = request.getInputStream();
    if (declared >= 0) {
      byte[] body = in.readNBytes((int) declared);
      if (body.length < declared) {
        throw new IOException("the request body ended early");
      }
      return Optional.of(body);
    }
    byte[] body = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
    return body.length > limit ? Optional.empty() : Optional.of(body);
  }
}
