package dev.codevector.server.internal;

import dev.codevector.spi.StoreException;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Answers the requests that a store failed because its database cannot be reached: 503 with {@code
 * Retry-After: 1}, as JSON in the shape the caller expects (see {@link ErrorResponses}), and one
 * WARNING line in the log, the stack trace at DEBUG only. Other store failures are not outages; the
 * caller answers them as unexpected.
 *
 * <p>This class is thread-safe.
 */
public final class DatabaseOutages {
  private static final System.Logger LOG = System.getLogger(DatabaseOutages.class.getName());

  /** What the client is told. */
  public static final String MESSAGE = "the database cannot be reached; try again shortly";

  private DatabaseOutages() {}

  /**
   * Tells whether a store failed because its database could not be reached: a connection refused,
   * lost or not to be had from the pool in time (SQLSTATE class 08), rather than a failing
   * statement.
   *
   * @param e the store's failure
   * @return true if the database could not be reached
   */
  public static boolean unreachable(StoreException e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLTransientConnectionException
          || cause instanceof SQLNonTransientConnectionException
          || (cause instanceof SQLException sql
              && sql.getSQLState() != null
              && sql.getSQLState().startsWith("08"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Answers a request whose store could not reach its database with 503 and {@code Retry-After: 1}.
   *
   * @param ctx the request
   * @param e the store's failure, for the log
   */
  public static void answer(Context ctx, StoreException e) {
    warn(ctx, e);
    ctx.header("retry-after", "1");
    ErrorResponses.send(ctx, 503, MESSAGE);
  }

  /**
   * Logs a request answered 503 because its store could not reach its database: one WARNING line,
   * the stack trace at DEBUG only. For callers that answer in a shape of their own.
   *
   * @param ctx the request
   * @param e the store's failure
   */
  public static void warn(Context ctx, StoreException e) {
    LOG.log(
        System.Logger.Level.WARNING,
        ctx.req().getMethod()
            + " "
            + ctx.path()
            + " answered 503: the database cannot be reached ("
            + e.getMessage()
            + ")");
    LOG.log(System.Logger.Level.DEBUG, "the store failed", e);
  }
}
