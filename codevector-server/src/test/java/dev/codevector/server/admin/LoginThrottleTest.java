package dev.codevector.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class LoginThrottleTest {
  private static final String ADDRESS = "203.0.113.7";

  private final AtomicLong now = new AtomicLong(1_000);
  private final LoginThrottle throttle = new LoginThrottle(now::get, 100);

  private void attempt(int times) {
    for (int i = 0; i < times; i++) {
      assertFalse(throttle.attempt(ADDRESS).isRefused());
    }
  }

  private void advance(Duration duration) {
    now.addAndGet(duration.toNanos());
  }

  @Test
  void tenAttemptsInARowGoOn() {
    attempt(9);

    LoginThrottle.Attempt tenth = throttle.attempt(ADDRESS);

    assertEquals(new LoginThrottle.Attempt(10, Duration.ZERO), tenth);
  }

  @Test
  void theEleventhIsRefusedForTheFirstBlockAndOtherAddressesAreNot() {
    attempt(10);

    assertEquals(LoginThrottle.FIRST_BLOCK, throttle.attempt(ADDRESS).refusedFor());
    assertFalse(throttle.attempt("198.51.100.1").isRefused());
  }

  @Test
  void eachFurtherAttemptDoublesTheWaitUpToTheLongest() {
    attempt(10);

    advance(LoginThrottle.FIRST_BLOCK);
    attempt(1);
    assertEquals(LoginThrottle.FIRST_BLOCK.multipliedBy(2), throttle.attempt(ADDRESS).refusedFor());
    advance(LoginThrottle.FIRST_BLOCK.multipliedBy(2));
    attempt(1);
    assertEquals(LoginThrottle.FIRST_BLOCK.multipliedBy(4), throttle.attempt(ADDRESS).refusedFor());
    for (int i = 0; i < 20; i++) {
      advance(LoginThrottle.LONGEST_BLOCK);
      attempt(1);
    }

    assertEquals(LoginThrottle.LONGEST_BLOCK, throttle.attempt(ADDRESS).refusedFor());
  }

  @Test
  void refusedAttemptsDoNotLengthenTheWait() {
    attempt(10);
    for (int i = 0; i < 5; i++) {
      throttle.attempt(ADDRESS);
    }

    advance(LoginThrottle.FIRST_BLOCK);

    assertFalse(throttle.attempt(ADDRESS).isRefused());
  }

  @Test
  void aRightTokenForgetsTheAttempts() {
    attempt(9);

    throttle.succeeded(ADDRESS);
    attempt(10);

    assertTrue(throttle.attempt(ADDRESS).isRefused());
  }

  @Test
  void attemptsAreForgottenAfterAnHourWithoutOne() {
    attempt(9);

    advance(LoginThrottle.FORGET_AFTER.plusSeconds(1));

    assertEquals(1, throttle.attempt(ADDRESS).inARow());
  }

  @Test
  void concurrentAttemptsCannotSlipPastTheTen() {
    int threads = 50;
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger letIn = new AtomicInteger();
    List<Thread> started = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      started.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      start.await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      return;
                    }
                    if (!throttle.attempt(ADDRESS).isRefused()) {
                      letIn.incrementAndGet();
                    }
                  }));
    }

    start.countDown();
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          for (Thread thread : started) {
            thread.join();
          }
        });

    assertEquals(LoginThrottle.FREE_FAILURES, letIn.get());
  }

  @Test
  void aSprayOfAddressesIsRememberedOnlyUpToTheLimit() {
    for (int i = 0; i < 10_000; i++) {
      throttle.attempt("10.0." + (i >> 8) + "." + (i & 0xFF));
    }

    assertTrue(throttle.addresses() <= 100, Long.toString(throttle.addresses()));
  }
}
