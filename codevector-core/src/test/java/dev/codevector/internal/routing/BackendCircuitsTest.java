package dev.codevector.internal.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.registry.BackendId;
import dev.codevector.routing.CircuitState;
import dev.codevector.routing.RouterListener;
import dev.codevector.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class BackendCircuitsTest {
  private static final BackendId BACKEND = BackendId.of("b-1");
  private static final Duration COOLDOWN = Duration.ofSeconds(30);

  private final FakeClock clock = new FakeClock();
  private final List<CircuitState> changes = new ArrayList<>();
  private final BackendCircuits circuits =
      new BackendCircuits(
          3,
          COOLDOWN,
          RouterListener.onCircuitChanged((backendId, state) -> changes.add(state)),
          clock);

  @Test
  void opensAfterThreeConsecutiveFailures() {
    fail(2);
    assertTrue(circuits.tryAcquire(BACKEND).isPresent());

    fail(1);

    assertFalse(circuits.tryAcquire(BACKEND).isPresent());
    assertEquals(List.of(CircuitState.OPEN), changes);
  }

  @Test
  void aSuccessResetsTheCountOfFailures() {
    fail(2);
    circuits.tryAcquire(BACKEND).orElseThrow().succeeded();

    fail(2);

    assertTrue(circuits.tryAcquire(BACKEND).isPresent());
  }

  @Test
  void retryAfterOpensAtOnceForExactlyThatLong() {
    circuits.tryAcquire(BACKEND).orElseThrow().failed(Optional.of(Duration.ofSeconds(2)));

    clock.advance(Duration.ofMillis(1_999));
    assertFalse(circuits.tryAcquire(BACKEND).isPresent());
    clock.advance(Duration.ofMillis(1));

    assertTrue(circuits.tryAcquire(BACKEND).isPresent());
  }

  @Test
  void afterTheCooldownOneProbeIsLetThroughAndItsSuccessCloses() {
    open();
    clock.advance(COOLDOWN);

    BackendCircuits.Permit probe = circuits.tryAcquire(BACKEND).orElseThrow();
    assertFalse(circuits.tryAcquire(BACKEND).isPresent());
    probe.succeeded();

    assertTrue(circuits.tryAcquire(BACKEND).isPresent());
    assertEquals(List.of(CircuitState.OPEN, CircuitState.HALF_OPEN, CircuitState.CLOSED), changes);
  }

  @Test
  void aFailedProbeOpensAgainForAnotherCooldown() {
    open();
    clock.advance(COOLDOWN);

    circuits.tryAcquire(BACKEND).orElseThrow().failed(Optional.empty());

    assertFalse(circuits.tryAcquire(BACKEND).isPresent());
    clock.advance(COOLDOWN);
    assertTrue(circuits.tryAcquire(BACKEND).isPresent());
  }

  @Test
  void aProbeGivenBackWithoutVerdictLetsTheNextRequestProbe() {
    open();
    clock.advance(COOLDOWN);
    for (int i = 0; i < 3; i++) {
      circuits.tryAcquire(BACKEND).orElseThrow().close();
    }

    BackendCircuits.Permit probe = circuits.tryAcquire(BACKEND).orElseThrow();
    probe.succeeded();

    assertEquals(List.of(CircuitState.OPEN, CircuitState.HALF_OPEN, CircuitState.CLOSED), changes);
  }

  @Test
  void aPermitCountsOnceWhateverIsCalledAfterItsVerdict() {
    BackendCircuits.Permit permit = circuits.tryAcquire(BACKEND).orElseThrow();
    permit.succeeded();
    permit.failed(Optional.of(Duration.ofMinutes(1)));
    permit.close();

    assertTrue(circuits.tryAcquire(BACKEND).isPresent());
    assertEquals(List.of(), changes);
  }

  @Test
  void aVerdictFromBeforeTheCircuitOpenedDoesNotCloseIt() {
    BackendCircuits.Permit late = circuits.tryAcquire(BACKEND).orElseThrow();
    open();

    late.succeeded();

    assertFalse(circuits.tryAcquire(BACKEND).isPresent());
  }

  @Test
  void theCooldownLeftIsTheTimeUntilTheCircuitLetsARequestThrough() {
    assertEquals(Optional.empty(), circuits.cooldownLeft(BACKEND));
    circuits.tryAcquire(BACKEND).orElseThrow().failed(Optional.of(Duration.ofSeconds(5)));

    clock.advance(Duration.ofSeconds(2));
    assertEquals(Optional.of(Duration.ofSeconds(3)), circuits.cooldownLeft(BACKEND));
    clock.advance(Duration.ofMillis(2_500));
    assertEquals(Optional.of(Duration.ofSeconds(1)), circuits.cooldownLeft(BACKEND));
    clock.advance(Duration.ofMillis(500));

    assertEquals(Optional.empty(), circuits.cooldownLeft(BACKEND));
    circuits.tryAcquire(BACKEND).orElseThrow();
    assertEquals(Optional.of(Duration.ofSeconds(1)), circuits.cooldownLeft(BACKEND));
  }

  private void open() {
    fail(3);
  }

  private void fail(int times) {
    for (int i = 0; i < times; i++) {
      circuits.tryAcquire(BACKEND).orElseThrow().failed(Optional.empty());
    }
  }
}
