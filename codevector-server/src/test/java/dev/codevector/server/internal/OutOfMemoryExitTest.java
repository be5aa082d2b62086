package dev.codevector.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.spi.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class OutOfMemoryExitTest {
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final List<Integer> halts = new CopyOnWriteArrayList<>();
  private final OutOfMemoryExit exit =
      new OutOfMemoryExit(new PrintStream(printed, true, StandardCharsets.UTF_8), halts::add);

  @Test
  void outOfMemoryErrorHaltsWithStatus3AfterOneLine() {
    exit.uncaughtException(new Thread("MVStore background writer"), new OutOfMemoryError());

    assertEquals(List.of(3), halts);
    assertEquals(
        "codevector: out of memory; exiting with status 3 to be restarted\n",
        printed.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aStandardErrorThatBlocksDoesNotKeepTheProcessAlive() throws Exception {
    CountDownLatch halted = new CountDownLatch(1);
    OutputStream blocked =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            try {
              new CountDownLatch(1).await();
            } catch (InterruptedException e) {
              throw new InterruptedIOException();
            }
          }
        };
    OutOfMemoryExit stuck =
        new OutOfMemoryExit(
            new PrintStream(blocked, true, StandardCharsets.UTF_8),
            status -> {
              halts.add(status);
              halted.countDown();
            });
    Thread dying =
        Thread.ofPlatform()
            .daemon()
            .start(() -> stuck.uncaughtException(Thread.currentThread(), new OutOfMemoryError()));

    assertTrue(halted.await(10, TimeUnit.SECONDS), "the process was not halted");
    assertEquals(List.of(3), halts);
    dying.interrupt();
  }

  @Test
  void outOfMemoryErrorAmongTheCausesHalts() {
    StoreException wrapped =
        new StoreException("cannot store usage", new IllegalStateException(new OutOfMemoryError()));

    exit.uncaughtException(new Thread("usage-writer"), wrapped);

    assertEquals(List.of(3), halts);
  }

  @Test
  void otherFailureIsPrintedWithItsThreadAndDoesNotHalt() {
    exit.uncaughtException(new Thread("worker-1"), new IllegalStateException("broken"));

    assertEquals(List.of(), halts);
    String text = printed.toString(StandardCharsets.UTF_8);
    assertTrue(
        text.startsWith("Exception in thread \"worker-1\" java.lang.IllegalStateException: broken"),
        text);
  }

  @Test
  void circularCausesEndTheSearch() {
    IllegalStateException first = new IllegalStateException("first");
    IllegalStateException second = new IllegalStateException("second", first);
    first.initCause(second);

    exit.uncaughtException(new Thread("worker-2"), first);

    assertEquals(List.of(), halts);
  }

  @Test
  void handOverPassesAnOutOfMemoryErrorToTheThreadsHandler() throws InterruptedException {
    List<Throwable> received = new CopyOnWriteArrayList<>();
    OutOfMemoryError error = new OutOfMemoryError("Java heap space");
    Thread thread =
        new Thread(
            () -> {
              OutOfMemoryExit.handOver(new RuntimeException(new IllegalStateException("fine")));
              OutOfMemoryExit.handOver(new RuntimeException(error));
            });
    thread.setUncaughtExceptionHandler((t, e) -> received.add(e));

    thread.start();
    thread.join(10_000);

    assertEquals(List.of(error), received);
  }
}
