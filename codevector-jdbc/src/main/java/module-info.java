/**
 * CodeVector's JDBC store: {@link dev.codevector.jdbc.JdbcStore} keeps the registry, access control
 * and usage records in H2 or PostgreSQL through Jdbi and a HikariCP pool, and on PostgreSQL listens
 * for the changes other processes make through the driver's notifications. The table classes and
 * the schema migrator live in {@code dev.codevector.jdbc.internal}, which is not exported; the
 * schema migrations are opened so that they can be read through the class loader.
 */
module dev.codevector.jdbc {
  requires transitive dev.codevector.core;
  requires transitive java.sql;
  requires com.fasterxml.jackson.databind;
  requires com.zaxxer.hikari;
  requires org.jdbi.v3.core;
  requires static org.postgresql.jdbc;

  exports dev.codevector.jdbc;

  opens dev.codevector.jdbc.schema;
}
