package dev.codevector.usage;

import static dev.codevector.testing.TestValues.T0;
import static dev.codevector.testing.TestValues.unanswered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.internal.DefaultUsageRecorder;
import dev.codevector.internal.DefaultUsageRecorder.Settings;
import dev.codevector.spi.StoreException;
import dev.codevector.spi.UsageStore;
import dev.codevector.store.InMemoryStore;
import dev.codevector.testing.LogCapture;
import dev.codevector.testing.UncaughtFailures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The usage recorder: batching, flushing, outages, a bounded queue and closing. */
final class UsageRecorderTest {
  private static final Duration NEVER = Duration.ofHours(1);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final List<DefaultUsageRecorder> recorders = new ArrayList<>();

  @AfterEach
  void closeRecorders() {
    recorders.forEach(DefaultUsageRecorder::close);
  }

  @Test
  void fullBatchIsWrittenWithoutWaitingForTheInterval() throws InterruptedException {
    FlakyStore store = new FlakyStore(0);
    UsageRecorder recorder = recorder(store, 3, NEVER, 100);

    record(recorder, 3);

    assertEquals(ids(0, 3), requestIds(nextBatch(store)));
  }

  @Test
  void partialBatchIsWrittenOnceTheIntervalPasses() throws InterruptedException {
    FlakyStore store = new FlakyStore(0);
    UsageRecorder recorder = recorder(store, 100, Duration.ofMillis(10), 100);

    record(recorder, 2);

    assertEquals(ids(0, 2), requestIds(nextBatch(store)));
  }

  @Test
  void flushWritesEverythingQueuedInBatchesOfAtMostTheBatchSize() {
    FlakyStore store = new FlakyStore(0);
    UsageRecorder recorder = recorder(store, 3, NEVER, 100);
    record(recorder, 7);

    recorder.flush();

    assertEquals(0, recorder.queueDepth());
    List<List<UsageRecord>> batches = new ArrayList<>(store.written);
    assertTrue(batches.stream().allMatch(b -> b.size() <= 3), batches.toString());
    assertEquals(ids(0, 7), stored(store));
  }

  @Test
  void storeOutageLosesNothingAndWritesEachRecordOnce() {
    FlakyStore store = new FlakyStore(5);
    UsageRecorder recorder = recorder(store, 4, NEVER, 100);

    record(recorder, 10);
    flushUntilWritten(recorder);

    assertEquals(ids(0, 10), stored(store));
    List<String> writtenOnce =
        store.written.stream().flatMap(List::stream).map(UsageRecord::requestId).toList();
    assertEquals(10, writtenOnce.size());
    assertEquals(ids(0, 10), Set.copyOf(writtenOnce));
    assertEquals(5, store.refusals());
  }

  @Test
  void batchRetriedAfterACommitWhoseAnswerWasLostIsNotDoubled() {
    FlakyStore store = new FlakyStore(1).writingBeforeFailing();
    UsageRecorder recorder = recorder(store, 5, NEVER, 100);

    record(recorder, 5);
    flushUntilWritten(recorder);

    assertEquals(ids(0, 5), stored(store));
    assertEquals(5, store.usageRecords(T0, T0.plusSeconds(60), 100).size());
  }

  @Test
  void flushFailsWhileTheStoreRefusesAndKeepsTheRecords() {
    FlakyStore store = new FlakyStore(Integer.MAX_VALUE);
    UsageRecorder recorder = recorder(store, 10, NEVER, 100);
    record(recorder, 2);

    assertThrows(StoreException.class, recorder::flush);

    assertEquals(2, recorder.queueDepth());
    assertEquals(0, recorder.dropped());
  }

  @Test
  void aRefusedWriteIsWarnedInOneLineWithoutAStackTrace() {
    FlakyStore store = new FlakyStore(Integer.MAX_VALUE);
    UsageRecorder recorder = recorder(store, 10, NEVER, 100);
    record(recorder, 2);

    try (LogCapture log = LogCapture.of(DefaultUsageRecorder.class.getName())) {
      assertThrows(StoreException.class, recorder::flush);

      assertTrue(
          log.lines()
              .contains(
                  "WARNING cannot write 2 usage records; they stay queued: database unavailable"),
          log.lines().toString());
      assertEquals(List.of(), log.linesWithATrace());
    }
  }

  @Test
  void fullQueueDropsNewRecordsAndCountsThem() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    BlockingStore store = new BlockingStore(release);
    UsageRecorder recorder = recorder(store, 1, NEVER, 3);
    record(recorder, 1);
    assertTrue(store.entered.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS));

    for (int i = 1; i < 6; i++) {
      recorder.record(unanswered("r" + i, T0, "chat"));
    }

    assertEquals(3, recorder.queueDepth());
    assertEquals(3, recorder.dropped());
    release.countDown();
    recorder.flush();
    assertEquals(ids(0, 3), stored(store));
    assertEquals(0, recorder.queueDepth());
  }

  @Test
  void closeWritesWhatIsQueuedThenDropsNewRecords() {
    FlakyStore store = new FlakyStore(0);
    UsageRecorder recorder = recorder(store, 100, NEVER, 100);
    record(recorder, 4);

    recorder.close();
    recorder.record(unanswered("late", T0, "chat"));

    assertEquals(ids(0, 4), stored(store));
    assertEquals(0, recorder.queueDepth());
    assertEquals(1, recorder.dropped());
  }

  @Test
  void closeGivesUpOnAStoreThatKeepsRefusingAndCountsTheLoss() {
    FlakyStore store = new FlakyStore(Integer.MAX_VALUE);
    UsageRecorder recorder = recorder(store, 100, NEVER, 100);
    record(recorder, 3);

    assertTimeoutPreemptively(TIMEOUT, recorder::close);

    assertEquals(3, recorder.dropped());
    assertEquals(0, recorder.queueDepth());
  }

  @Test
  void recorderThatRecordedNothingClosesAtOnce() {
    UsageRecorder recorder = recorder(new FlakyStore(0), 10, NEVER, 100);

    recorder.flush();
    assertTimeoutPreemptively(TIMEOUT, recorder::close);

    assertEquals(0, recorder.dropped());
  }

  @Test
  void anOutOfMemoryErrorTheStoreWrappedIsRethrownAndNotRetried() throws Exception {
    OutOfMemoryError error = new OutOfMemoryError("Java heap space");
    AtomicInteger writes = new AtomicInteger();
    UsageStore store =
        new UsageWrites() {
          @Override
          public void putUsage(List<UsageRecord> records) {
            writes.incrementAndGet();
            throw new StoreException("cannot store usage", new IllegalStateException(error));
          }
        };
    UsageRecorder recorder = recorder(store, 1, NEVER, 100);
    UncaughtFailures uncaught = new UncaughtFailures();

    // The writer thread starts with the first record, in the recording thread's group.
    uncaught.runInGroup(() -> record(recorder, 1));

    assertSame(error, uncaught.first());
    record(recorder, 1);
    assertEquals(1, recorder.dropped());
    assertEquals(1, writes.get());
  }

  private UsageRecorder recorder(UsageStore store, int batchSize, Duration interval, int capacity) {
    DefaultUsageRecorder recorder =
        new DefaultUsageRecorder(
            store,
            new Settings(
                batchSize, interval, capacity, Duration.ofMillis(1), Duration.ofMillis(4)));
    recorders.add(recorder);
    return recorder;
  }

  private static void record(UsageRecorder recorder, int count) {
    for (int i = 0; i < count; i++) {
      recorder.record(unanswered("r" + i, T0.plusMillis(i), "chat"));
    }
  }

  /** Flushes until a flush sees no refusal: the store's outage has ended by then. */
  private static void flushUntilWritten(UsageRecorder recorder) {
    assertTimeoutPreemptively(
        TIMEOUT,
        () -> {
          while (true) {
            try {
              recorder.flush();
              return;
            } catch (StoreException e) {
              // Still refusing; the records stay queued.
            }
          }
        });
    assertEquals(0, recorder.queueDepth());
  }

  private static Set<String> ids(int from, int to) {
    Set<String> ids = new HashSet<>();
    for (int i = from; i < to; i++) {
      ids.add("r" + i);
    }
    return ids;
  }

  private static Set<String> requestIds(List<UsageRecord> records) {
    return records.stream().map(UsageRecord::requestId).collect(Collectors.toSet());
  }

  private static Set<String> stored(UsageStore store) {
    return requestIds(store.usageRecords(T0, T0.plusSeconds(60), 1000));
  }

  private static List<UsageRecord> nextBatch(FlakyStore store) throws InterruptedException {
    List<UsageRecord> batch = store.written.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertNotNull(batch, "no batch was written");
    return batch;
  }

  /**
   * An in-memory store whose first writes of usage fail; it records every batch it takes. It may
   * write a batch before failing, as a database does when a commit succeeds and its answer is lost.
   */
  private static final class FlakyStore extends UsageWrites {
    final BlockingQueue<List<UsageRecord>> written = new LinkedBlockingQueue<>();
    private int failuresLeft;
    private int refusals;
    private boolean writeBeforeFailing;

    FlakyStore(int failures) {
      this.failuresLeft = failures;
    }

    FlakyStore writingBeforeFailing() {
      writeBeforeFailing = true;
      return this;
    }

    @Override
    public void putUsage(List<UsageRecord> records) {
      synchronized (this) {
        if (failuresLeft > 0) {
          failuresLeft--;
          refusals++;
          if (writeBeforeFailing) {
            write(records);
          }
          throw new StoreException("database unavailable", new IllegalStateException("down"));
        }
      }
      write(records);
      written.add(List.copyOf(records));
    }

    synchronized int refusals() {
      return refusals;
    }
  }

  /** An in-memory store whose writes of usage wait until released. */
  private static final class BlockingStore extends UsageWrites {
    final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release;

    BlockingStore(CountDownLatch release) {
      this.release = release;
    }

    @Override
    public void putUsage(List<UsageRecord> records) {
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      write(records);
    }
  }

  /** A usage store over a real in-memory one, for fakes that change how records are put. */
  private abstract static class UsageWrites implements UsageStore {
    private final UsageStore real = new InMemoryStore().usage();

    /** Writes records to the real store. */
    final void write(List<UsageRecord> records) {
      real.putUsage(records);
    }

    @Override
    public List<UsageTotal> usageTotals(UsageQuery query) {
      return real.usageTotals(query);
    }

    @Override
    public List<UsageRecord> usageRecords(Instant from, Instant to, int limit) {
      return real.usageRecords(from, to, limit);
    }
  }
}
