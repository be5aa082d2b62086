package dev.codevector.server.internal;

import java.io.PrintStream;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * Ends the process at once when a thread runs out of memory, so that its supervisor starts it
 * again, instead of a JVM serving on while threads it needs, such as a database's writer, have
 * died. {@code Main} installs it as the default uncaught exception handler, whether or not the JVM
 * was started with {@code -XX:+ExitOnOutOfMemoryError}; the HTTP server hands it the failures it
 * catches itself (see {@link #handOver}).
 *
 * <p>It prints one line on standard error and halts with status {@value #STATUS}, the status {@code
 * -XX:+ExitOnOutOfMemoryError} exits with. A thread started in advance halts the process {@value
 * #PRINT_GRACE_MILLIS} ms later if printing blocks (a standard error nobody reads, its pipe full).
 * Halting runs no shutdown hook, since nothing that needs memory can be relied on after the error;
 * every write the store acknowledged is in its database already. An uncaught failure other than an
 * out-of-memory error is printed as the JVM prints it by default, and the process goes on.
 *
 * <p>This class is thread-safe.
 */
public final class OutOfMemoryExit implements Thread.UncaughtExceptionHandler {
  /** The exit status after an out-of-memory error. */
  public static final int STATUS = 3;

  /** Built in advance: after the error, little memory may be left to build a message in. */
  private static final String MESSAGE =
      "codevector: out of memory; exiting with status " + STATUS + " to be restarted";

  /** How long printing the line may take before the process halts without it. */
  static final long PRINT_GRACE_MILLIS = 2_000;

  /** Bounds the walk down a chain of causes, which a careless exception can make circular. */
  private static final int MAX_CAUSES = 32;

  private final PrintStream err;
  private final IntConsumer halt;
  private final CountDownLatch ending = new CountDownLatch(1);
  private final AtomicBoolean halted = new AtomicBoolean();

  /**
   * Returns a handler that prints on a stream and ends the process with a function.
   *
   * @param err where the line goes
   * @param halt ends the process with a status; {@code Runtime.getRuntime()::halt} in production
   */
  OutOfMemoryExit(PrintStream err, IntConsumer halt) {
    this.err = Objects.requireNonNull(err, "err");
    this.halt = Objects.requireNonNull(halt, "halt");
    // Started now: after the error there may be no memory left to start a thread.
    Thread.ofPlatform().daemon().name("out-of-memory-exit").start(this::haltIfPrintingBlocks);
  }

  private void haltIfPrintingBlocks() {
    try {
      ending.await();
      Thread.sleep(PRINT_GRACE_MILLIS);
      haltOnce();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Makes every thread's uncaught out-of-memory error end this process, from now on. */
  public static void install() {
    Thread.setDefaultUncaughtExceptionHandler(
        new OutOfMemoryExit(System.err, Runtime.getRuntime()::halt));
  }

  /**
   * Passes an out-of-memory error that a failure holds, itself or among its causes, to the current
   * thread's uncaught exception handler, as if it had not been caught; does nothing for any other
   * failure. For code that must catch every failure to answer a request, so that an out-of-memory
   * error does not stop there.
   *
   * @param failure what was caught
   */
  public static void handOver(Throwable failure) {
    outOfMemory(failure)
        .ifPresent(
            error -> {
              Thread thread = Thread.currentThread();
              thread.getUncaughtExceptionHandler().uncaughtException(thread, error);
            });
  }

  @Override
  public void uncaughtException(Thread thread, Throwable failure) {
    if (outOfMemory(failure).isPresent()) {
      ending.countDown();
      err.println(MESSAGE);
      err.flush();
      haltOnce();
    } else {
      err.print("Exception in thread \"" + thread.getName() + "\" ");
      failure.printStackTrace(err);
    }
  }

  private void haltOnce() {
    if (halted.compareAndSet(false, true)) {
      halt.accept(STATUS);
    }
  }

  /** Returns the out-of-memory error a failure is, or has among its causes. */
  static Optional<OutOfMemoryError> outOfMemory(Throwable failure) {
    Throwable cause = failure;
    for (int i = 0; cause != null && i < MAX_CAUSES; i++) {
      if (cause instanceof OutOfMemoryError error) {
        return Optional.of(error);
      }
      cause = cause.getCause();
    }
    return Optional.empty();
  }
}
