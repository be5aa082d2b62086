package dev.codevector.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.registry.ConcurrentUpdateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;

/**
 * Writers racing on one store, to catch a store whose writes are not atomic: {@link #WRITERS}
 * threads start each round together on a latch and each makes {@link #WRITES} conflicting writes,
 * and each round is checked once all its writers are done. The writers wait for a round's start
 * without sleeping, so that they start it at the same instant on every core. A race runs {@link
 * #MAX_ROUNDS} rounds, or as many as fit in {@link #BUDGET} and at least {@link #MIN_ROUNDS} on a
 * store whose writes are slow, such as one over a network, where writes overlap the longer. A store
 * that checks and then writes without holding a lock, or outside one transaction, loses such a
 * race.
 */
final class Race {
  /** How many threads write at once. */
  static final int WRITERS = 8;

  /** How many rounds a race runs at most. */
  static final int MAX_ROUNDS = 2000;

  /** How many rounds a race runs at least. */
  static final int MIN_ROUNDS = 20;

  /** How long a race runs more than {@link #MIN_ROUNDS} rounds. */
  static final Duration BUDGET = Duration.ofMillis(500);

  /** How many conflicting writes each writer makes in a round. */
  static final int WRITES = 2;

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static final String HOW =
      " (check and write as one atomic step: under one lock, or in one transaction)";

  private Race() {}

  /** What one writer does in a round. */
  @FunctionalInterface
  interface Writer {
    /**
     * Makes the writer's writes of a round.
     *
     * @param round the round, from 0
     * @param writer the writer, from 0 to {@link #WRITERS} - 1
     * @throws Exception if a write fails other than as the contract allows
     */
    void write(int round, int writer) throws Exception;
  }

  /** How one racing write fared. */
  enum Outcome {
    WON,
    CONFLICT,
    DUPLICATE;

    /** Makes a write and tells how it fared; any other failure propagates. */
    static Outcome of(Runnable write) {
      try {
        write.run();
        return WON;
      } catch (ConcurrentUpdateException e) {
        return CONFLICT;
      } catch (AlreadyExistsException e) {
        return DUPLICATE;
      }
    }
  }

  /**
   * Runs the rounds: before each, {@code beforeRound} prepares what it races on; then the writers
   * start together, and {@code afterRound} checks the store once they are all done.
   *
   * @param beforeRound prepares a round, such as by storing the object raced on
   * @param writer what each writer does in a round
   * @param afterRound the check of a finished round
   */
  static void run(IntConsumer beforeRound, Writer writer, IntConsumer afterRound) {
    assertTimeoutPreemptively(
        TIMEOUT,
        () -> {
          // A round starts once every writer and this thread, done checking the last round, are in.
          List<CountDownLatch> starts = new ArrayList<>();
          List<CountDownLatch> ends = new ArrayList<>();
          for (int round = 0; round <= MAX_ROUNDS; round++) {
            starts.add(new CountDownLatch(WRITERS + 1));
            ends.add(new CountDownLatch(WRITERS));
          }
          AtomicBoolean over = new AtomicBoolean();
          ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
          try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
              int id = w;
              writers.add(
                  pool.submit(
                      () -> {
                        for (int round = 0; ; round++) {
                          startTogether(starts.get(round));
                          if (over.get()) {
                            return null;
                          }
                          try {
                            writer.write(round, id);
                          } finally {
                            ends.get(round).countDown();
                          }
                        }
                      }));
            }
            long deadline = System.nanoTime() + BUDGET.toNanos();
            int round = 0;
            for (; round < MAX_ROUNDS; round++) {
              if (round >= MIN_ROUNDS && System.nanoTime() > deadline) {
                break;
              }
              beforeRound.accept(round);
              starts.get(round).countDown();
              ends.get(round).await();
              failIfAnyFailed(writers);
              afterRound.accept(round);
            }
            over.set(true);
            starts.get(round).countDown();
          } finally {
            pool.shutdownNow();
          }
        },
        "concurrent writes must all end: a store must neither deadlock nor spin when "
            + WRITERS
            + " threads write at once");
  }

  /** Arrives at a round's start and waits, yielding but awake, until everyone has. */
  private static void startTogether(CountDownLatch start) throws InterruptedException {
    start.countDown();
    while (start.getCount() > 0) {
      if (Thread.interrupted()) {
        throw new InterruptedException("the race was stopped");
      }
      Thread.yield();
    }
  }

  private static void failIfAnyFailed(List<Future<?>> writers) throws InterruptedException {
    for (Future<?> future : writers) {
      if (!future.isDone()) {
        continue;
      }
      try {
        future.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof AssertionError failed) {
          throw failed;
        }
        throw new AssertionError(
            "a write racing others must succeed or be refused as the Store contract says"
                + " (ConcurrentUpdateException, AlreadyExistsException), never fail otherwise;"
                + " it threw "
                + e.getCause(),
            e.getCause());
      }
    }
  }

  /**
   * Races writers that each read an object and put it back changed, over and over, and checks after
   * each round that every put that won moved the object's version by one: of writers putting the
   * same version exactly one wins, so no update is lost.
   *
   * @param put the put raced, as the rule names it, such as {@code putModel}
   * @param read reads the stored object
   * @param update puts an update of the object read, returning it as stored
   * @param version an object's version
   */
  static <T> void compareAndSet(
      String put, Supplier<T> read, UnaryOperator<T> update, ToLongFunction<T> version) {
    long first = version.applyAsLong(read.get());
    AtomicLong wins = new AtomicLong();
    AtomicLong before = new AtomicLong(0);
    run(
        round -> {},
        (round, writer) -> {
          for (int i = 0; i < WRITES; i++) {
            Outcome outcome = Outcome.of(() -> update.apply(read.get()));
            assertNotEquals(
                Outcome.DUPLICATE,
                outcome,
                put + " of an update must not be refused with AlreadyExistsException");
            if (outcome == Outcome.WON) {
              wins.incrementAndGet();
            }
          }
        },
        round -> {
          long won = wins.get();
          assertTrue(
              won > before.getAndSet(won),
              put
                  + " must let one of writers putting the same version win; in round "
                  + round
                  + " every put got ConcurrentUpdateException");
          long moved = version.applyAsLong(read.get()) - first;
          assertEquals(
              won,
              moved,
              put
                  + " must be compare-and-set on the version: of writers putting the same version"
                  + " exactly one wins and is stored at the next version, the others get"
                  + " ConcurrentUpdateException; "
                  + won
                  + " puts won but the version moved by "
                  + moved
                  + ", so "
                  + (won - moved)
                  + " updates were lost"
                  + HOW);
        });
  }

  /**
   * Races writers that insert objects sharing a unique key, {@link #WRITES} keys a round, each
   * writer putting its own object for every key in the same order, and checks after each round that
   * each key was won exactly once, the others refused, and only the winners stored.
   *
   * @param put the put raced, as the rule names it, such as {@code putModel}
   * @param key what is unique, as the rule names it, such as {@code a Model's slug}
   * @param beforeRound prepares a round, such as by storing what the objects refer to
   * @param insert inserts the given writer's object for the given round and key
   * @param stored whether an object of the given round and key is stored
   */
  static void uniqueInserts(
      String put, String key, IntConsumer beforeRound, Insert insert, Stored stored) {
    List<AtomicIntegerArray> wins = new ArrayList<>();
    for (int round = 0; round < MAX_ROUNDS; round++) {
      wins.add(new AtomicIntegerArray(WRITES));
    }
    run(
        beforeRound,
        (round, writer) -> {
          for (int k = 0; k < WRITES; k++) {
            int each = k;
            Outcome outcome = Outcome.of(() -> insert.insert(round, each, writer));
            assertNotEquals(
                Outcome.CONFLICT,
                outcome,
                put + " at version 0 inserts, and must not throw ConcurrentUpdateException");
            if (outcome == Outcome.WON) {
              wins.get(round).incrementAndGet(k);
            }
          }
        },
        round -> {
          for (int k = 0; k < WRITES; k++) {
            assertEquals(
                1,
                wins.get(round).get(k),
                put
                    + " must keep "
                    + key
                    + " unique: of writers inserting objects that share it, exactly one wins and"
                    + " the others get AlreadyExistsException"
                    + HOW);
          }
          for (int k = 0; k < WRITES; k++) {
            assertTrue(
                stored.isStored(round, k),
                put + " must store the one insert that won " + key + ", and keep it");
          }
        });
  }

  /** Inserts one writer's object for one unique key of a round. */
  @FunctionalInterface
  interface Insert {
    /**
     * Inserts the object.
     *
     * @param round the round, from 0
     * @param key the key's index in the round, from 0 to {@link #WRITES} - 1
     * @param writer the writer, from 0
     */
    void insert(int round, int key, int writer);
  }

  /** Tells whether the object of one unique key of a round is stored. */
  @FunctionalInterface
  interface Stored {
    /**
     * Tells whether the object is stored.
     *
     * @param round the round, from 0
     * @param key the key's index in the round, from 0 to {@link #WRITES} - 1
     * @return true if an object holding the key is stored
     */
    boolean isStored(int round, int key);
  }
}
