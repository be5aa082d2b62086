package dev.codevector.jdbc;

/**
 * The SQL databases a {@link JdbcStore} works with. The store finds out which one it is talking to
 * from the connection's metadata; the schema migrations are written for each, and every other
 * difference between them stays inside the store.
 */
public enum SqlDialect {
  /** H2 2.x, embedded: a file in the data directory, or in memory for tests. */
  H2,
  /** PostgreSQL, for production and for several replicas sharing one database. */
  POSTGRESQL
}
