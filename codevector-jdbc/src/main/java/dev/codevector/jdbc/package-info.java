/**
 * SQL storage for CodeVector: {@link dev.codevector.jdbc.JdbcStore} keeps the registry, access
 * control and usage records in an embedded H2 database or in PostgreSQL and brings the schema up to
 * date when it opens. Servers and applications that want their data to survive a restart, or to
 * share it between replicas, create one here and hand it to {@code
 * CodeVector.builder().store(...)}.
 */
package dev.codevector.jdbc;
