package dev.codevector.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.registry.BackendDefaults;
import dev.codevector.registry.ProviderKind;
import dev.codevector.testing.RouterHarness;
import dev.codevector.testing.ScriptedUpstream;
import dev.codevector.testing.ScriptedUpstream.Step;
import dev.codevector.wire.Dialect;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class CancellationTest {
  private final RouterHarness harness = new RouterHarness();
  private ScriptedUpstream upstream;

  @AfterEach
  void stop() throws Exception {
    harness.close();
    upstream.close();
  }

  @Test
  void closingAStreamMidwayCancelsTheUpstreamCall() throws Exception {
    upstream =
        new ScriptedUpstream(
            IntStream.range(0, 1_000)
                .mapToObj(n -> new Step(20, "data: {\"n\":" + n + "}\n\n"))
                .toList());
    harness.publish(
        "chat",
        BackendDefaults.none(),
        harness.chatModel(
            harness.provider(
                "slow",
                ProviderKind.OPENAI_COMPATIBLE,
                Map.of("baseUrl", upstream.baseUrl()),
                null),
            "m"));
    RouteResponse response =
        harness.route(Dialect.OPENAI_CHAT, "{\"model\":\"chat\",\"stream\":true,\"messages\":[]}");
    assertEquals("{\"n\":0}", response.nextEvent().orElseThrow().data());

    response.close();

    assertTrue(upstream.clientLeft().await(10, TimeUnit.SECONDS));
  }
}
