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
import dev.codevector.spi.LimitStore;
import dev.codevector.spi.StoreException;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The reservations of one admitted request, ended once. Ending them writes to the store; a store
 * failure then is logged and not thrown, and the reservations stay counted until their windows end,
 * so that a lost settlement errs towards refusing rather than overspending.
 *
 * <p>The room is read from the store when first asked for, not on admission, so that requests whose
 * room nobody asks for pay nothing for it; it then includes what concurrent requests reserved in
 * between.
 */
final class LimitTicket implements Ticket {
  private static final System.Logger LOG = System.getLogger(LimitTicket.class.getName());

  private final LimitStore store;
  private final List<Charge> charges;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile Room room;

  /**
   * Creates the ticket of charges the store reserved.
   *
   * @param store where the charges were reserved
   * @param charges the charges
   */
  LimitTicket(LimitStore store, List<Charge> charges) {
    this.store = store;
    this.charges = List.copyOf(charges);
  }

  /**
   * Returns the tightest room per minute over the limits charged, read from their counters once;
   * {@link Room#UNLIMITED} if the store fails, which is logged.
   */
  @Override
  public Room room() {
    Room read = room;
    if (read == null) {
      read = readRoom();
      room = read;
    }
    return read;
  }

  private Room readRoom() {
    List<CapStatus> standings;
    try {
      standings =
          charges.stream()
              .filter(charge -> charge.meter() == Meter.RATE)
              .flatMap(
                  charge -> {
                    List<Counter> counters = store.counters(charge.limit().id());
                    return CapStandings.set(charge.limit()).stream()
                        .filter(cap -> cap.meter() == Meter.RATE)
                        .map(
                            cap -> CapStandings.of(charge.limit(), cap, charge.window(), counters));
                  })
              .toList();
    } catch (StoreException e) {
      LOG.log(System.Logger.Level.WARNING, "limits: the store failed to read a request's room", e);
      return Room.UNLIMITED;
    }
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
    List<Settlement> settlements =
        charges.stream()
            .map(
                charge ->
                    new Settlement(
                        charge.limit().id(),
                        charge.meter(),
                        charge.window(),
                        charge.amount(),
                        used.apply(charge)))
            .toList();
    try {
      store.settle(settlements);
    } catch (StoreException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "limits: the store failed to settle a request's reservations on "
              + charges.stream().map(charge -> charge.limit().id().value()).distinct().toList()
              + "; they stay counted until their windows end",
          e);
    }
  }
}
