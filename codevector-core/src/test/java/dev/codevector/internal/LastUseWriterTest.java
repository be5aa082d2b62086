package dev.codevector.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.access.ApiKey;
import dev.codevector.access.Caller;
import dev.codevector.access.IssuedKey;
import dev.codevector.access.User;
import dev.codevector.spi.StoreException;
import dev.codevector.store.InMemoryStore;
import dev.codevector.testing.DelegatingAccessStore;
import dev.codevector.testing.FakeClock;
import dev.codevector.testing.LogCapture;
import dev.codevector.testing.TestValues;
import dev.codevector.testing.UncaughtFailures;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class LastUseWriterTest {
  private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T2 = T1.plusSeconds(60);

  private final InMemoryStore database = new InMemoryStore();
  private final LastUseStore store = new LastUseStore(database);
  private final User ada = store.putUser(TestValues.user("Ada"));

  @Test
  void authenticatingDoesNotWaitForTheLastUseWrite() throws Exception {
    FakeClock clock = new FakeClock();
    DefaultAccess access = new DefaultAccess(store, database.registry(), clock, new SecureRandom());
    IssuedKey issued = access.issueKey(ada.id(), Optional.empty(), Optional.empty());

    Optional<Caller> caller =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5), () -> access.authenticate(issued.plaintext().reveal()));

    assertEquals(Optional.of(new Caller(ada.id(), issued.key().id())), caller);
    store.awaitEntered();
    store.open();
    access.close();
    assertEquals(
        Optional.of(clock.instant().truncatedTo(ChronoUnit.MICROS)),
        access.key(issued.key().id()).lastUsedAt());
  }

  @Test
  void aKeyHasAtMostOnePendingWriteHoldingItsLatestUse() throws Exception {
    ApiKey first = key();
    ApiKey second = key();
    LastUseWriter writer = new LastUseWriter(store, 10);
    writer.submit(first, T1);
    store.awaitEntered();

    writer.submit(second, T1);
    writer.submit(second, T2);
    store.open();
    writer.close();

    assertEquals(List.of(first.withLastUsedAt(T1), second.withLastUsedAt(T2)), store.written);
  }

  @Test
  void usesOfKeysBeyondTheCapacityAreDropped() throws Exception {
    ApiKey inFlight = key();
    ApiKey pending = key();
    LastUseWriter writer = new LastUseWriter(store, 1);
    writer.submit(inFlight, T1);
    store.awaitEntered();

    assertTrue(writer.submit(pending, T1));
    assertTrue(writer.submit(pending, T2));
    assertFalse(writer.submit(key(), T1));
    store.open();
    writer.close();

    assertEquals(List.of(inFlight.withLastUsedAt(T1), pending.withLastUsedAt(T2)), store.written);
  }

  @Test
  void closingWritesWhatIsPending() throws Exception {
    List<ApiKey> keys = List.of(key(), key(), key());
    LastUseWriter writer = new LastUseWriter(store, 10);
    keys.forEach(k -> writer.submit(k, T1));
    store.awaitEntered();

    store.open();
    writer.close();

    assertEquals(keys.stream().map(k -> k.withLastUsedAt(T1)).toList(), store.written);
  }

  @Test
  void failuresAreLoggedOnceAsAWarningUntilAWriteSucceeds() throws Exception {
    store.failing = true;
    store.open();
    LastUseWriter writer = new LastUseWriter(store, 10);
    try (LogCapture log = LogCapture.of(LastUseWriter.class.getName())) {
      writer.submit(key(), T1);
      store.awaitFinished();
      writer.submit(key(), T1);
      store.awaitFinished();
      store.failing = false;
      writer.submit(key(), T1);
      store.awaitFinished();
      store.failing = true;
      writer.submit(key(), T1);
      writer.close();

      assertEquals(2, log.lines().size(), log.lines().toString());
      assertTrue(log.lines().get(0).startsWith("WARNING cannot record the last use"));
    }
  }

  @Test
  void anOutOfMemoryErrorTheStoreWrappedEndsTheWriterInsteadOfBeingDropped() throws Exception {
    OutOfMemoryError error = new OutOfMemoryError("Java heap space");
    store.failing = true;
    store.cause = new IllegalStateException(error);
    store.open();
    LastUseWriter writer = new LastUseWriter(store, 10);
    UncaughtFailures uncaught = new UncaughtFailures();

    // The writer thread starts with the first use, in the submitting thread's group.
    uncaught.runInGroup(() -> writer.submit(key(), T1));

    assertSame(error, uncaught.first());
    writer.close();
  }

  private ApiKey key() {
    return store.putApiKey(TestValues.apiKey(ada.id()));
  }

  /**
   * Holds every last-use write until opened, and fails them while failing; other writes pass
   * straight through.
   */
  private static final class LastUseStore extends DelegatingAccessStore {
    final List<ApiKey> written = new CopyOnWriteArrayList<>();
    private final Semaphore entered = new Semaphore(0);
    private final Semaphore finished = new Semaphore(0);
    private final CountDownLatch opened = new CountDownLatch(1);
    volatile boolean failing;
    volatile Throwable cause = new IOException("connection refused");

    LastUseStore(InMemoryStore database) {
      super(database.access());
    }

    @Override
    public ApiKey putApiKey(ApiKey key) {
      if (key.lastUsedAt().isEmpty() || key.version() == 0) {
        return super.putApiKey(key);
      }
      entered.release();
      try {
        opened.await(10, TimeUnit.SECONDS);
        if (failing) {
          throw new StoreException("cannot store api key", cause);
        }
        written.add(key);
        return super.putApiKey(key);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } finally {
        finished.release();
      }
    }

    /** Waits for a last-use write to reach the store, where it is held until {@link #open()}. */
    void awaitEntered() throws InterruptedException {
      assertTrue(entered.tryAcquire(10, TimeUnit.SECONDS), "no write reached the store");
    }

    /** Waits for a last-use write to be written or refused. */
    void awaitFinished() throws InterruptedException {
      assertTrue(finished.tryAcquire(10, TimeUnit.SECONDS), "no write finished");
    }

    void open() {
      opened.countDown();
    }
  }
}
