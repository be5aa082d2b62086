package dev.codevector.store;

import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.registry.ConcurrentUpdateException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * The rows of one kind of object in memory, by id, with the {@link dev.codevector.spi.Store}
 * contract's finds, compare-and-set puts on the version and unique keys. Every method holds the
 * lock it is given, which the tables of one store share, so a caller holding that lock makes a
 * write over several tables, cascades included, atomic.
 *
 * @param <K> the type of the rows' ids
 * @param <V> the type of the rows
 */
final class VersionedTable<K, V> {
  private final Object lock;
  private final String kind;
  private final String idWhat;
  private final Function<V, K> id;
  private final ToLongFunction<V> version;
  private final BiFunction<V, Long, V> withVersion;
  private final List<UniqueKey<?>> uniqueKeys = new ArrayList<>();
  // Guarded by lock
  private final Map<K, V> rows = new HashMap<>();

  private VersionedTable(
      Object lock,
      String kind,
      String idWhat,
      Function<V, K> id,
      ToLongFunction<V> version,
      BiFunction<V, Long, V> withVersion) {
    this.lock = lock;
    this.kind = kind;
    this.idWhat = idWhat;
    this.id = id;
    this.version = version;
    this.withVersion = withVersion;
  }

  /**
   * Returns a table of versioned rows; a duplicate id is refused as {@code <kind> id}.
   *
   * @param lock the lock of the store the table belongs to
   * @param kind the rows' kind, as errors name it, such as {@code provider}
   * @param id a row's id
   * @param version a row's version
   * @param withVersion a row at another version
   */
  static <K, V> VersionedTable<K, V> versioned(
      Object lock,
      String kind,
      Function<V, K> id,
      ToLongFunction<V> version,
      BiFunction<V, Long, V> withVersion) {
    return new VersionedTable<>(lock, kind, kind + " id", id, version, withVersion);
  }

  /**
   * Returns a table of versioned rows whose id is a name, a duplicate refused as {@code <kind>}.
   *
   * @param lock the lock of the store the table belongs to
   * @param kind the rows' kind, as errors name it, such as {@code setting}
   * @param name a row's name
   * @param version a row's version
   * @param withVersion a row at another version
   */
  static <V> VersionedTable<String, V> named(
      Object lock,
      String kind,
      Function<V, String> name,
      ToLongFunction<V> version,
      BiFunction<V, Long, V> withVersion) {
    return new VersionedTable<>(lock, kind, kind, name, version, withVersion);
  }

  /**
   * Returns a table of rows without a version, only ever inserted: a row whose id is stored is
   * refused as {@code <kind> id}.
   *
   * @param lock the lock of the store the table belongs to
   * @param kind the rows' kind, as errors name it, such as {@code grant}
   * @param id a row's id
   */
  static <K, V> VersionedTable<K, V> insertOnly(Object lock, String kind, Function<V, K> id) {
    return new VersionedTable<>(lock, kind, kind + " id", id, row -> 0, (row, next) -> row);
  }

  /**
   * Adds keys no two rows may share; a put of a row holding another row's key is refused.
   *
   * @param keys the keys of a row, none or several
   * @param refusal the error refusing a row for one of its keys
   * @return the key, to find rows by
   */
  <U> UniqueKey<U> unique(
      Function<V, ? extends Collection<U>> keys, BiFunction<V, U, RuntimeException> refusal) {
    UniqueKey<U> key = new UniqueKey<>(keys, refusal);
    uniqueKeys.add(key);
    return key;
  }

  /**
   * Adds a key no two rows may share, refused as {@code what} with the key as the value.
   *
   * @param what what the error names, such as {@code provider name}
   * @param key the key of a row
   * @return the key, to find rows by
   */
  UniqueKey<String> unique(String what, Function<V, String> key) {
    return unique(row -> List.of(key.apply(row)), (row, k) -> new AlreadyExistsException(what, k));
  }

  Optional<V> find(K key) {
    Objects.requireNonNull(key, idWhat);
    synchronized (lock) {
      return Optional.ofNullable(rows.get(key));
    }
  }

  <U> Optional<V> find(UniqueKey<U> unique, U key) {
    synchronized (lock) {
      return Optional.ofNullable(unique.holders.get(key)).map(rows::get);
    }
  }

  boolean contains(K key) {
    synchronized (lock) {
      return rows.containsKey(key);
    }
  }

  List<V> all() {
    synchronized (lock) {
      return List.copyOf(rows.values());
    }
  }

  List<V> where(Predicate<V> filter) {
    synchronized (lock) {
      return rows.values().stream().filter(filter).toList();
    }
  }

  /**
   * Inserts a row at version 0, or replaces the row stored at the row's version, after checking its
   * unique keys and then its references.
   *
   * @param row the row
   * @param references checks the rows {@code row} refers to, throwing if one is missing
   * @return the row as stored, at its next version
   * @throws AlreadyExistsException if the id or a unique key is taken
   * @throws ConcurrentUpdateException if the stored version differs or the row is gone
   */
  V put(V row, Runnable references) {
    K key = id.apply(row);
    long expected = version.applyAsLong(row);
    synchronized (lock) {
      V current = rows.get(key);
      if (expected == 0 && current != null) {
        throw new AlreadyExistsException(idWhat, key.toString());
      }
      if (expected != 0 && (current == null || version.applyAsLong(current) != expected)) {
        throw new ConcurrentUpdateException(kind, key.toString(), expected);
      }
      for (UniqueKey<?> unique : uniqueKeys) {
        unique.check(key, row);
      }
      references.run();
      return store(withVersion.apply(row, expected + 1));
    }
  }

  /**
   * Replaces a stored row as a cascade does, without checks, moving it to its next version.
   *
   * @param row the row as changed by the cascade, at its stored version
   */
  void bump(V row) {
    synchronized (lock) {
      store(withVersion.apply(row, version.applyAsLong(row) + 1));
    }
  }

  boolean delete(K key) {
    Objects.requireNonNull(key, idWhat);
    synchronized (lock) {
      V removed = rows.remove(key);
      if (removed == null) {
        return false;
      }
      for (UniqueKey<?> unique : uniqueKeys) {
        unique.release(removed);
      }
      return true;
    }
  }

  /** Deletes every row that passes a filter. */
  void deleteWhere(Predicate<V> filter) {
    synchronized (lock) {
      for (V row : where(filter)) {
        delete(id.apply(row));
      }
    }
  }

  // Guarded by lock
  private V store(V row) {
    V previous = rows.put(id.apply(row), row);
    for (UniqueKey<?> unique : uniqueKeys) {
      if (previous != null) {
        unique.release(previous);
      }
      unique.hold(id.apply(row), row);
    }
    return row;
  }

  /**
   * Keys no two rows of a table share, with the ids of the rows holding them; guarded by the
   * table's lock.
   */
  final class UniqueKey<U> {
    private final Function<V, ? extends Collection<U>> keys;
    private final BiFunction<V, U, RuntimeException> refusal;
    private final Map<U, K> holders = new HashMap<>();

    private UniqueKey(
        Function<V, ? extends Collection<U>> keys, BiFunction<V, U, RuntimeException> refusal) {
      this.keys = keys;
      this.refusal = refusal;
    }

    private void check(K rowId, V row) {
      for (U key : keys.apply(row)) {
        K holder = holders.get(key);
        if (holder != null && !holder.equals(rowId)) {
          throw refusal.apply(row, key);
        }
      }
    }

    private void hold(K rowId, V row) {
      for (U key : keys.apply(row)) {
        holders.put(key, rowId);
      }
    }

    private void release(V row) {
      for (U key : keys.apply(row)) {
        holders.remove(key);
      }
    }
  }
}
