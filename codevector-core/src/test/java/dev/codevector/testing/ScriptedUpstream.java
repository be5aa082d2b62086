package dev.codevector.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * An upstream on a raw loopback socket that answers one request with a server-sent event stream
 * written step by step, each step after its own delay, and notices as soon as the client goes away,
 * even while it is silent. For timing tests that MockWebServer cannot script: a first event at
 * once, then silence; or no answer at all.
 */
public final class ScriptedUpstream implements AutoCloseable {
  private static final String HEAD =
      "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\n";
  private static final int LONGEST_WAIT_MILLIS = 60_000;

  private final ServerSocket server;
  private final String head;
  private final List<Step> steps;
  private final CountDownLatch requested = new CountDownLatch(1);
  private final CountDownLatch clientLeft = new CountDownLatch(1);

  /**
   * One write of the stream.
   *
   * @param delayMillis how long to wait before writing
   * @param text what to write
   */
  public record Step(long delayMillis, String text) {}

  /**
   * Starts the upstream on a random loopback port.
   *
   * @param steps the stream, written in order after the response headers
   * @throws IOException if the port cannot be opened
   */
  public ScriptedUpstream(List<Step> steps) throws IOException {
    this(HEAD, steps);
  }

  private ScriptedUpstream(String head, List<Step> steps) throws IOException {
    this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    this.head = head;
    this.steps = List.copyOf(steps);
    Thread thread = new Thread(this::serve, "scripted-upstream");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Starts an upstream on a random loopback port that reads a request and never answers it, not
   * even with headers, until the client goes away.
   *
   * @return the upstream
   * @throws IOException if the port cannot be opened
   */
  public static ScriptedUpstream neverAnswering() throws IOException {
    return new ScriptedUpstream("", List.of());
  }

  /**
   * Returns a latch released once the request has been read.
   *
   * @return the latch
   */
  public CountDownLatch requested() {
    return requested;
  }

  /**
   * Returns the base URL of its OpenAI-compatible API.
   *
   * @return the URL, ending in {@code /v1}
   */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/v1";
  }

  /**
   * Returns a latch released when the client closed the connection, seen while waiting before a
   * step or after the last one, or when a write fails.
   *
   * @return the latch
   */
  public CountDownLatch clientLeft() {
    return clientLeft;
  }

  private void serve() {
    try (Socket socket = server.accept()) {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      int length = 0;
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring("content-length:".length()).trim());
        }
      }
      in.skip(length);
      requested.countDown();
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.UTF_8));
      out.flush();
      for (Step step : steps) {
        if (leftWithin(socket, in, step.delayMillis())) {
          return;
        }
        out.write(step.text().getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
      leftWithin(socket, in, LONGEST_WAIT_MILLIS);
    } catch (IOException e) {
      clientLeft.countDown();
    }
  }

  /**
   * Waits up to {@code millis} for the client to close the connection, which it sends nothing else
   * on; returns whether it did.
   */
  private boolean leftWithin(Socket socket, BufferedReader in, long millis) throws IOException {
    if (millis == 0) {
      return false;
    }
    socket.setSoTimeout((int) millis);
    try {
      in.read();
      clientLeft.countDown();
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
