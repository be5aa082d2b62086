package dev.codevector.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 exchange over a plain socket, for what OkHttp will not send: dot segments and
 * encoded slashes in paths, raw header bytes, any body. The request is written on a thread of its
 * own, so that an answer the server gives before it has read the whole body is still read.
 */
final class RawHttp {
  private static final int READ_TIMEOUT_MILLIS = 120_000;

  private RawHttp() {}

  /** An answer: its status, its headers by lowercase name, and its body (de-chunked). */
  record Answer(int status, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return headers.getOrDefault(name, "");
    }
  }

  /**
   * Sends a request and reads the answer to its end.
   *
   * @param port the server's port on loopback
   * @param head the request line and header lines, without {@code Host} and {@code Connection};
   *     each line is written as its UTF-8 bytes, so any character gets through
   * @param body the body, or null for none
   * @param chunked whether to send the body chunked instead of with its length
   */
  static Answer exchange(int port, List<String> head, byte[] body, boolean chunked)
      throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      StringBuilder request = new StringBuilder(head.get(0)).append("\r\n");
      request.append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
      head.stream().skip(1).forEach(line -> request.append(line).append("\r\n"));
      if (body != null) {
        request.append(
            chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
      }
      request.append("\r\n");
      OutputStream out = socket.getOutputStream();
      Thread writer =
          Thread.ofVirtual()
              .start(
                  () ->
                      write(
                          out, request.toString().getBytes(StandardCharsets.UTF_8), body, chunked));
      try {
        return read(new BufferedInputStream(socket.getInputStream()));
      } finally {
        writer.interrupt();
      }
    }
  }

  private static void write(OutputStream out, byte[] head, byte[] body, boolean chunked) {
    try {
      out.write(head);
      if (body != null && chunked) {
        for (int at = 0; at < body.length; at += 1 << 16) {
          int size = Math.min(1 << 16, body.length - at);
          out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(body, at, size);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      } else if (body != null) {
        out.write(body);
      }
      out.flush();
    } catch (IOException serverStoppedReading) {
      // The server answered before reading everything; the answer is what counts.
    }
  }

  /**
   * Reads one answer from a connection; one with a length or chunked leaves the connection ready
   * for the next exchange.
   */
  static Answer read(InputStream in) throws IOException {
    String statusLine = line(in);
    if (statusLine == null) {
      throw new IOException("the server closed the connection without an answer");
    }
    Map<String, String> headers = new TreeMap<>();
    for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers.merge(
          line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).strip(),
          (a, b) -> a + ", " + b);
    }
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    byte[] body;
    if (headers.getOrDefault("transfer-encoding", "").contains("chunked")) {
      body = dechunk(in);
    } else if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else {
      body = in.readAllBytes();
    }
    return new Answer(status, headers, body);
  }

  private static byte[] dechunk(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (String size = line(in); size != null; size = line(in)) {
      int length = Integer.parseInt(size.split(";")[0].strip(), 16);
      if (length == 0) {
        break;
      }
      body.write(in.readNBytes(length));
      line(in);
    }
    return body.toByteArray();
  }

  /** A line without its CRLF, or null at the end of the stream. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.UTF_8);
  }
}
