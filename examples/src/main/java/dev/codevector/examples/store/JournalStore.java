package dev.codevector.examples.store;

import dev.codevector.spi.AbstractStore;
import dev.codevector.spi.Store;
import dev.codevector.spi.StoreException;
import dev.codevector.store.InMemoryStore;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@link Store} kept in memory and made durable by a write-ahead journal in one file: for small
 * deployments in a single process and for demos, where a database would be too much and an {@link
 * InMemoryStore} forgets too much. It shows how little a custom Store needs, and how to prove one.
 *
 * <h2>How it works</h2>
 *
 * <p>The data lives in an {@link InMemoryStore}, which enforces the contract: versions, uniqueness,
 * references and cascades. Each write is applied to it first; if it succeeds, the write is appended
 * to the journal as one JSON line naming the operation and its argument, such as {@code
 * {"op":"putProvider","value":{...}}}, and forced to disk before the write returns. One lock spans
 * both steps, so the journal holds the successful writes in the order they happened, and a write
 * the in-memory store refuses is never journaled. Reads go straight to memory.
 *
 * <p>{@link #open} replays the journal into a new {@code InMemoryStore}. Puts are compare-and-set
 * on versions and deterministic, so replaying the same writes in the same order rebuilds the same
 * objects at the same versions. A last line without its newline, left by a crash in the middle of
 * an append, belongs to a write that never returned: it is dropped, and cut off the file. Any other
 * line that cannot be read or replayed fails the open with its line number.
 *
 * <h2>Limits</h2>
 *
 * <ul>
 *   <li>One process: the file is locked while the store is open, and a second open fails.
 *   <li>Everything is held in memory, and the journal only grows: every update adds a line, an API
 *       key's last use included (about once a minute per key in use), and so do the reservation and
 *       the settlement of every request a limit applies to, and a console session's use (about once
 *       a minute per session in use). Compacting it (writing the current objects to a new file and
 *       swapping it in) is left out: replaying a compacted file would have to restore objects at
 *       their stored versions, which the {@code Store} API does not offer.
 *   <li>Every write waits for its line to reach the disk, one at a time.
 *   <li>If an append fails, the in-memory store already holds the write the journal lost, and reads
 *       may see it; every later write then fails with {@link StoreException} until the store is
 *       opened again from its file.
 * </ul>
 *
 * <h2>Proof</h2>
 *
 * <p>Its tests extend the store contracts of {@code codevector-testkit}, one per concern, each with
 * a new journal file per test; a custom Store is proven the same way. Further tests write through a
 * {@link dev.codevector.CodeVector}, reopen the file and compare every object, and cover torn and
 * corrupt lines.
 *
 * <p>This class is thread-safe.
 */
public final class JournalStore extends AbstractStore {
  private final Journal journal;

  private JournalStore(InMemoryStore memory, Journal journal) {
    super(
        new JournalRegistryStore(memory.registry(), journal),
        new JournalAccessStore(memory.access(), journal),
        new JournalUsageStore(memory.usage(), journal),
        new JournalLimitStore(memory.limits(), journal),
        new JournalSettingStore(memory.settings(), journal),
        new JournalSessionStore(memory.sessions(), journal),
        new JournalAuditStore(memory.audit(), journal));
    this.journal = journal;
  }

  /**
   * Opens the store kept in a journal file, creating the file if it does not exist, and replays it.
   *
   * @param file the journal file; its directory must exist
   * @return the store, holding what the journal holds
   * @throws StoreException if the file cannot be created, read or locked, or a line other than a
   *     torn last one cannot be replayed
   */
  public static JournalStore open(Path file) {
    InMemoryStore memory = new InMemoryStore();
    return new JournalStore(memory, Journal.open(Objects.requireNonNull(file, "file"), memory));
  }

  /**
   * Closes the journal file and releases its lock. Later writes fail; reads still answer from
   * memory.
   *
   * @throws StoreException if the file cannot be closed
   */
  @Override
  public void close() {
    journal.close();
  }
}
