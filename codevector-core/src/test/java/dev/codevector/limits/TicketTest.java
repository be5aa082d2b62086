package dev.codevector.limits;

import static dev.codevector.limits.LimitFixture.demand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.codevector.registry.Model;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Ending a ticket: settling with the real use, releasing, exactly once; and its room. */
final class TicketTest {
  private static final Instant NEXT_MINUTE = Instant.parse("2026-11-21T10:01:00Z");

  private final LimitFixture fixture = new LimitFixture();
  private final Limits limits = fixture.limits;
  private final Model model = fixture.model("gpt");
  private final Admission admission = limits.admission(Subject.anyone());
  private final Limit limit = limits.create(LimitFixture.everyCap(10, 1000, "1", BudgetPeriod.DAY));

  @Test
  void settlingReplacesTheCeilingWithWhatWasUsed() {
    Ticket ticket = admission.admit(model, demand(800, "0.9"));

    ticket.settle(150, new BigDecimal("0.125"));

    assertEquals(
        List.of(
            "1 used, 0 reserved, 9 left",
            "150 used, 0 reserved, 850 left",
            "0.125 used, 0 reserved, 0.875 left"),
        figures());
    admission.admit(model, demand(850, "0.875"));
  }

  @Test
  void releasingGivesEverythingBack() {
    Ticket ticket = admission.admit(model, demand(800, "0.9"));

    ticket.release();

    assertEquals(
        List.of(
            "0 used, 0 reserved, 10 left",
            "0 used, 0 reserved, 1000 left",
            "0 used, 0 reserved, 1 left"),
        figures());
  }

  @Test
  void aTicketEndsOnceAndLaterCallsDoNothing() {
    Ticket ticket = admission.admit(model, demand(100, "0.1"));

    ticket.settle(40, new BigDecimal("0.04"));
    ticket.settle(40, new BigDecimal("0.04"));
    ticket.release();
    int calls = fixture.store.calls.get();
    ticket.release();

    assertEquals(calls, fixture.store.calls.get());
    assertEquals(
        List.of(
            "1 used, 0 reserved, 9 left",
            "40 used, 0 reserved, 960 left",
            "0.04 used, 0 reserved, 0.96 left"),
        figures());
  }

  @Test
  void aNegativeUseIsRefusedAndLeavesTheTicketOpen() {
    Ticket ticket = admission.admit(model, demand(100, "0.1"));

    assertThrows(IllegalArgumentException.class, () -> ticket.settle(-1, BigDecimal.ZERO));
    assertThrows(IllegalArgumentException.class, () -> ticket.settle(1, new BigDecimal("-0.1")));
    ticket.release();

    assertEquals("0 used, 0 reserved, 10 left", figures().get(0));
  }

  @Test
  void roomIsTheTightestAllowanceAfterThisReservation() {
    limits.create(LimitFixture.requestsPerMinuteOn(model.id(), 3));
    admission.admit(model, demand(100, "0"));

    Room room = admission.admit(model, demand(300, "0")).room();

    assertEquals(Optional.of(new Allowance(3, 1, NEXT_MINUTE)), room.requests());
    assertEquals(Optional.of(new Allowance(1000, 600, NEXT_MINUTE)), room.tokens());
  }

  @Test
  void aRequestUnderABudgetAloneHasNoRoomPerMinute() {
    limits.delete(limit.id());
    limits.create(LimitFixture.budget(new LimitScope.All(), "5", BudgetPeriod.MONTH));

    assertEquals(Room.UNLIMITED, admission.admit(model, demand(1, "1")).room());
  }

  private List<String> figures() {
    fixture.awaitSettlements();
    return LimitFixture.figures(limits.status(limit.id()));
  }
}
