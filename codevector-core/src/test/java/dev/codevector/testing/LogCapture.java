package dev.codevector.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what one class logs through {@code System.Logger}, whose default backend is {@code
 * java.util.logging}, until closed.
 */
public final class LogCapture extends Handler implements AutoCloseable {
  private final Logger logger;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  private LogCapture(Logger logger) {
    this.logger = logger;
    logger.addHandler(this);
  }

  /**
   * Starts collecting what a logger logs.
   *
   * @param name the logger's name, the class name of a non-public class
   * @return the capture; close it to stop
   */
  public static LogCapture of(String name) {
    return new LogCapture(Logger.getLogger(name));
  }

  /**
   * Returns each record collected so far as its level and message, such as {@code "WARNING Backend
   * b-1 is skipped until its cooldown ends"}.
   *
   * @return the lines, in order
   */
  public List<String> lines() {
    return records.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList();
  }

  /**
   * Returns the lines, as {@link #lines()} gives them, of the records collected that carry an
   * exception, whose stack trace a log would print.
   *
   * @return the lines, in order
   */
  public List<String> linesWithATrace() {
    return records.stream()
        .filter(r -> r.getThrown() != null)
        .map(r -> r.getLevel() + " " + r.getMessage())
        .toList();
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
