package dev.codevector.internal;

import dev.codevector.limits.Allowance;
import dev.codevector.limits.Cap;
import dev.codevector.limits.CapStatus;
import dev.codevector.limits.Charge;
import dev.codevector.limits.Counter;
import dev.codevector.limits.Meter;
import dev.codevector.limits.Room;
import dev.codevector.limits.Settlement;
import dev.codevector.limits.Tally;
import dev.codevector.limits.Ticket;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The reservations of one admitted request, ended once. Ending them hands their settlements to a
 * {@link SettlementWriter}, which writes them to the store in the background: the limits' status
 * may lag a settlement by a moment, and a settlement the store refuses leaves its reservations
 * counted until their windows end, so that a lost settlement errs towards refusing rather than
 * overspending.
 *
 * <p>The room is that of the counters as the reservation left them, so reading it touches no store.
 */
final class LimitTicket implements Ticket {
  private final List<Charge> charges;
  private final List<Counter> counters;
  private final SettlementWriter settlements;
  private final AtomicBoolean ended = new AtomicBoolean();

  /**
   * Creates the ticket of charges the store reserved.
   *
   * @param charges the charges
   * @param counters the counters of the charges as the reservation left them
   * @param settlements where the ticket's end is written
   */
  LimitTicket(List<Charge> charges, List<Counter> counters, SettlementWriter settlements) {
    this.charges = List.copyOf(charges);
    this.counters = List.copyOf(counters);
    this.settlements = settlements;
  }

  /** Returns the tightest room per minute over the limits charged, as of their reservation. */
  @Override
  public Room room() {
    List<CapStatus> standings =
        charges.stream()
            .filter(charge -> charge.meter() == Meter.RATE)
            .flatMap(
                charge -> {
                  List<Counter> own =
                      counters.stream()
                          .filter(counter -> counter.limitId().equals(charge.limit().id()))
                          .toList();
                  return CapStandings.set(charge.limit()).stream()
                      .filter(cap -> cap.meter() == Meter.RATE)
                      .map(cap -> CapStandings.of(charge.limit(), cap, charge.window(), own));
                })
            .toList();
    return new Room(
        tightest(standings, Cap.REQUESTS_PER_MINUTE), tightest(standings, Cap.TOKENS_PER_MINUTE));
  }

  private static Optional<Allowance> tightest(List<CapStatus> standings, Cap cap) {
    return standings.stream()
        .filter(standing -> standing.cap() == cap)
        .min(Comparator.comparing(CapStatus::remaining))
        .map(
            standing ->
                new Allowance(
                    standing.limit().longValueExact(),
                    standing.remaining().longValueExact(),
                    standing.resetsAt()));
  }

  /**
   * Counts one request, its tokens in the per-minute windows and its cost in the budget windows.
   *
   * @throws IllegalArgumentException if the tokens or the cost are negative; the ticket is then not
   *     ended
   */
  @Override
  public void settle(long tokens, BigDecimal cost) {
    Tally rate = new Tally(1, tokens, BigDecimal.ZERO);
    Tally budget = new Tally(0, 0, Objects.requireNonNull(cost, "cost"));
    end(charge -> charge.meter() == Meter.RATE ? rate : budget);
  }

  @Override
  public void release() {
    end(charge -> Tally.ZERO);
  }

  private void end(Function<Charge, Tally> used) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    settlements.submit(
        charges.stream()
            .map(
                charge ->
                    new Settlement(
                        charge.limit().id(),
                        charge.meter(),
                        charge.window(),
                        charge.amount(),
                        used.apply(charge)))
            .toList());
  }
}
