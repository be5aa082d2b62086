package dev.codevector.jdbc.internal;

import dev.codevector.jdbc.SqlDialect;
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
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The counters of limits in the {@code limit_counters} table, one row per limit, meter and window
 * start, deleted with their limit by its foreign key. A reservation is exact across processes: in
 * one transaction, for each charge in the order of the primary key (so that two reservations never
 * wait for each other in a circle), one statement adds the charge to its row only if the row has
 * room for it under the caps of the charge's limit, and returns the row as it left it; the row
 * stays locked from that statement to the commit, and a concurrent reservation waiting for it
 * checks the room again against what was committed. When the statement changes nothing, the row is
 * locked (created empty first if it is missing) and decided on as it stands; a charge without room
 * rolls the whole transaction back. Thread-safe.
 */
public final class LimitCounterTable {
  private static final String COLUMNS_LIST =
      "limit_id, meter, window_start, window_end, used_requests, used_tokens, used_spend,"
          + " reserved_requests, reserved_tokens, reserved_spend";
  private static final String SELECT = "SELECT " + COLUMNS_LIST + " FROM limit_counters";
  private static final String BY_KEY =
      " WHERE limit_id = :limitId AND meter = :meter AND window_start = :windowStart";

  /** A cap the charge's limit does not set: more than any counter holds. */
  private static final long NO_COUNT_CAP = Long.MAX_VALUE / 4;

  private static final BigDecimal NO_SPEND_CAP = new BigDecimal("1e30");

  /** Inserts an empty counter, if its limit still exists. */
  private static final String INSERT_EMPTY =
      "INSERT INTO limit_counters (limit_id, meter, window_start, window_end, used_requests,"
          + " used_tokens, used_spend, reserved_requests, reserved_tokens, reserved_spend)"
          + " SELECT id, CAST(:meter AS VARCHAR), CAST(:windowStart AS TIMESTAMP(6) WITH TIME ZONE),"
          + " CAST(:windowEnd AS TIMESTAMP(6) WITH TIME ZONE), 0, 0, 0, 0, 0, 0"
          + " FROM limits WHERE id = :limitId";

  /** Adds a charge to its counter if the counter has room for it under the given caps. */
  private static final String RESERVE_IF_ROOM =
      "UPDATE limit_counters SET reserved_requests = reserved_requests + :requests,"
          + " reserved_tokens = reserved_tokens + :tokens,"
          + " reserved_spend = reserved_spend + :spend"
          + BY_KEY
          + " AND used_requests + reserved_requests + :requests <= :requestCap"
          + " AND used_tokens + reserved_tokens + :tokens <= :tokenCap"
          + " AND used_spend + reserved_spend + :spend <= :spendCap";

  private static final String SETTLE =
      "UPDATE limit_counters SET used_requests = used_requests + :usedRequests,"
          + " used_tokens = used_tokens + :usedTokens,"
          + " used_spend = used_spend + :usedSpend,"
          + " reserved_requests = GREATEST(reserved_requests - :reservedRequests, 0),"
          + " reserved_tokens = GREATEST(reserved_tokens - :reservedTokens, 0),"
          + " reserved_spend = GREATEST(reserved_spend - :reservedSpend, 0)"
          + BY_KEY;
  private static final Comparator<CounterKey> LOCK_ORDER =
      Comparator.comparing((CounterKey key) -> key.limitId().value())
          .thenComparing(key -> column(key.meter()))
          .thenComparing(CounterKey::windowStart);

  private final Database database;
  private final String insertEmpty;
  private final String reserveIfRoom;

  /**
   * Creates access to the table.
   *
   * @param database the database
   */
  public LimitCounterTable(Database database) {
    this.database = Objects.requireNonNull(database, "database");
    // PostgreSQL skips a row another transaction inserted first; H2 refuses it as a duplicate,
    // which reserve ignores, as H2 keeps the rest of the transaction when a statement fails.
    this.insertEmpty =
        database.dialect() == SqlDialect.POSTGRESQL
            ? INSERT_EMPTY + " ON CONFLICT DO NOTHING"
            : INSERT_EMPTY;
    // One statement both adds the charge and returns the counter as it left it, so that the row
    // is locked only from that statement to the commit.
    this.reserveIfRoom =
        database.dialect() == SqlDialect.POSTGRESQL
            ? RESERVE_IF_ROOM + " RETURNING " + COLUMNS_LIST
            : "SELECT " + COLUMNS_LIST + " FROM FINAL TABLE (" + RESERVE_IF_ROOM + ")";
  }

  /**
   * Reserves every charge, or none, in one transaction. A charge whose limit no longer exists is
   * skipped.
   *
   * @param charges the charges
   * @return on admission, the counter of each charge reserved, in the charges' order, with the
   *     charge added; otherwise the counter of the first charge, in lock order, without room, as it
   *     stood
   */
  public Reservation reserve(List<Charge> charges) {
    List<Charge> ordered =
        charges.stream().sorted(Comparator.comparing(CounterKey::of, LOCK_ORDER)).toList();
    return database.inTransaction(
        "reserve on " + ordered.size() + " limit counters",
        h -> {
          Map<Charge, Counter> reserved = new IdentityHashMap<>();
          for (Charge charge : ordered) {
            Optional<Counter> added = reserveIfRoom(h, charge);
            if (added.isEmpty()) {
              // No room, no row, or room freed since the statement looked: decide on the row
              // locked, as it stands.
              Optional<Counter> locked = lock(h, charge);
              if (locked.isEmpty()) {
                continue; // Its limit is gone.
              }
              if (!locked.get().hasRoom(charge.limit(), charge.amount())) {
                h.rollback();
                return Reservation.refused(locked.get());
              }
              added = reserveIfRoom(h, charge);
            }
            reserved.put(
                charge,
                added.orElseThrow(
                    () ->
                        new IllegalStateException("a locked counter with room refused a charge")));
          }
          return Reservation.admitted(
              charges.stream().map(reserved::get).filter(Objects::nonNull).toList());
        });
  }

  /** Locks the counter of a charge, creating it empty first if it is missing. */
  private Optional<Counter> lock(Handle h, Charge charge) {
    CounterKey key = CounterKey.of(charge);
    Optional<Counter> locked = readLocked(h, key);
    if (locked.isPresent()) {
      return locked;
    }
    try {
      bindKey(h.createUpdate(insertEmpty), key).bind("windowEnd", charge.window().end()).execute();
    } catch (JdbiException e) {
      if (!Constraint.PK_LIMIT_COUNTERS.isViolatedBy(e)) {
        throw e;
      }
    }
    return readLocked(h, key);
  }

  private static Optional<Counter> readLocked(Handle h, CounterKey key) {
    return bindKey(h.createQuery(SELECT + BY_KEY + " FOR UPDATE"), key)
        .map((rs, context) -> read(rs))
        .findFirst();
  }

  /** Adds a charge to its counter if it has room; the counter as it left it, else empty. */
  private Optional<Counter> reserveIfRoom(Handle h, Charge charge) {
    Limit limit = charge.limit();
    Tally amount = charge.amount();
    boolean rate = charge.meter() == Meter.RATE;
    return bindKey(h.createQuery(reserveIfRoom), CounterKey.of(charge))
        .bind("requests", amount.requests())
        .bind("tokens", amount.tokens())
        .bind("spend", amount.spend())
        .bind("requestCap", countCap(limit, Cap.REQUESTS_PER_MINUTE, rate))
        .bind("tokenCap", countCap(limit, Cap.TOKENS_PER_MINUTE, rate))
        .bind("spendCap", rate ? NO_SPEND_CAP : limit.cap(Cap.BUDGET).orElse(NO_SPEND_CAP))
        .map((rs, context) -> read(rs))
        .findFirst();
  }

  private static long countCap(Limit limit, Cap cap, boolean rate) {
    return rate
        ? limit.cap(cap).map(BigDecimal::longValueExact).orElse(NO_COUNT_CAP)
        : NO_COUNT_CAP;
  }

  /**
   * Settles reservations in one transaction, skipping those whose counter is gone.
   *
   * @param settlements the settlements
   */
  public void settle(List<Settlement> settlements) {
    List<Settlement> ordered =
        settlements.stream().sorted(Comparator.comparing(CounterKey::of, LOCK_ORDER)).toList();
    if (ordered.isEmpty()) {
      return;
    }
    database.inTransaction(
        "settle " + ordered.size() + " limit counters",
        h -> {
          PreparedBatch batch = h.prepareBatch(SETTLE);
          for (Settlement settlement : ordered) {
            bindKey(batch, CounterKey.of(settlement))
                .bind("usedRequests", settlement.used().requests())
                .bind("usedTokens", settlement.used().tokens())
                .bind("usedSpend", settlement.used().spend())
                .bind("reservedRequests", settlement.reserved().requests())
                .bind("reservedTokens", settlement.reserved().tokens())
                .bind("reservedSpend", settlement.reserved().spend())
                .add();
          }
          return batch.execute();
        });
  }

  /**
   * Returns the counters of a limit.
   *
   * @param limitId the limit's id
   * @return its counters, unmodifiable
   */
  public List<Counter> of(LimitId limitId) {
    return database.withHandle(
        "read the counters of limit '" + limitId + "'",
        h ->
            List.copyOf(
                h.createQuery(SELECT + " WHERE limit_id = :limitId")
                    .bind("limitId", limitId.value())
                    .map((rs, context) -> read(rs))
                    .list()));
  }

  /**
   * Deletes the counters whose window ended before an instant.
   *
   * @param endedBefore the instant
   * @return how many were deleted
   */
  public int prune(Instant endedBefore) {
    return database.inTransaction(
        "prune limit counters",
        h ->
            h.createUpdate("DELETE FROM limit_counters WHERE window_end < :endedBefore")
                .bind("endedBefore", endedBefore)
                .execute());
  }

  private static <T extends SqlStatement<T>> T bindKey(T statement, CounterKey key) {
    return statement
        .bind("limitId", key.limitId().value())
        .bind("meter", column(key.meter()))
        .bind("windowStart", key.windowStart());
  }

  private static String column(Meter meter) {
    return meter.name().toLowerCase(Locale.ROOT);
  }

  private static Counter read(ResultSet rs) throws SQLException {
    return new Counter(
        LimitId.of(rs.getString("limit_id")),
        Meter.valueOf(rs.getString("meter").toUpperCase(Locale.ROOT)),
        new Window(Columns.instant(rs, "window_start"), Columns.instant(rs, "window_end")),
        new Tally(
            rs.getLong("used_requests"), rs.getLong("used_tokens"), rs.getBigDecimal("used_spend")),
        new Tally(
            rs.getLong("reserved_requests"),
            rs.getLong("reserved_tokens"),
            rs.getBigDecimal("reserved_spend")));
  }

  /** What identifies a counter row: its primary key. */
  private record CounterKey(LimitId limitId, Meter meter, Instant windowStart) {
    static CounterKey of(Charge charge) {
      return new CounterKey(charge.limit().id(), charge.meter(), charge.window().start());
    }

    static CounterKey of(Settlement settlement) {
      return new CounterKey(settlement.limitId(), settlement.meter(), settlement.window().start());
    }
  }
}
