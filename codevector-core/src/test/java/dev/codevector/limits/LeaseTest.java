package dev.codevector.limits;

import static dev.codevector.limits.LimitFixture.budget;
import static dev.codevector.limits.LimitFixture.demand;
import static dev.codevector.limits.LimitFixture.figures;
import static dev.codevector.limits.LimitFixture.requestsPerMinute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.internal.DefaultLimits;
import dev.codevector.registry.Model;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The room a process leases of a limit with room to spare: most requests are admitted without the
 * store, no process ever takes a counter past its cap, and room a process holds unused comes back
 * to the others.
 */
final class LeaseTest {
  private final LimitFixture fixture = new LimitFixture();
  private final Model model = fixture.model("gpt");

  @Test
  void aLimitWithRoomToSpareIsReservedInTheStoreOnceForManyRequests() {
    Limit limit = fixture.limits.create(requestsPerMinute(new LimitScope.All(), 100_000));
    Admission admission = fixture.limits.admission(Subject.anyone());

    for (int i = 0; i < 640; i++) {
      admission.admit(model, demand(1, "0")).settle(1, BigDecimal.ZERO);
    }

    assertTrue(
        fixture.store.reserves.get() <= 12,
        "640 requests took " + fixture.store.reserves.get() + " reservations in the store");
    fixture.awaitSettlements();
    assertEquals(
        List.of("640 used, 0 reserved, 99360 left"), figures(fixture.limits.status(limit.id())));
  }

  @Test
  void roomOneProcessHoldsUnusedComesBackToTheOthersAndTheCapIsNeverPassed() {
    Limit limit = fixture.limits.create(requestsPerMinute(new LimitScope.All(), 6_400));
    DefaultLimits other = otherProcess();
    Admission first = fixture.limits.admission(Subject.anyone());
    Admission second = other.admission(Subject.anyone());
    for (int i = 0; i < 100; i++) {
      first.admit(model, demand(1, "0")).settle(1, BigDecimal.ZERO);
    }

    int admittedBeforeGivingBack = admitUntilRefused(second);
    assertTrue(
        admittedBeforeGivingBack < 6_300,
        "the first process holds room unused: " + admittedBeforeGivingBack);
    fixture.awaitSettlements();
    int admittedAfter = admitUntilRefused(second);

    assertEquals(6_300, admittedBeforeGivingBack + admittedAfter);
    other.close();
    assertEquals(
        List.of("6400 used, 0 reserved, 0 left"), figures(fixture.limits.status(limit.id())));
  }

  @Test
  void concurrentRequestsOnTwoProcessesNeverPassTheCap() throws Exception {
    Limit limit = fixture.limits.create(requestsPerMinute(new LimitScope.All(), 3_000));
    DefaultLimits other = otherProcess();
    AtomicInteger admitted = new AtomicInteger();
    List<Callable<Void>> requests = new ArrayList<>();
    for (Admission admission :
        List.of(fixture.limits.admission(Subject.anyone()), other.admission(Subject.anyone()))) {
      for (int i = 0; i < 2_500; i++) {
        requests.add(
            () -> {
              try {
                admission.admit(model, demand(1, "0")).settle(1, BigDecimal.ZERO);
                admitted.incrementAndGet();
              } catch (LimitExceededException e) {
                // refused: the cap is reached
              }
              return null;
            });
      }
    }

    LimitFixture.runAtOnce(requests);
    fixture.awaitSettlements();
    other.close();

    assertTrue(admitted.get() <= 3_000, "admitted past the cap: " + admitted.get());
    assertTrue(admitted.get() >= 3_000 - 2 * 64, "too much room was left held: " + admitted.get());
    assertEquals(
        List.of(admitted.get() + " used, 0 reserved, " + (3_000 - admitted.get()) + " left"),
        figures(fixture.limits.status(limit.id())));
  }

  @Test
  void aLoweredCapAppliesAtOnceThoughRoomWasLeasedUnderTheOldOne() {
    Limit limit = fixture.limits.create(requestsPerMinute(new LimitScope.All(), 100_000));
    Admission admission = fixture.limits.admission(Subject.anyone());
    for (int i = 0; i < 200; i++) {
      admission.admit(model, demand(1, "0")).settle(1, BigDecimal.ZERO);
    }

    fixture.limits.update(limit.id(), requestsPerMinute(new LimitScope.All(), 250));

    assertEquals(50, admitUntilRefused(admission));
  }

  @Test
  void roomLeftUnusedIsGivenBackWhenTheProcessFallsIdle() throws Exception {
    Limit limit = fixture.limits.create(budget(new LimitScope.All(), "100", BudgetPeriod.DAY));
    Admission admission = fixture.limits.admission(Subject.anyone());
    for (int i = 0; i < 10; i++) {
      admission.admit(model, demand(10, "0.01")).settle(10, new BigDecimal("0.004"));
    }

    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    List<String> figures = figures(fixture.limits.status(limit.id()));
    while (!figures.equals(List.of("0.04 used, 0 reserved, 99.96 left"))
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
      figures = figures(fixture.limits.status(limit.id()));
    }

    assertEquals(List.of("0.04 used, 0 reserved, 99.96 left"), figures);
  }

  private DefaultLimits otherProcess() {
    return new DefaultLimits(fixture.test.store, fixture.clock, LimitPolicy.OPEN);
  }

  private int admitUntilRefused(Admission admission) {
    int admitted = 0;
    while (true) {
      try {
        admission.admit(model, demand(1, "0")).settle(1, BigDecimal.ZERO);
        admitted++;
      } catch (LimitExceededException e) {
        return admitted;
      }
    }
  }
}
