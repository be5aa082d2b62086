package dev.codevector.internal;

import dev.codevector.limits.Cap;
import dev.codevector.limits.Charge;
import dev.codevector.limits.Counter;
import dev.codevector.limits.Limit;
import dev.codevector.limits.LimitId;
import dev.codevector.limits.Meter;
import dev.codevector.limits.Reservation;
import dev.codevector.limits.Settlement;
import dev.codevector.limits.Tally;
import dev.codevector.limits.Window;
import dev.codevector.spi.Store;
import dev.codevector.spi.StoreException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The room of limits' counters this process holds, so that most admissions touch no store. A lease
 * is room reserved in the store for this process alone: an admission whose charges the process's
 * leases cover takes its room from them in memory, and only a charge they do not cover goes to the
 * store, which reserves the charge together with a slice of room for the requests that follow. The
 * store never counts past a cap, since every leased slice is reserved in it; what a lease holds
 * unused is room other processes cannot take until it is given back.
 *
 * <p>So that this room stays small, a slice is at most a {@link #SHARE 64th} of the room the store
 * last showed, and at most {@link #MOST_EXTRA} requests' worth: where a cap has less than 64
 * requests' worth of room left, every charge is reserved in the store exactly, as without leases,
 * and what a request leaves unused of its charge is given back with its settlement. A lease unused
 * for {@link #IDLE} gives its room back and, once no request holds any of it, is forgotten, so that
 * the leases of windows past do not pile up; all leases give their room back on {@link
 * #giveBack()}, and a lease of a limit since changed as soon as a charge carries the changed limit.
 *
 * <p>Only the parts of a charge its limit caps are reserved: a limit of requests alone reserves no
 * tokens. This class is thread-safe.
 */
final class Leases implements AutoCloseable {
  /** The most requests' worth of room a lease takes beyond the request it is taken for. */
  static final int MOST_EXTRA = 63;

  /** A slice is at most this fraction of the room the store last showed. */
  static final int SHARE = 64;

  /** How long a lease may go unused before its room is given back. */
  static final Duration IDLE = Duration.ofSeconds(1);

  private static final long SWEEP_MILLIS = 250;

  private final Store store;
  private final SettlementWriter settlements;
  // Guarded by this
  private final Map<Key, Lease> byCounter = new HashMap<>();
  // Guarded by this: started with the first lease, so that idle room is given back and idle
  // leases, of windows past included, are forgotten
  private ScheduledExecutorService sweeper;
  // Guarded by this
  private boolean closed;

  /**
   * Creates the leases.
   *
   * @param store the store whose {@link Store#limits()} keep the counters
   * @param settlements where ended requests and room given back are written
   */
  Leases(Store store, SettlementWriter settlements) {
    this.store = store;
    this.settlements = settlements;
  }

  /**
   * One charge held by an admitted request: the lease it was taken from, and the counter of its
   * charge as this process sees it after the charge.
   */
  record Hold(Charge charge, Lease lease, Counter standing) {}

  /**
   * What reserving found: the holds of an admitted request, or the counter, as it stood, of the
   * first charge without room.
   */
  record Holding(List<Hold> holds, Optional<Counter> lacking) {}

  /**
   * Reserves every charge, or none: from the leases that cover it, and from the store for the rest.
   * A charge whose limit the store no longer has is skipped.
   *
   * @param charges the charges, of distinct limit, meter and window
   * @return the holds, or the first counter without room
   * @throws StoreException if the store fails; nothing is then reserved
   */
  Holding reserve(List<Charge> charges) {
    List<Charge> capped = charges.stream().map(Leases::capped).toList();
    List<Hold> holds = new ArrayList<>(capped.size());
    List<Charge> missing = new ArrayList<>();
    List<Long> extras = new ArrayList<>();
    List<Settlement> stale = new ArrayList<>();
    synchronized (this) {
      for (Charge charge : capped) {
        Key key = Key.of(charge);
        Lease lease = byCounter.get(key);
        if (lease != null && !lease.limit.equals(charge.limit())) {
          byCounter.remove(key);
          lease.retire().ifPresent(stale::add);
          lease = null;
        }
        if (lease != null && lease.covers(charge.amount())) {
          holds.add(lease.take(charge));
        } else {
          missing.add(charge);
          extras.add(lease != null && lease.seen != null ? extra(charge, lease.seen) : 0L);
        }
      }
    }
    if (missing.isEmpty()) {
      return new Holding(holds, Optional.empty());
    }
    try {
      // The room of a limit since changed is given back before the changed limit is checked.
      settleNow(stale);
      List<Charge> slices = slices(missing, extras);
      Reservation reservation = store.limits().reserve(slices);
      if (reservation.lacking().isPresent()) {
        // Room this process holds unused may be what the charges lack: give it back, and ask
        // for the charges alone.
        List<Settlement> unused = giveBack(missing);
        if (!unused.isEmpty() || extras.stream().anyMatch(extra -> extra > 0)) {
          settleNow(unused);
          extras = missing.stream().map(charge -> 0L).toList();
          slices = slices(missing, extras);
          reservation = store.limits().reserve(slices);
        }
      }
      if (reservation.lacking().isPresent()) {
        end(holds, hold -> Tally.ZERO);
        return new Holding(List.of(), reservation.lacking());
      }
      holds.addAll(granted(missing, slices, extras, reservation.counters()));
      return new Holding(holds, Optional.empty());
    } catch (RuntimeException e) {
      end(holds, hold -> Tally.ZERO);
      throw e;
    }
  }

  private void settleNow(List<Settlement> returns) {
    if (!returns.isEmpty()) {
      store.limits().settle(returns);
    }
  }

  /** Returns the charge with only the parts its limit caps. */
  private static Charge capped(Charge charge) {
    Limit limit = charge.limit();
    Tally amount = charge.amount();
    Tally capped =
        switch (charge.meter()) {
          case RATE ->
              new Tally(
                  limit.cap(Cap.REQUESTS_PER_MINUTE).isPresent() ? amount.requests() : 0,
                  limit.cap(Cap.TOKENS_PER_MINUTE).isPresent() ? amount.tokens() : 0,
                  BigDecimal.ZERO);
          case BUDGET -> new Tally(0, 0, amount.spend());
        };
    return new Charge(limit, charge.meter(), charge.window(), capped);
  }

  /** Returns what to ask the store for: each charge with its extra requests' worth of room. */
  private static List<Charge> slices(List<Charge> charges, List<Long> extras) {
    List<Charge> slices = new ArrayList<>(charges.size());
    for (int i = 0; i < charges.size(); i++) {
      Charge charge = charges.get(i);
      slices.add(
          new Charge(
              charge.limit(),
              charge.meter(),
              charge.window(),
              times(charge.amount(), 1 + extras.get(i))));
    }
    return slices;
  }

  /** How many requests' worth of room beyond this one a lease may take, from a counter seen. */
  private static long extra(Charge charge, Counter seen) {
    long fits = Long.MAX_VALUE;
    for (Cap cap : CapStandings.set(charge.limit())) {
      BigDecimal amount = CapStandings.measure(cap, charge.amount());
      if (cap.meter() != charge.meter() || amount.signum() == 0) {
        continue;
      }
      BigDecimal room =
          charge
              .limit()
              .cap(cap)
              .orElseThrow()
              .subtract(CapStandings.measure(cap, seen.used()))
              .subtract(CapStandings.measure(cap, seen.reserved()));
      fits = Math.min(fits, room.max(BigDecimal.ZERO).divideToIntegralValue(amount).longValue());
    }
    return Math.min(MOST_EXTRA, fits / SHARE);
  }

  private static Tally times(Tally tally, long factor) {
    return new Tally(
        Math.multiplyExact(tally.requests(), factor),
        Math.multiplyExact(tally.tokens(), factor),
        tally.spend().multiply(BigDecimal.valueOf(factor)));
  }

  /** Puts what the store granted in the leases, and takes each charge from its lease. */
  private List<Hold> granted(
      List<Charge> charges, List<Charge> slices, List<Long> extras, List<Counter> counters) {
    List<Hold> holds = new ArrayList<>(charges.size());
    List<Settlement> returns = new ArrayList<>();
    synchronized (this) {
      for (int i = 0; i < charges.size(); i++) {
        Charge charge = charges.get(i);
        Optional<Counter> counter = counterOf(charge, counters);
        if (counter.isEmpty()) {
          continue;
        }
        Key key = Key.of(charge);
        Lease lease = byCounter.get(key);
        if (lease == null || !lease.limit.equals(charge.limit())) {
          if (lease != null) {
            lease.retire().ifPresent(returns::add);
          }
          lease = new Lease(charge);
          byCounter.put(key, lease);
        }
        lease.granted = lease.granted.plus(slices.get(i).amount());
        lease.exact = extras.get(i) == 0;
        lease.seen = counter.get();
        holds.add(lease.take(charge));
        startSweeper();
      }
    }
    if (!returns.isEmpty()) {
      settlements.submit(returns);
    }
    return holds;
  }

  private static Optional<Counter> counterOf(Charge charge, List<Counter> counters) {
    return counters.stream()
        .filter(
            c ->
                c.limitId().equals(charge.limit().id())
                    && c.meter() == charge.meter()
                    && c.window().equals(charge.window()))
        .findFirst();
  }

  /**
   * Ends holds: each gives its charge back to its lease, and what it used is settled in the store,
   * with the part of its charge it used taken off the store's reserved tally. A lease reserved
   * exactly, or since given up, gives back all it holds unused with the settlement.
   *
   * @param holds the holds of one request
   * @param used what each hold's request used
   */
  void end(List<Hold> holds, Function<Hold, Tally> used) {
    if (holds.isEmpty()) {
      return;
    }
    List<Settlement> ended = new ArrayList<>(holds.size());
    synchronized (this) {
      for (Hold hold : holds) {
        Tally amount = hold.charge().amount();
        Tally spent = used.apply(hold);
        Tally reserved = least(amount, spent);
        Lease lease = hold.lease();
        lease.taken = lease.taken.minus(amount);
        lease.granted = lease.granted.minus(reserved);
        if (lease.exact || lease.retired) {
          reserved = reserved.plus(lease.available());
          lease.granted = lease.taken;
        }
        ended.add(
            new Settlement(
                hold.charge().limit().id(),
                hold.charge().meter(),
                hold.charge().window(),
                reserved,
                spent));
      }
    }
    settlements.submit(ended);
  }

  private static Tally least(Tally a, Tally b) {
    return new Tally(
        Math.min(a.requests(), b.requests()),
        Math.min(a.tokens(), b.tokens()),
        a.spend().min(b.spend()));
  }

  /** Gives back the room of every lease not used for {@link #IDLE}, and forgets emptied leases. */
  private void sweep() {
    giveBack(System.nanoTime() - IDLE.toNanos());
  }

  /** Gives back the room every lease holds unused. */
  void giveBack() {
    giveBack(Long.MAX_VALUE);
  }

  /** Gives back the room the leases of some charges hold unused, as settlements to write. */
  private synchronized List<Settlement> giveBack(List<Charge> charges) {
    List<Settlement> returns = new ArrayList<>();
    for (Charge charge : charges) {
      Lease lease = byCounter.get(Key.of(charge));
      if (lease != null) {
        lease.giveBack().ifPresent(returns::add);
      }
    }
    return returns;
  }

  private void giveBack(long usedBeforeNanos) {
    List<Settlement> returns = new ArrayList<>();
    synchronized (this) {
      Iterator<Lease> leases = byCounter.values().iterator();
      while (leases.hasNext()) {
        Lease lease = leases.next();
        if (lease.lastUsedNanos - usedBeforeNanos < 0) {
          lease.giveBack().ifPresent(returns::add);
          if (isZero(lease.taken)) {
            leases.remove();
          }
        }
      }
    }
    if (!returns.isEmpty()) {
      settlements.submit(returns);
    }
  }

  private void startSweeper() {
    if (sweeper == null && !closed) {
      sweeper =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "codevector-leases");
                thread.setDaemon(true);
                return thread;
              });
      sweeper.scheduleWithFixedDelay(
          this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /** Stops giving back idle room, and gives back all room held. */
  @Override
  public void close() {
    ScheduledExecutorService running;
    synchronized (this) {
      closed = true;
      running = sweeper;
    }
    if (running != null) {
      running.shutdownNow();
      try {
        running.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    giveBack();
  }

  /** Names a counter. */
  private record Key(LimitId limitId, Meter meter, Instant windowStart) {
    static Key of(Charge charge) {
      return new Key(charge.limit().id(), charge.meter(), charge.window().start());
    }
  }

  /** Room of one counter reserved in the store for this process. Guarded by the leases' lock. */
  static final class Lease {
    private final Limit limit;
    private final Meter meter;
    private final Window window;
    // What the store holds reserved for this lease
    private Tally granted = Tally.ZERO;
    // Of that, what admitted requests hold
    private Tally taken = Tally.ZERO;
    // The counter as the store showed it at the last grant
    private Counter seen;
    // Whether the last grant was of the charge alone
    private boolean exact = true;
    // Whether a lease of a changed limit replaced this one
    private boolean retired;
    private long lastUsedNanos;

    private Lease(Charge charge) {
      this.limit = charge.limit();
      this.meter = charge.meter();
      this.window = charge.window();
    }

    private Tally available() {
      return granted.minus(taken);
    }

    private boolean covers(Tally amount) {
      return isZero(amount.minus(available()));
    }

    private Hold take(Charge charge) {
      taken = taken.plus(charge.amount());
      lastUsedNanos = System.nanoTime();
      Counter standing =
          seen == null
              ? Counter.empty(limit.id(), meter, window)
              : new Counter(
                  limit.id(), meter, window, seen.used(), seen.reserved().minus(available()));
      return new Hold(charge, this, standing);
    }

    /** Gives the lease up for one of a changed limit, giving back what it holds unused. */
    private Optional<Settlement> retire() {
      retired = true;
      return giveBack();
    }

    /** Gives back what the lease holds unused, as a settlement that uses nothing. */
    private Optional<Settlement> giveBack() {
      Tally unused = available();
      if (isZero(unused)) {
        return Optional.empty();
      }
      granted = taken;
      return Optional.of(new Settlement(limit.id(), meter, window, unused, Tally.ZERO));
    }
  }

  private static boolean isZero(Tally tally) {
    return tally.requests() == 0 && tally.tokens() == 0 && tally.spend().signum() == 0;
  }
}
