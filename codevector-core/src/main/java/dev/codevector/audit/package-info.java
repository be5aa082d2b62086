/**
 * The audit trail: an {@link dev.codevector.audit.AuditEntry} for every change an administrator
 * makes (who, from where, when, to which resource, and its fields before and after), kept
 * append-only by the Store's {@link dev.codevector.spi.AuditStore} and read back newest first
 * through an {@link dev.codevector.audit.AuditQuery}. The server records the changes made through
 * its admin API and console; applications that change the registry in-process may do the same.
 */
package dev.codevector.audit;
