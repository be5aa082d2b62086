package dev.codevector.limits;

import dev.codevector.access.Group;
import dev.codevector.access.IssuedKey;
import dev.codevector.access.User;
import dev.codevector.internal.DefaultLimits;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelId;
import dev.codevector.spi.LimitStore;
import dev.codevector.spi.StoreException;
import dev.codevector.testing.DelegatingLimitStore;
import dev.codevector.testing.DelegatingStore;
import dev.codevector.testing.FakeClock;
import dev.codevector.testing.TestRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Limits on the in-memory store of a {@link TestRegistry}, reached through a {@link
 * dev.codevector.spi.LimitStore} that counts the calls made to it and fails them while it is down.
 */
final class LimitFixture {
  final TestRegistry test = new TestRegistry();
  final FakeClock clock = test.clock;
  final WatchedStore store = new WatchedStore();
  final DefaultLimits limits;

  LimitFixture() {
    this(LimitPolicy.OPEN);
  }

  LimitFixture(LimitPolicy policy) {
    this.limits =
        new DefaultLimits(
            new DelegatingStore(test.store) {
              @Override
              public LimitStore limits() {
                return store;
              }
            },
            clock,
            policy);
  }

  /** Waits until the settlements of the tickets ended so far are written. */
  void awaitSettlements() {
    try {
      limits.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for settlements", e);
    }
  }

  /** Counts every call and fails every call while {@link #down} is set. */
  final class WatchedStore extends DelegatingLimitStore {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger reserves = new AtomicInteger();
    volatile boolean down;

    WatchedStore() {
      super(test.store.limits());
    }

    private void call() {
      calls.incrementAndGet();
      if (down) {
        throw new StoreException("database unreachable", new IOException("refused"));
      }
    }

    @Override
    public Optional<Limit> findLimit(LimitId id) {
      call();
      return super.findLimit(id);
    }

    @Override
    public List<Limit> limits() {
      call();
      return super.limits();
    }

    @Override
    public Limit putLimit(Limit limit) {
      call();
      return super.putLimit(limit);
    }

    @Override
    public boolean deleteLimit(LimitId id) {
      call();
      return super.deleteLimit(id);
    }

    @Override
    public Reservation reserve(List<Charge> charges) {
      call();
      reserves.incrementAndGet();
      return super.reserve(charges);
    }

    @Override
    public void settle(List<Settlement> settlements) {
      call();
      super.settle(settlements);
    }

    @Override
    public List<Counter> counters(LimitId id) {
      call();
      return super.counters(id);
    }

    @Override
    public int pruneCounters(Instant endedBefore) {
      call();
      return super.pruneCounters(endedBefore);
    }
  }

  /** A user with one key, in the given groups. */
  Subject subject(String name, Group... groups) {
    User user = test.access.createUser(name, Optional.empty());
    for (Group group : groups) {
      test.access.addMember(group.id(), user.id());
    }
    IssuedKey key = test.access.issueKey(user.id(), Optional.empty(), Optional.empty());
    return Subject.of(
        key.key().id(), user.id(), Stream.of(groups).map(Group::id).collect(Collectors.toSet()));
  }

  /** Runs tasks on 16 threads at once, and rethrows the first failure. */
  static void runAtOnce(List<Callable<Void>> tasks) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(16);
    try {
      for (Future<Void> task : threads.invokeAll(tasks)) {
        task.get();
      }
    } finally {
      threads.shutdown();
    }
  }

  Model model(String slug) {
    return test.chatModel(slug);
  }

  static LimitSpec requestsPerMinute(LimitScope scope, long requests) {
    return new LimitSpec(
        scope, Optional.empty(), OptionalLong.of(requests), OptionalLong.empty(), Optional.empty());
  }

  static LimitSpec requestsPerMinuteOn(ModelId model, long requests) {
    return new LimitSpec(
        new LimitScope.All(),
        Optional.of(model),
        OptionalLong.of(requests),
        OptionalLong.empty(),
        Optional.empty());
  }

  static LimitSpec everyCap(long requests, long tokens, String amount, BudgetPeriod period) {
    return new LimitSpec(
        new LimitScope.All(),
        Optional.empty(),
        OptionalLong.of(requests),
        OptionalLong.of(tokens),
        Optional.of(new Budget(new BigDecimal(amount), period)));
  }

  static LimitSpec tokensPerMinute(LimitScope scope, long tokens) {
    return new LimitSpec(
        scope, Optional.empty(), OptionalLong.empty(), OptionalLong.of(tokens), Optional.empty());
  }

  static LimitSpec budget(LimitScope scope, String amount, BudgetPeriod period) {
    return new LimitSpec(
        scope,
        Optional.empty(),
        OptionalLong.empty(),
        OptionalLong.empty(),
        Optional.of(new Budget(new BigDecimal(amount), period)));
  }

  static Demand demand(long tokens, String cost) {
    return new Demand(tokens, 0, new BigDecimal(cost));
  }

  /**
   * What each cap of a limit has used, reserved and left, such as {@code "1 used, 0 reserved, 9
   * left"}.
   */
  static List<String> figures(LimitStatus status) {
    return status.caps().stream()
        .map(
            cap ->
                plain(cap.used())
                    + " used, "
                    + plain(cap.reserved())
                    + " reserved, "
                    + plain(cap.remaining())
                    + " left")
        .toList();
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
