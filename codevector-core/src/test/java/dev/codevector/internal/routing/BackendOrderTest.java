package dev.codevector.internal.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.registry.Backend;
import dev.codevector.registry.BackendDefaults;
import dev.codevector.registry.BackendId;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.ModelKind;
import dev.codevector.registry.ModelStatus;
import dev.codevector.registry.ProviderModelId;
import dev.codevector.registry.RoutingStrategy;
import dev.codevector.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class BackendOrderTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final int SESSIONS = 20_000;

  private final FakeClock clock = new FakeClock(T0);
  private final BackendOrder order = new BackendOrder(clock);

  private static Backend backend(String id, int priority, int weight) {
    return new Backend(
        BackendId.of(id),
        ProviderModelId.of("pm-" + id),
        priority,
        weight,
        BackendDefaults.none(),
        T0,
        T0);
  }

  private static Model model(RoutingStrategy routing, Backend... backends) {
    return new Model(
        ModelId.of("model-1"),
        "chat",
        "Chat",
        ModelKind.CHAT,
        ModelStatus.ACTIVE,
        routing,
        List.of(backends),
        1,
        T0,
        T0);
  }

  private static Map<String, List<String>> session(String id) {
    return Map.of("x-claude-code-session-id", List.of(id));
  }

  private List<Backend> of(Model model, String session) {
    return order.of(model, session(session), Optional.empty());
  }

  private static List<String> ids(List<Backend> backends) {
    return backends.stream().map(b -> b.id().value()).toList();
  }

  /** How often each Backend goes first, as a share of the orders drawn. */
  private static Map<String, Double> firstShares(List<List<Backend>> orders) {
    Map<String, Double> shares = new HashMap<>();
    for (List<Backend> o : orders) {
      shares.merge(o.get(0).id().value(), 1.0 / orders.size(), Double::sum);
    }
    return shares;
  }

  private static void assertShare(double expected, Double actual, String backend) {
    assertTrue(
        actual != null && Math.abs(actual - expected) < 0.02,
        backend + " goes first in " + actual + " of the orders, not about " + expected);
  }

  @Test
  void aFailoverModelIsTriedInItsRouteOrderAsHeld() {
    Model failover = model(RoutingStrategy.FAILOVER, backend("a", 1, 1), backend("b", 1, 9));

    assertSame(failover.backends(), of(failover, "s-1"));
    assertSame(failover.backends(), order.of(failover, Map.of(), Optional.empty()));
  }

  @Test
  void sessionsSpreadOverTheBackendsByWeight() {
    Model balanced =
        model(RoutingStrategy.BALANCED, backend("a", 1, 1), backend("b", 1, 3), backend("c", 1, 6));

    Map<String, Double> shares =
        firstShares(
            IntStream.range(0, SESSIONS).mapToObj(i -> of(balanced, "session-" + i)).toList());

    assertShare(0.1, shares.get("a"), "a");
    assertShare(0.3, shares.get("b"), "b");
    assertShare(0.6, shares.get("c"), "c");
  }

  @Test
  void requestsWithoutASessionSpreadAtRandomByWeight() {
    Model balanced = model(RoutingStrategy.BALANCED, backend("a", 1, 1), backend("b", 1, 3));

    Map<String, Double> shares =
        firstShares(
            IntStream.range(0, SESSIONS)
                .mapToObj(i -> order.of(balanced, Map.of(), Optional.empty()))
                .toList());

    assertShare(0.25, shares.get("a"), "a");
    assertShare(0.75, shares.get("b"), "b");
  }

  @Test
  void aSessionGetsTheSameOrderEachTimeFromHeaderOrBody() {
    Model balanced =
        model(RoutingStrategy.BALANCED, backend("a", 1, 1), backend("b", 1, 1), backend("c", 1, 1));
    List<String> first = ids(of(balanced, "conversation-7"));

    for (int i = 0; i < 20; i++) {
      assertEquals(first, ids(of(balanced, "conversation-7")));
    }
    assertEquals(
        first, ids(order.of(balanced, Map.of(), Optional.of("conversation-7"))), "body session");
    assertEquals(
        first,
        ids(order.of(balanced, session("conversation-7"), Optional.of("other"))),
        "the header's session comes before the body's");
    assertEquals(
        first,
        ids(
            order.of(
                balanced, Map.of("session_id", List.of(" conversation-7\n")), Optional.empty())),
        "a session is cleaned before it is hashed");
  }

  @Test
  void independentReplicasChooseTheSameOrderForEverySession() {
    Model balanced =
        model(RoutingStrategy.BALANCED, backend("a", 1, 2), backend("b", 1, 5), backend("c", 2, 1));
    BackendOrder other = new BackendOrder(new FakeClock(T0.plusSeconds(999)));

    for (int i = 0; i < 1_000; i++) {
      String session = "session-" + i;
      assertEquals(
          ids(of(balanced, session)),
          ids(other.of(balanced, session(session), Optional.empty())),
          session);
    }
  }

  @Test
  void anotherModelOrdersTheSameSessionsOnItsOwn() {
    Model balanced = model(RoutingStrategy.BALANCED, backend("a", 1, 1), backend("b", 1, 1));
    Model otherModel =
        new Model(
            ModelId.of("model-2"),
            "other",
            "Other",
            ModelKind.CHAT,
            ModelStatus.ACTIVE,
            RoutingStrategy.BALANCED,
            balanced.backends(),
            1,
            T0,
            T0);

    long differing =
        IntStream.range(0, 200)
            .filter(
                i ->
                    !ids(of(balanced, "s-" + i))
                        .equals(ids(order.of(otherModel, session("s-" + i), Optional.empty()))))
            .count();

    assertTrue(differing > 50, "the Model is part of the hash: " + differing + " of 200 differ");
  }

  @Test
  void aSessionMovesOnceToTheBackendThatServedItAndStaysThere() {
    Model balanced =
        model(RoutingStrategy.BALANCED, backend("a", 1, 1), backend("b", 1, 1), backend("c", 1, 1));
    List<Backend> firstOrder = of(balanced, "s-1");
    Backend chosen = firstOrder.get(0);
    order.served(firstOrder, chosen);
    assertEquals(ids(firstOrder), ids(of(balanced, "s-1")), "serving as chosen changes nothing");

    // The chosen Backend failed, so the next one in the order served.
    Backend next = firstOrder.get(1);
    order.served(of(balanced, "s-1"), next);

    for (int i = 0; i < 20; i++) {
      List<Backend> later = of(balanced, "s-1");
      assertEquals(next, later.get(0), "the session stays with the Backend that served it");
      assertEquals(Set.copyOf(firstOrder), Set.copyOf(later), "the others follow to fail over");
      order.served(later, later.get(0));
    }
    BackendOrder otherReplica = new BackendOrder(clock);
    assertEquals(
        chosen,
        otherReplica.of(balanced, session("s-1"), Optional.empty()).get(0),
        "what served a session is remembered per replica");
  }

  @Test
  void aLowerPriorityComesOnlyAfterEveryBackendOfAHigherOne() {
    Model balanced =
        model(
            RoutingStrategy.BALANCED,
            backend("a", 1, 1),
            backend("b", 1, 1),
            backend("c", 2, 100),
            backend("d", 2, 100));

    for (int i = 0; i < 500; i++) {
      List<Backend> o = of(balanced, "s-" + i);
      assertEquals(Set.of("a", "b"), Set.copyOf(ids(o.subList(0, 2))));
      assertEquals(Set.of("c", "d"), Set.copyOf(ids(o.subList(2, 4))));
    }

    List<Backend> o = of(balanced, "s-1");
    order.served(o, o.get(3));
    List<Backend> after = of(balanced, "s-1");
    assertEquals(
        Set.of("a", "b"),
        Set.copyOf(ids(after.subList(0, 2))),
        "a session served by a lower priority goes back to the higher one");
    assertEquals(o.get(3), after.get(2), "and first in its own priority");
  }

  @Test
  void theMemoryOfSessionsIsBounded() {
    BackendOrder small = new BackendOrder(100, clock);
    Model balanced = model(RoutingStrategy.BALANCED, backend("a", 1, 1), backend("b", 1, 1));

    for (int i = 0; i < 1_000; i++) {
      List<Backend> o = small.of(balanced, session("s-" + i), Optional.empty());
      small.served(o, o.get(1));
    }

    assertTrue(small.sessionsRemembered() <= 100, small.sessionsRemembered() + " remembered");
  }

  @Test
  void aSessionIdleForAnHourIsForgotten() {
    Model balanced = model(RoutingStrategy.BALANCED, backend("a", 1, 1), backend("b", 1, 1));
    List<Backend> o = of(balanced, "kept");
    order.served(o, o.get(1));

    clock.advance(BackendOrder.SESSION_IDLE.minus(Duration.ofMinutes(1)));
    assertEquals(o.get(1), of(balanced, "kept").get(0));
    clock.advance(BackendOrder.SESSION_IDLE.minus(Duration.ofMinutes(1)));
    assertEquals(o.get(1), of(balanced, "kept").get(0), "each request keeps it remembered");

    clock.advance(BackendOrder.SESSION_IDLE.plusSeconds(1));
    assertEquals(o.get(0), of(balanced, "kept").get(0), "an idle session is forgotten");
    assertEquals(0, order.sessionsRemembered());
  }
}
