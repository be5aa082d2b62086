/**
 * The workings of {@link dev.codevector.jdbc.JdbcStore}: one class per table group with its SQL and
 * row mapping, the schema migrator, and the translation of constraint violations into the typed
 * errors of the registry and of access control. Not API: it may change in any release.
 */
package dev.codevector.jdbc.internal;
