/**
 * Interfaces for implementors: {@link dev.codevector.spi.Store}, where CodeVector keeps its data,
 * one interface per concern ({@link dev.codevector.spi.RegistryStore}, {@link
 * dev.codevector.spi.AccessStore}, {@link dev.codevector.spi.UsageStore}, {@link
 * dev.codevector.spi.SettingStore}, {@link dev.codevector.spi.SessionStore}, {@link
 * dev.codevector.spi.AuditStore}), the {@link dev.codevector.spi.ChangeFeed} a Store may offer to
 * tell of changes made elsewhere, and {@link dev.codevector.spi.Upstream}. Each comes with a
 * written contract; the store's is proven by the abstract test suites of the {@code
 * codevector-testkit} artifact, one per concern.
 */
package dev.codevector.spi;
