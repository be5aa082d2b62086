package dev.codevector.limits;

import static dev.codevector.limits.LimitFixture.demand;
import static dev.codevector.limits.LimitFixture.figures;
import static dev.codevector.limits.LimitFixture.requestsPerMinute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.registry.Model;
import dev.codevector.spi.StoreException;
import dev.codevector.testing.LogCapture;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What admission and tickets do when the store fails. */
final class StoreFailureTest {

  @Test
  void anOpenPolicyAdmitsUncheckedAndSaysSo() {
    LimitFixture fixture = new LimitFixture(LimitPolicy.OPEN);
    Model model = fixture.model("gpt");
    fixture.limits.create(requestsPerMinute(new LimitScope.All(), 1));
    fixture.store.down = true;

    try (LogCapture log = LogCapture.of("dev.codevector.internal.LimitGate")) {
      Ticket ticket = fixture.limits.admission(Subject.anyone()).admit(model, demand(1, "0"));

      assertSame(Ticket.UNLIMITED, ticket);
      assertEquals(
          List.of(
              "WARNING limits: the store failed; admitting request on model 'gpt' unchecked"
                  + " (policy open)"),
          log.lines());
    }
  }

  @Test
  void aClosedPolicyRefusesTheRequest() {
    LimitFixture fixture = new LimitFixture(LimitPolicy.CLOSED);
    Model model = fixture.model("gpt");
    fixture.limits.create(requestsPerMinute(new LimitScope.All(), 1));
    fixture.store.down = true;

    try (LogCapture log = LogCapture.of("dev.codevector.internal.LimitGate")) {
      LimitsUnavailableException e =
          assertThrows(
              LimitsUnavailableException.class,
              () -> fixture.limits.admission(Subject.anyone()).admit(model, demand(1, "0")));

      assertEquals("gpt", e.model());
      assertInstanceOf(StoreException.class, e.getCause());
      assertEquals(
          List.of(
              "WARNING limits: the store failed; refusing request on model 'gpt' (policy closed)"),
          log.lines());
    }
    fixture.store.down = false;
    fixture.limits.admission(Subject.anyone()).admit(model, demand(1, "0"));
  }

  @Test
  void aFailedSettlementIsLoggedAndTheReservationStaysCounted() {
    LimitFixture fixture = new LimitFixture();
    Model model = fixture.model("gpt");
    Limit limit = fixture.limits.create(requestsPerMinute(new LimitScope.All(), 2));
    Ticket ticket = fixture.limits.admission(Subject.anyone()).admit(model, demand(1, "0"));
    fixture.store.down = true;

    try (LogCapture log = LogCapture.of("dev.codevector.internal.SettlementWriter")) {
      ticket.settle(1, BigDecimal.ZERO);
      fixture.awaitSettlements();

      assertEquals(1, log.lines().size());
      assertTrue(log.lines().get(0).contains("failed to settle"), log.lines().get(0));
    }
    fixture.store.down = false;
    ticket.release();
    fixture.awaitSettlements();
    assertEquals(List.of("0 used, 1 reserved, 1 left"), figures(fixture.limits.status(limit.id())));
  }

  @Test
  void roomIsKnownFromTheReservationWithoutTheStore() {
    LimitFixture fixture = new LimitFixture();
    Model model = fixture.model("gpt");
    fixture.limits.create(requestsPerMinute(new LimitScope.All(), 2));
    Ticket ticket = fixture.limits.admission(Subject.anyone()).admit(model, demand(1, "0"));
    fixture.store.down = true;

    assertEquals(1, ticket.room().requests().orElseThrow().remaining());
  }
}
