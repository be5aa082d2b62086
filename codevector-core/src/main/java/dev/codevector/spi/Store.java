package dev.codevector.spi;

import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.registry.ConcurrentUpdateException;
import java.util.Optional;

/**
 * Where CodeVector keeps its data, one concern per accessor: the {@link #registry() registry}, the
 * {@link #access() access control}, the {@link #usage() usage records}, the {@link #limits()
 * budgets and rate limits}, the {@link #settings() settings} CodeVector keeps for itself, the
 * {@link #sessions() admin console's sessions} and the {@link #audit() audit trail} of
 * administrators' changes. The services enforce the domain rules; a Store keeps the data, its
 * uniqueness and its references, and makes every write atomic. New concerns arrive as new
 * accessors, each returning an interface of its own.
 *
 * <h2>Contract</h2>
 *
 * <p>Every concern keeps these rules; each concern's interface adds its own uniqueness, references
 * and cascades, a rule that spans two concerns being written down at the write that applies it.
 *
 * <ul>
 *   <li><b>Finds</b> return {@code Optional.empty()} for a missing object. Lists are unmodifiable
 *       snapshots, in no particular order.
 *   <li><b>Puts are compare-and-set on the version.</b> An object at version 0 is inserted and
 *       stored at version 1. An object at version {@code n > 0} replaces the stored object only if
 *       the stored version is {@code n}, and is stored at {@code n + 1}. Each put returns the
 *       object as stored. Of two writers putting the same version, exactly one wins; the other gets
 *       {@link ConcurrentUpdateException}, as does an update of an object that no longer exists.
 *       Grants, usage records and audit entries have no version: they are only ever inserted.
 *   <li><b>Uniqueness</b>: an object's id is unique among its kind. A put that would break a
 *       uniqueness rule throws {@link AlreadyExistsException} with {@code what} set to {@code
 *       <kind> id} for a duplicate id, or as the concern says for its other rules, and nothing is
 *       written.
 *   <li><b>References</b>: a put naming an object that does not exist throws that object's
 *       not-found exception, and nothing is written.
 *   <li><b>Atomicity</b>: each put and delete, its cascades included, is written whole or not at
 *       all, and no read sees it half done.
 *   <li><b>Values round-trip exactly</b>: credential ciphertexts, wrapped keys and API key hashes
 *       byte for byte, prices and costs as decimals, timestamps to the microsecond, durations to
 *       the nanosecond.
 *   <li><b>Concurrency</b>: each check a write depends on and the write itself are one atomic step:
 *       the version a put compares, the uniqueness it keeps, the room a reservation checks, the
 *       later use a touch requires. However many threads, or processes sharing the data, write at
 *       once, no two win one compare-and-set, no two objects are stored under one unique key, no
 *       counter passes a cap, and no update is lost. Check and write under one lock, or in one
 *       transaction whose update names the expected version: reading first and writing after,
 *       unguarded, loses races.
 * </ul>
 *
 * <p>Implementations must be thread-safe, and each accessor returns the same object on every call.
 * Prove one by extending the abstract contracts of the {@code codevector-testkit} artifact ({@code
 * dev.codevector.testkit}), one per concern: each failing assertion names the rule it checks.
 */
public interface Store extends AutoCloseable {

  /**
   * Returns the Providers, Provider Models and Models with their Backends.
   *
   * @return the registry's data
   */
  RegistryStore registry();

  /**
   * Returns the users, groups, grants and API keys.
   *
   * @return the access control's data
   */
  AccessStore access();

  /**
   * Returns the usage records.
   *
   * @return the usage records
   */
  UsageStore usage();

  /**
   * Returns the budgets and rate limits, with their counters.
   *
   * @return the limits' data
   */
  LimitStore limits();

  /**
   * Returns the settings CodeVector keeps for itself.
   *
   * @return the settings
   */
  SettingStore settings();

  /**
   * Returns the admin console's sessions.
   *
   * @return the sessions
   */
  SessionStore sessions();

  /**
   * Returns the audit trail of administrators' changes.
   *
   * @return the audit entries
   */
  AuditStore audit();

  /**
   * Returns the feed of the changes made to this Store's data by anyone sharing it, if the Store
   * can tell of them, such as a store on PostgreSQL; none by default.
   *
   * @return the feed, or empty if the Store cannot tell of changes made elsewhere
   */
  default Optional<ChangeFeed> changes() {
    return Optional.empty();
  }

  /**
   * Releases what the Store holds, such as a connection pool. The Store's creator closes it.
   *
   * @throws StoreException if closing fails
   */
  @Override
  void close();
}
