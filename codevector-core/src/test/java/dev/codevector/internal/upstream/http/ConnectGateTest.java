package dev.codevector.internal.upstream.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class ConnectGateTest {
  private static final int LATER_CALLS = 6;

  private final MockWebServer upstream = new MockWebServer();
  private final ExecutorService calls = Executors.newCachedThreadPool();
  private final SlowConnects connects = new SlowConnects();

  @AfterEach
  void stop() throws IOException {
    calls.shutdownNow();
    upstream.close();
  }

  @Test
  void callsStartedWhileAnHttp2ConnectionOpensShareIt() throws Exception {
    OkHttpClient http = start(Protocol.H2_PRIOR_KNOWLEDGE, true);
    call(http); // learns that the origin speaks HTTP/2
    http.connectionPool().evictAll();

    List<Future<Integer>> answers = burst(http);

    for (Future<Integer> answer : answers) {
      assertEquals(200, answer.get(10, TimeUnit.SECONDS));
    }
    assertEquals(2, connects.started.get(), "one connection to warm up, one for the burst");
  }

  @Test
  void withoutTheGateEveryCallOfTheBurstOpensItsOwnConnection() throws Exception {
    OkHttpClient http = start(Protocol.H2_PRIOR_KNOWLEDGE, false);
    call(http);
    http.connectionPool().evictAll();

    for (Future<Integer> answer : burst(http)) {
      assertEquals(200, answer.get(10, TimeUnit.SECONDS));
    }
    assertEquals(2 + LATER_CALLS, connects.started.get());
  }

  @Test
  void http11CallsConnectWithoutWaitingForEachOther() throws Exception {
    OkHttpClient http = start(Protocol.HTTP_1_1, true);
    call(http); // learns that the origin speaks HTTP/1.1
    http.connectionPool().evictAll();
    connects.holdFirstUntilOthersStart();

    for (Future<Integer> answer : burst(http)) {
      assertEquals(200, answer.get(20, TimeUnit.SECONDS));
    }
    assertTrue(connects.othersStartedMeanwhile.get(), "later calls waited for the first connect");
  }

  private OkHttpClient start(Protocol protocol, boolean gated) throws IOException {
    upstream.setProtocols(
        protocol == Protocol.HTTP_1_1
            ? List.of(Protocol.HTTP_1_1)
            : List.of(Protocol.H2_PRIOR_KNOWLEDGE));
    for (int i = 0; i < 2 + LATER_CALLS; i++) {
      upstream.enqueue(new MockResponse.Builder().body("{}").build());
    }
    upstream.start(InetAddress.getLoopbackAddress(), 0);
    OkHttpClient.Builder builder =
        new OkHttpClient.Builder().protocols(List.of(protocol)).eventListener(connects);
    if (gated) {
      builder.addInterceptor(new ConnectGate(10_000));
    }
    return builder.build();
  }

  /** Starts one call, and once it has begun to connect, {@link #LATER_CALLS} more. */
  private List<Future<Integer>> burst(OkHttpClient http) throws InterruptedException {
    List<Future<Integer>> answers = new ArrayList<>();
    answers.add(calls.submit(() -> call(http)));
    assertTrue(connects.firstOfBurst.await(10, TimeUnit.SECONDS));
    for (int i = 0; i < LATER_CALLS; i++) {
      answers.add(calls.submit(() -> call(http)));
    }
    return answers;
  }

  private int call(OkHttpClient http) throws IOException {
    try (Response response =
        http.newCall(new Request.Builder().url(upstream.url("/")).build()).execute()) {
      return response.code();
    }
  }

  /**
   * Counts connects and makes each take a while, as a TLS handshake on a busy machine does; the
   * first connect of a burst can instead be held until the later calls have started theirs.
   */
  private static final class SlowConnects extends EventListener {
    final AtomicInteger started = new AtomicInteger();
    final CountDownLatch firstOfBurst = new CountDownLatch(1);
    final AtomicBoolean othersStartedMeanwhile = new AtomicBoolean();
    private final CountDownLatch others = new CountDownLatch(LATER_CALLS);
    private volatile Call first;
    private volatile boolean holdFirst;

    void holdFirstUntilOthersStart() {
      holdFirst = true;
    }

    @Override
    public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
      int number = started.incrementAndGet();
      if (number == 2) {
        first = call;
      } else if (number > 2) {
        others.countDown();
      }
    }

    @Override
    public void connectEnd(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol) {
      if (call != first) {
        pause();
        return;
      }
      firstOfBurst.countDown();
      if (!holdFirst) {
        pause();
        return;
      }
      try {
        othersStartedMeanwhile.set(others.await(5, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private static void pause() {
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
