package dev.codevector.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.limits.LimitId;
import dev.codevector.limits.Meter;
import dev.codevector.limits.Settlement;
import dev.codevector.limits.Tally;
import dev.codevector.limits.Window;
import dev.codevector.spi.LimitStore;
import dev.codevector.spi.StoreException;
import dev.codevector.store.InMemoryStore;
import dev.codevector.testing.DelegatingLimitStore;
import dev.codevector.testing.DelegatingStore;
import dev.codevector.testing.LogCapture;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class SettlementWriterTest {
  private static final Window MINUTE = Window.minuteOf(Instant.parse("2026-01-01T00:00:00Z"));
  private static final Tally ONE = new Tally(1, 10, BigDecimal.ZERO);

  private final SettleStore store = new SettleStore();

  @Test
  void endingARequestDoesNotWaitForTheStore() throws Exception {
    SettlementWriter writer = new SettlementWriter(store, 10);
    List<Settlement> settlements = List.of(settlement("a"), settlement("b"));

    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> writer.submit(settlements));

    store.awaitEntered();
    store.open();
    writer.flush();
    assertEquals(List.of(settlements), store.batches);
    assertEquals(List.of("codevector-settlements"), store.threads);
    writer.close();
  }

  @Test
  void settlementsWaitingAreWrittenInOneBatch() throws Exception {
    SettlementWriter writer = new SettlementWriter(store, 10);
    writer.submit(List.of(settlement("a")));
    store.awaitEntered();

    writer.submit(List.of(settlement("b")));
    writer.submit(List.of(settlement("c")));
    store.open();
    writer.flush();

    assertEquals(
        List.of(List.of(settlement("a")), List.of(settlement("b"), settlement("c"))),
        store.batches);
    writer.close();
  }

  @Test
  void settlementsQueuedWhileTheFirstLingersAreWrittenInItsBatchWithoutAFlush() throws Exception {
    SettlementWriter writer = new SettlementWriter(store, 10);
    long queued = System.nanoTime();
    writer.submit(List.of(settlement("a")));
    writer.submit(List.of(settlement("b")));
    writer.submit(List.of(settlement("c")));

    store.awaitEntered();
    long waited = System.nanoTime() - queued;
    store.open();
    writer.flush();

    assertTrue(waited >= SettlementWriter.LINGER.toNanos(), "written after " + waited + " ns only");
    assertEquals(
        List.of(List.of(settlement("a"), settlement("b"), settlement("c"))), store.batches);
    writer.close();
  }

  @Test
  void aBatchSettlesEachCounterOnceWithWhatItsRequestsAddUpTo() throws Exception {
    SettlementWriter writer = new SettlementWriter(store, 10);
    writer.submit(List.of(settlement("a")));
    store.awaitEntered();
    Tally used = new Tally(1, 4, BigDecimal.ZERO);

    writer.submit(List.of(new Settlement(LimitId.of("b"), Meter.RATE, MINUTE, ONE, used)));
    writer.submit(List.of(settlement("c")));
    writer.submit(List.of(new Settlement(LimitId.of("b"), Meter.RATE, MINUTE, ONE, ONE)));
    store.open();
    writer.flush();

    assertEquals(
        List.of(
            new Settlement(LimitId.of("b"), Meter.RATE, MINUTE, ONE.plus(ONE), used.plus(ONE)),
            settlement("c")),
        store.batches.get(1));
    writer.close();
  }

  @Test
  void closingWritesWhatIsPending() throws Exception {
    SettlementWriter writer = new SettlementWriter(store, 10);
    writer.submit(List.of(settlement("a")));
    store.awaitEntered();
    writer.submit(List.of(settlement("b")));

    store.open();
    writer.close();

    assertEquals(List.of(List.of(settlement("a")), List.of(settlement("b"))), store.batches);
  }

  @Test
  void settlementsBeyondTheCapacityAreWrittenOnTheCallersThread() throws Exception {
    SettlementWriter writer = new SettlementWriter(store, 2);
    writer.submit(List.of(settlement("held")));
    store.awaitEntered();
    writer.submit(List.of(settlement("pending-1"), settlement("pending-2")));

    writer.submit(List.of(settlement("over")));

    assertEquals(List.of(List.of(settlement("over"))), store.batches, "written before returning");
    assertEquals(List.of(Thread.currentThread().getName()), store.threads);
    store.open();
    writer.close();
    assertEquals(4, store.batches.stream().mapToInt(List::size).sum());
  }

  @Test
  void settlementsAfterClosingAreWrittenOnTheCallersThread() {
    SettlementWriter writer = new SettlementWriter(store, 10);
    writer.close();
    store.open();

    writer.submit(List.of(settlement("late")));

    assertEquals(List.of(List.of(settlement("late"))), store.batches);
  }

  @Test
  void failuresAreLoggedOnceAsAWarningUntilAWriteSucceeds() throws Exception {
    store.open();
    SettlementWriter writer = new SettlementWriter(store, 10);
    try (LogCapture log = LogCapture.of(SettlementWriter.class.getName())) {
      store.failing = true;
      writer.submit(List.of(settlement("a")));
      writer.flush();
      writer.submit(List.of(settlement("b")));
      writer.flush();
      store.failing = false;
      writer.submit(List.of(settlement("c")));
      writer.flush();
      store.failing = true;
      writer.submit(List.of(settlement("d")));
      writer.close();

      assertEquals(2, log.lines().size(), log.lines().toString());
      assertTrue(
          log.lines().get(0).startsWith("WARNING limits: the store failed to settle"),
          log.lines().get(0));
      assertEquals(List.of(List.of(settlement("c"))), store.batches, "failed batches are dropped");
    }
  }

  private static Settlement settlement(String limit) {
    return new Settlement(LimitId.of(limit), Meter.RATE, MINUTE, ONE, ONE);
  }

  /**
   * Records each batch settled and the thread that settled it, holding those of the writer's thread
   * until opened, and failing them all while failing.
   */
  private static final class SettleStore extends DelegatingStore {
    final List<List<Settlement>> batches = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    private final Semaphore entered = new Semaphore(0);
    private final CountDownLatch opened = new CountDownLatch(1);
    private final LimitStore limits;
    volatile boolean failing;

    SettleStore() {
      this(new InMemoryStore());
    }

    private SettleStore(InMemoryStore database) {
      super(database);
      this.limits =
          new DelegatingLimitStore(database.limits()) {
            @Override
            public void settle(List<Settlement> settlements) {
              String thread = Thread.currentThread().getName();
              if (thread.equals("codevector-settlements")) {
                entered.release();
                try {
                  opened.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new IllegalStateException(e);
                }
              }
              if (failing) {
                throw new StoreException("cannot settle", new IOException("connection refused"));
              }
              batches.add(List.copyOf(settlements));
              threads.add(thread);
            }
          };
    }

    @Override
    public LimitStore limits() {
      return limits;
    }

    /** Waits for a batch of the writer's thread to reach the store, held until opened. */
    void awaitEntered() throws InterruptedException {
      assertTrue(entered.tryAcquire(10, TimeUnit.SECONDS), "no batch reached the store");
    }

    void open() {
      opened.countDown();
    }
  }
}
