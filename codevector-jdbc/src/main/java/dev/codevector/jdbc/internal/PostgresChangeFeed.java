package dev.codevector.jdbc.internal;

import dev.codevector.spi.Change;
import dev.codevector.spi.ChangeFeed;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The {@link ChangeFeed} of a store on PostgreSQL. From the first subscription on, a thread of its
 * own takes a connection from the store's data source, keeps it for as long as the connection
 * works, runs {@code LISTEN codevector_changes} on it and waits for notifications with the driver's
 * {@link PGConnection#getNotifications(int)}. The triggers of schema migration 6 send one, {@code
 * "<schema> <concern>"}, with each committed write to a table of the registry, access control or
 * limits; those of the store's schema are told as the {@link Change} of their concern, those of
 * other schemas of the database are ignored.
 *
 * <p>Since PostgreSQL delivers a notification only after its transaction committed and its writes
 * are visible to every new snapshot, a read that starts after a change is told sees the change.
 *
 * <p>Once {@code LISTEN} has run, on the first connection and on every new one, the feed tells
 * {@link Change#EVERYTHING}, since changes may have been made while it was not listening. When the
 * connection fails, or stays silent and fails a validity check, the feed logs a warning and
 * connects again, waiting 100 ms after the first failure and twice as long after each next one, up
 * to 5 s, and logs at INFO once it listens again. The first time it listens is logged at DEBUG
 * only, so that a process which fails to start for another reason once the feed has begun prints
 * nothing but that reason. Thread-safe.
 */
public final class PostgresChangeFeed implements ChangeFeed, AutoCloseable {
  private static final String CHANNEL = "codevector_changes";
  private static final System.Logger LOG = System.getLogger(PostgresChangeFeed.class.getName());
  private static final int WAIT_MILLIS = 250;
  private static final long CHECK_AFTER_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final int CHECK_TIMEOUT_SECONDS = 2;
  private static final long FIRST_RETRY_MILLIS = 100;
  private static final long LAST_RETRY_MILLIS = 5_000;

  private final DataSource dataSource;
  private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private Thread thread; // Guarded by lock
  private volatile boolean closed;

  /**
   * Creates the feed; it connects at the first subscription.
   *
   * @param dataSource where its connection comes from; the feed holds one while it listens
   */
  public PostgresChangeFeed(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  @Override
  public Subscription subscribe(Consumer<Change> listener) {
    Objects.requireNonNull(listener, "listener");
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("the store is closed");
      }
      listeners.add(listener);
      if (thread == null) {
        thread = new Thread(this::listen, "codevector-change-feed");
        thread.setDaemon(true);
        thread.start();
      }
    }
    return () -> listeners.remove(listener);
  }

  /** Stops listening, waits for the feed's thread to end, and gives its connection back. */
  @Override
  public void close() {
    Thread listening;
    synchronized (lock) {
      closed = true;
      listening = thread;
    }
    listeners.clear();
    if (listening != null) {
      listening.interrupt(); // Cuts a wait before connecting again short.
      boolean interrupted = false;
      while (listening.isAlive()) {
        try {
          listening.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void listen() {
    long retryMillis = FIRST_RETRY_MILLIS;
    boolean listenedBefore = false;
    while (!closed) {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(true);
        String schema = connection.getSchema();
        try (Statement statement = connection.createStatement()) {
          statement.execute("LISTEN " + CHANNEL);
        }
        if (listenedBefore) {
          LOG.log(
              System.Logger.Level.INFO,
              "listening for changes on PostgreSQL again; every cached read is dropped");
        } else {
          LOG.log(System.Logger.Level.DEBUG, "listening for changes on PostgreSQL");
        }
        listenedBefore = true;
        retryMillis = FIRST_RETRY_MILLIS;
        tell(Change.EVERYTHING);
        receive(connection, schema);
      } catch (SQLException e) {
        if (closed) {
          return;
        }
        LOG.log(
            System.Logger.Level.WARNING,
            "not listening for changes on PostgreSQL: {0}; cached reads are refreshed on their"
                + " timer meanwhile; connecting again in {1} ms",
            Objects.toString(e.getMessage(), e.getClass().getSimpleName()),
            retryMillis);
        try {
          Thread.sleep(retryMillis);
        } catch (InterruptedException interrupted) {
          return; // Only close() interrupts this thread.
        }
        retryMillis = Math.min(retryMillis * 2, LAST_RETRY_MILLIS);
      }
    }
  }

  /** Tells the notifications received until the feed closes or the connection fails. */
  private void receive(Connection connection, String schema) throws SQLException {
    PGConnection notifications = connection.unwrap(PGConnection.class);
    long heardAt = System.nanoTime();
    while (!closed) {
      PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
      if (received != null && received.length > 0) {
        heardAt = System.nanoTime();
        for (PGNotification notification : received) {
          changeOf(notification.getParameter(), schema).ifPresent(this::tell);
        }
      } else if (System.nanoTime() - heardAt > CHECK_AFTER_NANOS) {
        if (!connection.isValid(CHECK_TIMEOUT_SECONDS)) {
          throw new SQLException("the connection failed its validity check");
        }
        heardAt = System.nanoTime();
      }
    }
  }

  /**
   * Returns the change a notification's payload tells, if it is of this schema; a concern this feed
   * does not know, as a newer CodeVector may notify, is told as everything.
   */
  private static Optional<Change> changeOf(String payload, String schema) {
    int space = payload.lastIndexOf(' ');
    if (space < 0 || !payload.substring(0, space).equals(schema)) {
      return Optional.empty();
    }
    return switch (payload.substring(space + 1).toLowerCase(Locale.ROOT)) {
      case "registry" -> Optional.of(Change.REGISTRY);
      case "access" -> Optional.of(Change.ACCESS);
      case "limits" -> Optional.of(Change.LIMITS);
      default -> Optional.of(Change.EVERYTHING);
    };
  }

  private void tell(Change change) {
    for (Consumer<Change> listener : listeners) {
      try {
        listener.accept(change);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "a listener to changes failed; it is ignored", e);
      }
    }
  }
}
