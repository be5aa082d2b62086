package dev.codevector.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * An upstream on a raw loopback socket that answers one request with a server-sent event stream
 * written step by step, each step after its own delay, and notices when the client goes away. For
 * timing tests that MockWebServer cannot script: a first event at once, then silence.
 */
public final class ScriptedUpstream implements AutoCloseable {
  private final ServerSocket server;
  private final List<Step> steps;
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
    this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    this.steps = List.copyOf(steps);
    Thread thread = new Thread(this::serve, "scripted-upstream");
    thread.setDaemon(true);
    thread.start();
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
   * Returns a latch released when a write fails because the client closed the connection.
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
      OutputStream out = socket.getOutputStream();
      out.write(
          "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\n"
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      for (Step step : steps) {
        Thread.sleep(step.delayMillis());
        out.write(step.text().getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException e) {
      clientLeft.countDown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
