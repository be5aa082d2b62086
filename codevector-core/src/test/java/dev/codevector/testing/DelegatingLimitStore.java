package dev.codevector.testing;

import dev.codevector.limits.Charge;
import dev.codevector.limits.Counter;
import dev.codevector.limits.Limit;
import dev.codevector.limits.LimitId;
import dev.codevector.limits.Reservation;
import dev.codevector.limits.Settlement;
import dev.codevector.spi.LimitStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link LimitStore} that hands every call to a real one: tests override the calls they count,
 * hold or break.
 */
public class DelegatingLimitStore implements LimitStore {
  private final LimitStore delegate;

  /**
   * Creates the store.
   *
   * @param delegate the store that does the work
   */
  public DelegatingLimitStore(LimitStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public Optional<Limit> findLimit(LimitId id) {
    return delegate.findLimit(id);
  }

  @Override
  public List<Limit> limits() {
    return delegate.limits();
  }

  @Override
  public Limit putLimit(Limit limit) {
    return delegate.putLimit(limit);
  }

  @Override
  public boolean deleteLimit(LimitId id) {
    return delegate.deleteLimit(id);
  }

  @Override
  public Reservation reserve(List<Charge> charges) {
    return delegate.reserve(charges);
  }

  @Override
  public void settle(List<Settlement> settlements) {
    delegate.settle(settlements);
  }

  @Override
  public List<Counter> counters(LimitId id) {
    return delegate.counters(id);
  }

  @Override
  public int pruneCounters(Instant endedBefore) {
    return delegate.pruneCounters(endedBefore);
  }
}
