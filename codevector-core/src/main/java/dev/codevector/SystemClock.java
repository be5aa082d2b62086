package dev.codevector;

import java.time.Instant;

/** The system's clock; the only place in CodeVector that reads the system time. */
enum SystemClock implements Clock {
  INSTANCE;

  @Override
  public Instant instant() {
    return Instant.now();
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }
}
