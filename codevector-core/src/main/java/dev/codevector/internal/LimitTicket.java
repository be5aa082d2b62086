package dev.codevector.internal;

import dev.codevector.limits.Allowance;
import dev.codevector.limits.Cap;
import dev.codevector.limits.CapStatus;
import dev.codevector.limits.Charge;
import dev.codevector.limits.Meter;
import dev.codevector.limits.Room;
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
 * The reservations of one admitted request, ended once. Ending them gives their room back to their
 * leases and hands their settlements to a {@link SettlementWriter}, which writes them to the store
 * in the background: the limits' status may lag a settlement by a moment, and a settlement the
 * store refuses leaves its reservations counted until their windows end, so that a lost settlement
 * errs towards refusing rather than overspending.
 *
 * <p>The room is that of the counters as this process saw them at admission, so reading it touches
 * no store.
 */
final class LimitTicket implements Ticket {
  private final List<Leases.Hold> holds;
  private final Leases leases;
  private final AtomicBoolean ended = new AtomicBoolean();

  /**
   * Creates the ticket of charges reserved.
   *
   * @param holds the charges, each with its lease and its counter as admission left it
   * @param leases where the ticket's end is written
   */
  LimitTicket(List<Leases.Hold> holds, Leases leases) {
    this.holds = List.copyOf(holds);
    this.leases = leases;
  }

  /** Returns the tightest room per minute over the limits charged, as of their reservation. */
  @Override
  public Room room() {
    List<CapStatus> standings =
        holds.stream()
            .filter(hold -> hold.charge().meter() == Meter.RATE)
            .flatMap(
                hold -> {
                  Charge charge = hold.charge();
                  return CapStandings.set(charge.limit()).stream()
                      .filter(cap -> cap.meter() == Meter.RATE)
                      .map(
                          cap ->
                              CapStandings.of(
                                  charge.limit(), cap, charge.window(), List.of(hold.standing())));
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
    if (ended.compareAndSet(false, true)) {
      leases.end(holds, hold -> used.apply(hold.charge()));
    }
  }
}
