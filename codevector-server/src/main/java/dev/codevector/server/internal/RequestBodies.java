package dev.codevector.server.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body within two bounds: its own size, and the room left for the bodies of all
 * requests in flight. A body of declared length is refused before it is read and is read into one
 * array of its exact size; a body of unknown length is read in chunks, each leased before it is
 * read. Each body byte is leased twice, since the router makes one copy of the body to send on.
 */
public final class RequestBodies {
  private static final int CHUNK = 64 * 1024;

  private RequestBodies() {}

  /**
   * Reads the body.
   *
   * @param request the request
   * @param limit the largest body accepted, in bytes
   * @param lease where the room the body takes is leased; the caller closes it once served
   * @return the body
   * @throws Refused if the body is over the limit, or there is no room for it now
   * @throws IOException if the client stops sending
   */
  public static byte[] read(HttpServletRequest request, long limit, InFlightBytes.Lease lease)
      throws IOException, Refused {
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      throw Refused.tooLarge();
    }
    InputStream in = request.getInputStream();
    if (declared >= 0) {
      if (!lease.grow(2 * declared)) {
        throw Refused.noRoom();
      }
      byte[] body = in.readNBytes((int) declared);
      if (body.length < declared) {
        throw new IOException("the request body ended early");
      }
      return body;
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      if (!lease.grow(2L * CHUNK)) {
        throw Refused.noRoom();
      }
      byte[] chunk = in.readNBytes(CHUNK);
      body.write(chunk);
      if (body.size() > limit) {
        throw Refused.tooLarge();
      }
      if (chunk.length < CHUNK) {
        return body.toByteArray();
      }
    }
  }

  /** A body that is not read: its status and the message for the client. */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    private Refused(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }

    static Refused tooLarge() {
      return new Refused(413, "the request body is too large");
    }

    static Refused noRoom() {
      return new Refused(
          503, "the gateway holds as many request bodies as it has room for; retry shortly");
    }

    /**
     * Returns the status to answer with.
     *
     * @return 413 for a body over the limit, 503 when the server has no room for it now
     */
    public int status() {
      return status;
    }
  }
}
