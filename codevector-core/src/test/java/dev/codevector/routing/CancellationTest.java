package dev.codevector.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.registry.BackendDefaults;
import dev.codevector.registry.ProviderKind;
import dev.codevector.testing.RouterHarness;
import dev.codevector.wire.Dialect;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class CancellationTest {
  private final RouterHarness harness = new RouterHarness();
  private final CountDownLatch upstreamSawTheClientLeave = new CountDownLatch(1);
  private ServerSocket upstream;

  @AfterEach
  void stop() throws IOException {
    harness.close();
    upstream.close();
  }

  @Test
  void closingAStreamMidwayCancelsTheUpstreamCall() throws Exception {
    upstream = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    Thread server = new Thread(this::serveEndlessStream);
    server.setDaemon(true);
    server.start();
    harness.publish(
        "chat",
        BackendDefaults.none(),
        harness.chatModel(
            harness.provider(
                "slow",
                ProviderKind.OPENAI_COMPATIBLE,
                Map.of("baseUrl", "http://127.0.0.1:" + upstream.getLocalPort() + "/v1"),
                null),
            "m"));
    RouteResponse response =
        harness.route(Dialect.OPENAI_CHAT, "{\"model\":\"chat\",\"stream\":true,\"messages\":[]}");
    assertEquals("{\"n\":0}", response.nextEvent().orElseThrow().data());

    response.close();

    assertTrue(upstreamSawTheClientLeave.await(10, TimeUnit.SECONDS));
  }

  /** Answers one request with a chunk every 20 ms until the client goes away. */
  private void serveEndlessStream() {
    try (Socket socket = upstream.accept()) {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      int length = 0;
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).trim());
        }
      }
      in.skip(length);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      for (int n = 0; n < 1_000; n++) {
        out.write(("data: {\"n\":" + n + "}\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        Thread.sleep(20);
      }
    } catch (IOException e) {
      upstreamSawTheClientLeave.countDown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
