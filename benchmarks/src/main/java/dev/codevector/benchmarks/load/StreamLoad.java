package dev.codevector.benchmarks.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * Opens streamed chat requests and times each: to its first event (time to first token) and to its
 * end. A stream counts as failed unless it answers 200 and reaches its end marker ({@code [DONE]}
 * or {@code message_stop}).
 */
final class StreamLoad {
  private final OkHttpClient http;

  StreamLoad(OkHttpClient http) {
    this.http = http;
  }

  /**
   * One stream's timing; the times are in nanoseconds from sending the request.
   *
   * @param failure why the stream failed, or null when it did not
   */
  record Timing(long firstEventNanos, long endNanos, String failure) {
    boolean ok() {
      return failure == null;
    }
  }

  /**
   * Runs {@code total} streams, {@code concurrency} at a time.
   *
   * @param request the streamed request
   * @param concurrency streams open at once
   * @param total streams in all
   * @return every stream's timing
   */
  List<Timing> run(Request request, int concurrency, int total) throws InterruptedException {
    ConcurrentLinkedQueue<Timing> timings = new ConcurrentLinkedQueue<>();
    AtomicInteger left = new AtomicInteger(total);
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < concurrency; i++) {
        workers.execute(
            () -> {
              while (left.getAndDecrement() > 0) {
                timings.add(once(request));
              }
            });
      }
    }
    return new ArrayList<>(timings);
  }

  /**
   * Opens {@code count} streams at once, started at {@code perSecond} a second, and waits for all
   * to end, calling {@code whileOpen} every 100 ms meanwhile.
   *
   * @return every stream's timing
   */
  List<Timing> hold(Request request, int count, int perSecond, Runnable whileOpen)
      throws InterruptedException {
    ConcurrentLinkedQueue<Timing> timings = new ConcurrentLinkedQueue<>();
    AtomicInteger running = new AtomicInteger();
    try (ExecutorService streams = Executors.newVirtualThreadPerTaskExecutor()) {
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        long due = start + i * 1_000_000_000L / perSecond;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        running.incrementAndGet();
        streams.execute(
            () -> {
              timings.add(once(request));
              running.decrementAndGet();
            });
        if (i % 100 == 0) {
          whileOpen.run();
        }
      }
      while (running.get() > 0) {
        whileOpen.run();
        Thread.sleep(100);
      }
    }
    return new ArrayList<>(timings);
  }

  private Timing once(Request request) {
    long start = System.nanoTime();
    long first = -1;
    boolean ended = false;
    String last = "";
    try (Response response = http.newCall(request).execute()) {
      if (response.code() != 200) {
        String body = response.body().string();
        return new Timing(-1, System.nanoTime() - start, "status " + response.code() + ": " + body);
      }
      BufferedSource body = response.body().source();
      for (String line = body.readUtf8Line(); line != null; line = body.readUtf8Line()) {
        if (line.startsWith("data:")) {
          if (first < 0) {
            first = System.nanoTime() - start;
          }
          ended |= line.equals("data: [DONE]") || line.contains("\"type\":\"message_stop\"");
          last = line;
        }
      }
    } catch (IOException e) {
      return new Timing(first, System.nanoTime() - start, e.toString());
    }
    return new Timing(
        first, System.nanoTime() - start, ended ? null : "no end marker after " + abbreviate(last));
  }

  private static String abbreviate(String line) {
    return line.length() <= 120 ? line : line.substring(0, 120) + "...";
  }
}
