package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.access.IssuedKey;
import dev.codevector.registry.Backend;
import dev.codevector.registry.BackendEdit;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelEdit;
import dev.codevector.registry.ProviderKind;
import dev.codevector.registry.RoutingStrategy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A balanced Model over real HTTP with three upstreams: sessions spread over its Backends by
 * weight, each session named by a header or by its body stays on one upstream, and a session whose
 * Backend fails moves once and stays; a failover Model keeps trying its first Backend.
 */
final class BalancedRoutingTest {
  private static final String COMPLETION =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2,\"total_tokens\":12}}";
  private static final String CHAT =
      "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]%s}";

  @TempDir Path dataDir;
  private final List<Upstream> upstreams = List.of(new Upstream(), new Upstream(), new Upstream());
  private ServerHarness harness;

  /** An upstream that answers every chat request, or fails them with 503 while told to. */
  private static final class Upstream extends Dispatcher {
    final MockWebServer server = new MockWebServer();
    final AtomicInteger requests = new AtomicInteger();
    volatile boolean failing;

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      requests.incrementAndGet();
      return failing
          ? new MockResponse.Builder().code(503).body("{\"error\":{\"message\":\"down\"}}").build()
          : new MockResponse.Builder().body(COMPLETION).build();
    }
  }

  @BeforeEach
  void start() throws IOException {
    for (Upstream upstream : upstreams) {
      upstream.server.setDispatcher(upstream);
      upstream.server.start();
    }
    harness = new ServerHarness(dataDir);
  }

  @AfterEach
  void stop() {
    harness.close();
    upstreams.forEach(u -> u.server.close());
  }

  /**
   * Publishes a Model with one Backend per upstream, all of one priority, of the weights given;
   * returns the Backend ids in the order of the upstreams.
   */
  private List<String> balanced(String slug, int... weights) {
    Model model =
        harness.publish(
            slug,
            ProviderKind.OPENAI_COMPATIBLE,
            Map.of("firstByteTimeoutSeconds", "10"),
            upstreams.stream().limit(weights.length).map(u -> u.server.url("/v1")).toList());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < weights.length; i++) {
      Backend backend = model.backends().get(i);
      harness
          .codeVector
          .registry()
          .editBackend(
              model.id(), backend.id(), BackendEdit.none().withPriority(10).withWeight(weights[i]));
      ids.add(backend.id().value());
    }
    harness
        .codeVector
        .registry()
        .editModel(model.id(), ModelEdit.none().withRouting(RoutingStrategy.BALANCED));
    return ids;
  }

  private IssuedKey key(String slug) {
    return harness.keyFor(
        "user-" + slug, harness.codeVector.registry().findModelBySlug(slug).get());
  }

  /** Sends a request and returns the id of the Backend that served it. */
  private String send(IssuedKey key, String path, String json, Map<String, String> headers)
      throws IOException {
    try (Response response = harness.post(path, key.plaintext().reveal(), json, headers)) {
      assertEquals(200, response.code(), response.body().string());
      return response.header("x-codevector-backend");
    }
  }

  private String chat(IssuedKey key, String slug, String session) throws IOException {
    return send(
        key,
        "/v1/chat/completions",
        CHAT.formatted(slug, ""),
        Map.of("x-claude-code-session-id", session));
  }

  @Test
  void sessionsSpreadOverTheBackendsByWeight() throws IOException {
    List<String> ids = balanced("spread", 1, 3);
    IssuedKey key = key("spread");
    Map<String, Integer> served = new HashMap<>();

    for (int i = 0; i < 200; i++) {
      served.merge(chat(key, "spread", "session-" + i), 1, Integer::sum);
    }

    int light = served.getOrDefault(ids.get(0), 0);
    int heavy = served.getOrDefault(ids.get(1), 0);
    assertEquals(200, light + heavy);
    assertTrue(light >= 30 && light <= 70, "weight 1 of 4 served " + light + " of 200");
    assertEquals(light, upstreams.get(0).requests.get());
    assertEquals(heavy, upstreams.get(1).requests.get());
  }

  @Test
  void eachSessionStaysOnOneUpstreamWhateverNamesIt() throws IOException {
    balanced("sticky", 1, 1, 1);
    IssuedKey key = key("sticky");
    Map<String, Set<String>> servedBy = new HashMap<>();

    for (int s = 0; s < 4; s++) {
      for (int i = 0; i < 20; i++) {
        String session = "s-" + s;
        servedBy
            .computeIfAbsent("claude-code " + s, k -> new HashSet<>())
            .add(chat(key, "sticky", session));
        servedBy
            .computeIfAbsent("codex " + s, k -> new HashSet<>())
            .add(
                send(
                    key,
                    "/v1/chat/completions",
                    CHAT.formatted("sticky", ""),
                    Map.of("session_id", "codex-" + session)));
        servedBy
            .computeIfAbsent("prompt_cache_key " + s, k -> new HashSet<>())
            .add(
                send(
                    key,
                    "/v1/chat/completions",
                    CHAT.formatted("sticky", ",\"prompt_cache_key\":\"cache-" + session + "\""),
                    Map.of()));
        servedBy
            .computeIfAbsent("metadata.user_id " + s, k -> new HashSet<>())
            .add(
                send(
                    key,
                    "/v1/messages",
                    "{\"model\":\"sticky\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"hi\"}],\"metadata\":{\"user_id\":\"user-"
                        + session
                        + "\"}}",
                    Map.of("anthropic-version", "2023-06-01")));
      }
    }

    servedBy.forEach(
        (session, backends) -> assertEquals(1, backends.size(), session + " went to " + backends));
    Set<String> used = new HashSet<>();
    servedBy.values().forEach(used::addAll);
    assertTrue(used.size() > 1, "sixteen sessions use more than one of three upstreams");
  }

  @Test
  void aSessionWhoseBackendFailsMovesOnceAndStaysAfterItRecovers() throws IOException {
    List<String> ids = balanced("moving", 1, 1);
    IssuedKey key = key("moving");
    List<String> onFirst = new ArrayList<>();
    for (int i = 0; onFirst.size() < 2; i++) {
      if (chat(key, "moving", "session-" + i).equals(ids.get(0))) {
        onFirst.add("session-" + i);
      }
    }
    String moved = onFirst.get(0);
    String kept = onFirst.get(1);
    Upstream first = upstreams.get(0);

    first.failing = true;
    int before = first.requests.get();
    assertEquals(ids.get(1), chat(key, "moving", moved), "the session fails over");
    assertEquals(before + 1, first.requests.get(), "the failing upstream was tried once");
    first.failing = false;

    for (int i = 0; i < 20; i++) {
      assertEquals(ids.get(1), chat(key, "moving", moved), "the moved session stays");
      assertEquals(ids.get(0), chat(key, "moving", kept), "the recovered upstream serves on");
    }
    assertEquals(before + 1 + 20, first.requests.get(), "the moved session never went back");
  }

  @Test
  void aFailoverModelStillTriesItsFirstBackendForEverySession() throws IOException {
    Model model =
        harness.publish(
            "failover",
            ProviderKind.OPENAI_COMPATIBLE,
            Map.of("firstByteTimeoutSeconds", "10"),
            upstreams.stream().map(u -> u.server.url("/v1")).toList());
    IssuedKey key = harness.keyFor("failover-user", model);
    String first = model.backends().get(0).id().value();

    for (int i = 0; i < 20; i++) {
      assertEquals(first, chat(key, "failover", "session-" + i));
    }
    upstreams.get(0).failing = true;
    assertNotEquals(first, chat(key, "failover", "session-0"));
    upstreams.get(0).failing = false;
    assertEquals(first, chat(key, "failover", "session-0"), "failover has no session memory");
    assertEquals(22, upstreams.get(0).requests.get());
  }
}
