package dev.codevector.internal.routing;

import dev.codevector.limits.Room;
import dev.codevector.limits.Ticket;
import dev.codevector.registry.Pricing;
import dev.codevector.routing.Usage;
import dev.codevector.usage.UsageRecord;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * What an answer owes its request's limits: the request's ticket, settled once the answer is done
 * with the tokens it used at the prices of the Provider Model that served it, or released when the
 * answer is an error.
 */
final class Bill {
  private static final System.Logger LOG = System.getLogger(Bill.class.getName());

  /** The bill of an answer no limit applies to, or that no Provider Model served. */
  static final Bill NONE = new Bill(Ticket.UNLIMITED, Optional.empty());

  private final Ticket ticket;
  private final Optional<Pricing> pricing;

  private Bill(Ticket ticket, Optional<Pricing> pricing) {
    this.ticket = ticket;
    this.pricing = pricing;
  }

  /** Returns the bill of an answer a Provider Model at {@code pricing} served. */
  static Bill of(Ticket ticket, Pricing pricing) {
    return new Bill(ticket, Optional.of(pricing));
  }

  Room room() {
    return ticket.room();
  }

  /** The prices of the Provider Model that served, if one did. */
  Optional<Pricing> pricing() {
    return pricing;
  }

  /** Ends the ticket: settled with {@code usage} for an answer, released for an error status. */
  void end(int status, Usage usage) {
    try {
      if (status >= 400) {
        ticket.release();
        return;
      }
      long tokens =
          usage.inputTokens()
              + usage.cachedInputTokens()
              + usage.cacheWriteTokens()
              + usage.outputTokens();
      BigDecimal cost = pricing.map(p -> UsageRecord.cost(usage, p)).orElse(BigDecimal.ZERO);
      ticket.settle(tokens, cost);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "ending a request's limits failed", e);
    }
  }
}
