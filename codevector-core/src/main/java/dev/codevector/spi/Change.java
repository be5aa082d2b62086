package dev.codevector.spi;

/**
 * What a {@link ChangeFeed} tells has changed: one concern of a {@link Store}, or everything.
 *
 * @see ChangeFeed
 */
public enum Change {
  /** The Providers, Provider Models, Models or Backends changed. */
  REGISTRY,
  /** The users, groups, group members, grants or API keys changed. */
  ACCESS,
  /** The budgets and rate limits changed (not their counters). */
  LIMITS,
  /**
   * Anything may have changed: the feed may have missed changes, as when it starts listening or
   * listens again after losing its connection.
   */
  EVERYTHING
}
