package dev.codevector.limits;

import static dev.codevector.limits.LimitFixture.budget;
import static dev.codevector.limits.LimitFixture.demand;
import static dev.codevector.limits.LimitFixture.everyCap;
import static dev.codevector.limits.LimitFixture.figures;
import static dev.codevector.limits.LimitFixture.requestsPerMinute;
import static dev.codevector.limits.LimitFixture.requestsPerMinuteOn;
import static dev.codevector.limits.LimitFixture.tokensPerMinute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.access.UserId;
import dev.codevector.access.UserNotFoundException;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.ModelNotFoundException;
import dev.codevector.registry.ValidationException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Managing limits, and where each one stands. */
final class LimitsTest {
  private final LimitFixture fixture = new LimitFixture();
  private final Limits limits = fixture.limits;
  private final Model model = fixture.model("gpt");

  @Test
  void aCreatedLimitIsStoredAndListedOldestFirst() {
    Limit first = limits.create(requestsPerMinute(new LimitScope.All(), 60));
    fixture.clock.advance(Duration.ofSeconds(1));
    Limit second = limits.create(budget(new LimitScope.All(), "12.50", BudgetPeriod.MONTH));

    assertEquals(1, first.version());
    assertEquals(fixture.clock.instant(), second.createdAt());
    assertEquals(Optional.of(first), limits.find(first.id()));
    assertEquals(List.of(first, second), limits.list());
  }

  @Test
  void anUpdateReplacesTheSpecAndKeepsTheCounters() {
    Limit limit = limits.create(requestsPerMinute(new LimitScope.All(), 2));
    limits.admission(Subject.anyone()).admit(model, demand(1, "0")).settle(1, BigDecimal.ZERO);
    fixture.clock.advance(Duration.ofSeconds(5));

    Limit updated = limits.update(limit.id(), requestsPerMinute(new LimitScope.All(), 5));

    assertEquals(OptionalLong.of(5), updated.spec().requestsPerMinute());
    assertEquals(limit.createdAt(), updated.createdAt());
    assertEquals(fixture.clock.instant(), updated.updatedAt());
    assertEquals(2, updated.version());
    fixture.awaitSettlements();
    assertEquals(List.of("1 used, 0 reserved, 4 left"), figures(limits.status(limit.id())));
  }

  @Test
  void updatingOrDeletingAMissingLimitFails() {
    LimitId missing = LimitId.of("missing");
    LimitSpec spec = requestsPerMinute(new LimitScope.All(), 1);

    assertEquals(
        missing,
        assertThrows(LimitNotFoundException.class, () -> limits.update(missing, spec)).limitId());
    assertThrows(LimitNotFoundException.class, () -> limits.delete(missing));
    assertThrows(LimitNotFoundException.class, () -> limits.status(missing));
  }

  @Test
  void aDeletedLimitIsGoneAndNoLongerApplies() {
    Limit limit = limits.create(requestsPerMinute(new LimitScope.All(), 1));
    limits.admission(Subject.anyone()).admit(model, demand(1, "0"));

    limits.delete(limit.id());

    assertEquals(Optional.empty(), limits.find(limit.id()));
    assertEquals(List.of(), limits.list());
    assertEquals(Ticket.UNLIMITED, limits.admission(Subject.anyone()).admit(model, demand(1, "0")));
  }

  @Test
  void aLimitNamingAMissingModelOrUserIsRefused() {
    LimitSpec onMissingModel = requestsPerMinuteOn(ModelId.of("missing"), 1);

    assertThrows(ModelNotFoundException.class, () -> limits.create(onMissingModel));
    assertThrows(
        UserNotFoundException.class,
        () -> limits.create(tokensPerMinute(new LimitScope.User(UserId.of("missing")), 1)));
    assertEquals(List.of(), limits.list());
  }

  @Test
  void aSpecWithoutCapsOrWithANonPositiveCapIsInvalid() {
    ValidationException none =
        assertThrows(
            ValidationException.class,
            () ->
                new LimitSpec(
                    new LimitScope.All(),
                    Optional.empty(),
                    OptionalLong.empty(),
                    OptionalLong.empty(),
                    Optional.empty()));
    ValidationException zero =
        assertThrows(ValidationException.class, () -> requestsPerMinute(new LimitScope.All(), 0));

    assertEquals("limit", none.field());
    assertEquals("requestsPerMinute", zero.field());
    assertThrows(
        ValidationException.class,
        () -> budget(new LimitScope.All(), "0.0000001", BudgetPeriod.DAY));
  }

  @Test
  void statusShowsEachCapsUseReservationsAndRoomInItsCurrentWindow() {
    Limit limit = limits.create(everyCap(10, 1000, "2.5", BudgetPeriod.WEEK));
    Admission admission = limits.admission(Subject.anyone());
    admission.admit(model, demand(300, "0.75")).settle(120, new BigDecimal("0.3"));
    admission.admit(model, demand(200, "0.5"));
    fixture.awaitSettlements();

    LimitStatus status = limits.status(limit.id());

    assertEquals(limit, status.limit());
    assertEquals(
        List.of(Cap.REQUESTS_PER_MINUTE, Cap.TOKENS_PER_MINUTE, Cap.BUDGET),
        status.caps().stream().map(CapStatus::cap).toList());
    assertEquals(
        List.of(
            "1 used, 1 reserved, 8 left",
            "120 used, 200 reserved, 680 left",
            "0.3 used, 0.5 reserved, 1.7 left"),
        figures(status));
    assertEquals(
        List.of(
            Instant.parse("2026-11-21T10:01:00Z"),
            Instant.parse("2026-11-21T10:01:00Z"),
            Instant.parse("2026-11-23T00:00:00Z")),
        status.caps().stream().map(CapStatus::resetsAt).toList());
  }

  @Test
  void statusOfALimitWithoutCountersInItsWindowShowsNothingUsed() {
    Limit limit = limits.create(tokensPerMinute(new LimitScope.All(), 100));
    limits.admission(Subject.anyone()).admit(model, demand(100, "0"));
    fixture.clock.advance(Duration.ofMinutes(1));

    LimitStatus status = limits.status(limit.id());

    assertEquals(List.of("0 used, 0 reserved, 100 left"), figures(status));
    assertTrue(status.caps().get(0).resetsAt().isAfter(fixture.clock.instant()));
  }

  @Test
  void theServiceOfCodeVectorWorksOnItsStore() {
    Limits service = fixture.test.codeVector.limits();
    Limit limit = service.create(requestsPerMinute(new LimitScope.All(), 1));

    service.admission(Subject.anyone()).admit(model, demand(1, "0"));

    assertEquals(List.of(limit), service.list());
    assertThrows(
        LimitExceededException.class,
        () -> service.admission(Subject.anyone()).admit(model, demand(1, "0")));
  }
}
