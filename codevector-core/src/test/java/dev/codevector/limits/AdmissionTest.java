package dev.codevector.limits;

import static dev.codevector.limits.LimitFixture.budget;
import static dev.codevector.limits.LimitFixture.demand;
import static dev.codevector.limits.LimitFixture.everyCap;
import static dev.codevector.limits.LimitFixture.requestsPerMinute;
import static dev.codevector.limits.LimitFixture.requestsPerMinuteOn;
import static dev.codevector.limits.LimitFixture.tokensPerMinute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.access.Group;
import dev.codevector.registry.Model;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which limits apply to a request, and how their caps admit or refuse it. */
final class AdmissionTest {
  private final LimitFixture fixture = new LimitFixture();
  private final Limits limits = fixture.limits;
  private final Model model = fixture.model("gpt");
  private final Model other = fixture.model("claude");
  private final Group team = fixture.test.access.createGroup("team");
  private final Subject ada = fixture.subject("ada", team);
  private final Subject bob = fixture.subject("bob");

  @Test
  void aRequestUnderNoLimitTouchesNoStoreBeyondTheListOfLimits() {
    limits.create(requestsPerMinute(new LimitScope.User(bob.userId().orElseThrow()), 1));
    int before = fixture.store.calls.get();

    Ticket ticket = limits.admission(ada).admit(model, demand(10, "0.01"));
    ticket.settle(10, new BigDecimal("0.01"));

    assertSame(Ticket.UNLIMITED, ticket);
    assertEquals(before + 1, fixture.store.calls.get());
  }

  @Test
  void eachScopeCoversItsOwnRequests() {
    LimitScope key = new LimitScope.Key(ada.keyId().orElseThrow());
    LimitScope user = new LimitScope.User(ada.userId().orElseThrow());
    LimitScope group = new LimitScope.Group(team.id());
    for (LimitScope scope : new LimitScope[] {key, user, group, new LimitScope.All()}) {
      Limit limit = limits.create(requestsPerMinute(scope, 10));
      boolean everyone = scope instanceof LimitScope.All;

      assertNotSame(Ticket.UNLIMITED, limits.admission(ada).admit(model, demand(1, "0")), "ada");
      assertEquals(everyone, limited(limits.admission(bob).admit(model, demand(1, "0"))), "bob");
      assertEquals(
          everyone, limited(limits.admission(Subject.anyone()).admit(model, demand(1, "0"))));

      limits.delete(limit.id());
    }
  }

  @Test
  void aLimitForOneModelLeavesTheOthersAlone() {
    limits.create(requestsPerMinuteOn(model.id(), 1));

    limits.admission(ada).admit(model, demand(1, "0"));

    assertThrows(
        LimitExceededException.class, () -> limits.admission(bob).admit(model, demand(1, "0")));
    assertSame(Ticket.UNLIMITED, limits.admission(bob).admit(other, demand(1, "0")));
  }

  @Test
  void requestsPerMinuteAdmitExactlyTheCapThenResetWithTheNextMinute() {
    Limit limit = limits.create(requestsPerMinute(new LimitScope.All(), 3));
    Admission admission = limits.admission(ada);
    for (int i = 0; i < 3; i++) {
      admission.admit(model, demand(1, "0")).settle(1, BigDecimal.ZERO);
    }

    LimitExceededException refused =
        assertThrows(LimitExceededException.class, () -> admission.admit(model, demand(1, "0")));

    Instant nextMinute = Instant.parse("2026-11-21T10:01:00Z");
    assertEquals(limit.id(), refused.limit().id());
    assertEquals(Cap.REQUESTS_PER_MINUTE, refused.cap());
    assertEquals(nextMinute, refused.resetsAt());
    assertEquals(Duration.between(fixture.clock.instant(), nextMinute), refused.retryAfter());
    assertTrue(refused.getMessage().contains("3 requests per minute"), refused.getMessage());

    fixture.clock.advance(Duration.between(fixture.clock.instant(), nextMinute));
    admission.admit(model, demand(1, "0"));
  }

  @Test
  void tokensPerMinuteCountTheDemandsCeiling() {
    limits.create(tokensPerMinute(new LimitScope.All(), 1000));
    Admission admission = limits.admission(ada);
    admission.admit(model, new Demand(300, 400, BigDecimal.ZERO));

    LimitExceededException refused =
        assertThrows(
            LimitExceededException.class,
            () -> admission.admit(model, new Demand(100, 201, BigDecimal.ZERO)));

    assertEquals(Cap.TOKENS_PER_MINUTE, refused.cap());
    admission.admit(model, new Demand(100, 200, BigDecimal.ZERO));
  }

  @Test
  void aDailyBudgetCountsDecimalsAndStartsAgainAtMidnight() {
    limits.create(budget(new LimitScope.All(), "1.000001", BudgetPeriod.DAY));
    Admission admission = limits.admission(ada);
    admission.admit(model, demand(0, "0.5")).settle(10, new BigDecimal("0.500001"));
    fixture.awaitSettlements();
    admission.admit(model, demand(0, "0.5"));

    LimitExceededException refused =
        assertThrows(
            LimitExceededException.class, () -> admission.admit(model, demand(0, "0.000001")));

    assertEquals(Cap.BUDGET, refused.cap());
    assertEquals(Instant.parse("2026-11-22T00:00:00Z"), refused.resetsAt());
    assertTrue(refused.getMessage().contains("1.000001 USD a day"), refused.getMessage());
    fixture.clock.advance(Duration.ofHours(14));
    admission.admit(model, demand(0, "1.000001"));
  }

  @Test
  void aWeeklyBudgetRunsFromMondayToMonday() {
    limits.create(budget(new LimitScope.All(), "1", BudgetPeriod.WEEK));
    Admission admission = limits.admission(ada);
    admission.admit(model, demand(0, "1"));
    fixture.clock.advance(Duration.ofDays(1));

    LimitExceededException refused =
        assertThrows(LimitExceededException.class, () -> admission.admit(model, demand(0, "0.01")));

    assertEquals(Instant.parse("2026-11-23T00:00:00Z"), refused.resetsAt());
    fixture.clock.advance(Duration.ofDays(1));
    admission.admit(model, demand(0, "1"));
  }

  @Test
  void aMonthlyBudgetRunsToTheFirstOfTheNextMonth() {
    limits.create(budget(new LimitScope.All(), "20", BudgetPeriod.MONTH));
    Admission admission = limits.admission(ada);
    admission.admit(model, demand(0, "19.99"));

    LimitExceededException refused =
        assertThrows(LimitExceededException.class, () -> admission.admit(model, demand(0, "0.02")));

    assertEquals(Instant.parse("2026-12-01T00:00:00Z"), refused.resetsAt());
    fixture.clock.advance(Duration.ofDays(10));
    admission.admit(model, demand(0, "20"));
  }

  @Test
  void aRequestIsReservedOnEveryLimitOrOnNone() {
    Limit generous = limits.create(requestsPerMinute(new LimitScope.All(), 10));
    Limit tight =
        limits.create(requestsPerMinute(new LimitScope.User(ada.userId().orElseThrow()), 1));
    Admission admission = limits.admission(ada);
    admission.admit(model, demand(1, "0"));

    LimitExceededException refused =
        assertThrows(LimitExceededException.class, () -> admission.admit(model, demand(1, "0")));

    assertEquals(tight.id(), refused.limit().id());
    assertEquals(BigDecimal.ONE, reserved(generous, Cap.REQUESTS_PER_MINUTE));
    assertEquals(BigDecimal.ONE, reserved(tight, Cap.REQUESTS_PER_MINUTE));
  }

  @Test
  void aLimitWithEveryCapReservesOnBothMeters() {
    Limit limit = limits.create(everyCap(5, 500, "10", BudgetPeriod.DAY));

    limits.admission(ada).admit(model, demand(120, "0.25"));

    assertEquals(BigDecimal.ONE, reserved(limit, Cap.REQUESTS_PER_MINUTE));
    assertEquals(BigDecimal.valueOf(120), reserved(limit, Cap.TOKENS_PER_MINUTE));
    assertEquals(new BigDecimal("0.25"), reserved(limit, Cap.BUDGET));
  }

  @Test
  void countersOfWindowsEndedOverAnHourAgoArePrunedAtMostOnceAMinute() {
    Limit limit = limits.create(requestsPerMinute(new LimitScope.All(), 10));
    Admission admission = limits.admission(ada);
    admission.admit(model, demand(1, "0"));
    fixture.clock.advance(Duration.ofMinutes(61));
    int before = fixture.store.calls.get();

    admission.admit(model, demand(1, "0"));
    int pruning = fixture.store.calls.get() - before;
    admission.admit(model, demand(1, "0"));
    int notPruning = fixture.store.calls.get() - before - pruning;

    assertEquals(3, pruning, "list, prune, reserve");
    assertEquals(2, notPruning, "list, reserve");
    assertEquals(
        List.of(Instant.parse("2026-11-21T11:01:00Z")),
        fixture.test.store.limits().counters(limit.id()).stream()
            .map(counter -> counter.window().start())
            .toList());
  }

  private BigDecimal reserved(Limit limit, Cap cap) {
    fixture.awaitSettlements();
    return limits.status(limit.id()).caps().stream()
        .filter(status -> status.cap() == cap)
        .findFirst()
        .orElseThrow()
        .reserved();
  }

  private static boolean limited(Ticket ticket) {
    return ticket != Ticket.UNLIMITED;
  }
}
