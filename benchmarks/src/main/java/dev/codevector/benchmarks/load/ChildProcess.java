package dev.codevector.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process the benchmark started (the gateway, the mock), with what Linux reports of its CPU time
 * and resident memory.
 */
final class ChildProcess {
  private static final long CLOCK_TICKS_PER_SECOND = clockTicks();

  private final Process process;
  private final Path log;

  private ChildProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts a process whose output goes to a log file.
   *
   * @param builder the command, environment and directory
   * @param log where its output goes
   * @return the running process
   * @throws IOException if it cannot be started
   */
  static ChildProcess start(ProcessBuilder builder, Path log) throws IOException {
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    return new ChildProcess(builder.start(), log);
  }

  /**
   * Waits until the log has a line starting with the prefix and returns the rest of that line.
   *
   * @param prefix the line's start, such as {@code http=}
   * @param timeout how long to wait
   * @return the rest of the line
   * @throws IOException if the process ends or the line does not come in time
   */
  String awaitLine(String prefix, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try (BufferedReader lines = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (line.startsWith(prefix)) {
            return line.substring(prefix.length()).trim();
          }
        }
      }
      if (!process.isAlive()) {
        throw new IOException("process ended early; see " + log);
      }
      Thread.sleep(50);
    }
    throw new IOException("no '" + prefix + "' line in time; see " + log);
  }

  /**
   * Returns the CPU time the process used so far, user and system.
   *
   * @return the CPU time in nanoseconds
   */
  long cpuNanos() throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
  }

  /**
   * Returns the resident set size now.
   *
   * @return bytes
   */
  long rssBytes() throws IOException {
    List<String> status =
        Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"));
    for (String line : status) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IOException("no VmRSS for process " + process.pid());
  }

  /** Stops the process, forcibly when it does not end within 30 seconds. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private static long clockTicks() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
      String ticks = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      getconf.waitFor();
      return Long.parseLong(ticks.trim());
    } catch (IOException | InterruptedException | NumberFormatException e) {
      throw new IllegalStateException("cannot read the clock tick rate (getconf CLK_TCK)", e);
    }
  }
}
