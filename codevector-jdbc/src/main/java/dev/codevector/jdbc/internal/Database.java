package dev.codevector.jdbc.internal;

import dev.codevector.jdbc.SqlDialect;
import dev.codevector.spi.StoreException;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The store's way into the database: runs work on a connection or in a transaction and turns every
 * JDBC or Jdbi failure into a {@link StoreException} that says what the store was doing. Typed
 * registry errors thrown by the work pass through unchanged, after the transaction is rolled back.
 * Thread-safe.
 */
public final class Database {
  private final Jdbi jdbi;
  private final SqlDialect dialect;

  private Database(Jdbi jdbi, SqlDialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
  }

  /** Held by the one H2 transaction running at a time; see {@link #inTransaction}. */
  private final ReentrantLock h2Transactions = new ReentrantLock();

  /**
   * Returns access to the database behind a data source, after asking it which dialect it speaks.
   *
   * @param dataSource where connections come from; the caller keeps ownership
   * @return the database
   * @throws StoreException if no connection can be opened
   * @throws IllegalArgumentException if the database is neither H2 nor PostgreSQL
   */
  public static Database open(DataSource dataSource) {
    Jdbi jdbi = Jdbi.create(Objects.requireNonNull(dataSource, "dataSource"));
    jdbi.registerArgument(new InstantArgument());
    String product =
        run(
            "detect the database",
            () -> jdbi.withHandle(h -> h.getConnection().getMetaData().getDatabaseProductName()));
    return new Database(jdbi, dialectOf(product));
  }

  private static SqlDialect dialectOf(String product) {
    return switch (product) {
      case "H2" -> SqlDialect.H2;
      case "PostgreSQL" -> SqlDialect.POSTGRESQL;
      default ->
          throw new IllegalArgumentException(
              "unsupported database " + product + "; CodeVector stores data in H2 or PostgreSQL");
    };
  }

  /**
   * Returns the dialect the database speaks.
   *
   * @return H2 or PostgreSQL
   */
  public SqlDialect dialect() {
    return dialect;
  }

  /**
   * Runs work in one read-committed transaction, committed when the work returns and rolled back
   * when it throws. On H2 the transactions of this database run one at a time: under concurrent
   * transactions H2 was seen to let two compare-and-set updates of one row both succeed, one of
   * them lost, which no statement-level lock prevented; an embedded database has one process, so
   * its writes are serialized here instead.
   *
   * @param action what the work does, for the error message, such as {@code store model 'x'}
   * @param work the work
   * @param <T> what the work returns
   * @return what the work returned
   * @throws StoreException if the database fails
   */
  public <T> T inTransaction(String action, HandleCallback<T, SQLException> work) {
    if (dialect != SqlDialect.H2) {
      return run(action, () -> jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, work));
    }
    h2Transactions.lock();
    try {
      return run(action, () -> jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, work));
    } finally {
      h2Transactions.unlock();
    }
  }

  /**
   * Runs work on one connection in auto-commit mode; for reads made of a single statement.
   *
   * @param action what the work does, for the error message, such as {@code read providers}
   * @param work the work
   * @param <T> what the work returns
   * @return what the work returned
   * @throws StoreException if the database fails
   */
  public <T> T withHandle(String action, HandleCallback<T, SQLException> work) {
    return run(action, () -> jdbi.withHandle(work));
  }

  /**
   * Tells whether a connection can be had and answers a validity check within a time.
   *
   * @param timeoutSeconds how long the validity check may take, at least 1
   * @return true if the database answered
   */
  public boolean isReachable(int timeoutSeconds) {
    try {
      return jdbi.withHandle(h -> h.getConnection().isValid(timeoutSeconds));
    } catch (SQLException | JdbiException e) {
      return false;
    }
  }

  /**
   * Deletes a row in one transaction: runs each statement with {@code :id} bound, in order, the
   * delete itself last, so that writes which must precede the database's cascade share its
   * transaction.
   *
   * @param action what the work does, for the error message, such as {@code delete model 'x'}
   * @param id the row's id
   * @param statements the statements, the delete last
   * @return true if the last statement changed a row
   * @throws StoreException if the database fails
   */
  public boolean delete(String action, String id, String... statements) {
    return inTransaction(
        action,
        h -> {
          int changed = 0;
          for (String statement : statements) {
            changed = h.createUpdate(statement).bind("id", id).execute();
          }
          return changed > 0;
        });
  }

  private static <T> T run(String action, Work<T> work) {
    try {
      return work.run();
    } catch (SQLException | JdbiException e) {
      throw new StoreException("cannot " + action, e);
    }
  }

  /** Work against Jdbi that may fail with a checked SQL exception. */
  private interface Work<T> {
    T run() throws SQLException;
  }
}
