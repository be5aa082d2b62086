package dev.codevector.jdbc.internal;

import dev.codevector.registry.ConcurrentUpdateException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * How one table writes its versioned rows: an insert for an object at version 0, otherwise an
 * update that matches only the stored version the object was read at. The update first locks the
 * row ({@code SELECT ... FOR UPDATE}) and compares its version: the second of two racing updates
 * waits for the first to commit, then finds the version moved on and fails, so exactly one wins. On
 * H2, which was seen to let both of two racing updates match, {@link Database#inTransaction} also
 * runs transactions one at a time.
 *
 * @param what the kind of object, for {@link ConcurrentUpdateException}
 * @param insert the insert, binding every column
 * @param update the update, binding every column and {@code :expected}, the stored version; of the
 *     form {@code UPDATE table SET ... WHERE key = :key AND version = :expected}
 */
record VersionedRow(String what, String insert, String update) {
  private static final Pattern UPDATE =
      Pattern.compile(
          "UPDATE (\\w+) SET .* WHERE (\\w+) = :(\\w+) AND version = :expected", Pattern.DOTALL);

  /** Checks that the update has the form the row lock is made from. */
  VersionedRow {
    if (!UPDATE.matcher(update).matches()) {
      throw new IllegalArgumentException("not a versioned update: " + update);
    }
  }

  /**
   * Locks the row to be updated and returns its stored version, which a racing update that
   * committed meanwhile has moved on.
   */
  private Optional<Long> lockedVersion(Handle h, String id) {
    Matcher m = UPDATE.matcher(update);
    m.matches();
    return h.createQuery(
            "SELECT version FROM " + m.group(1) + " WHERE " + m.group(2) + " = :key FOR UPDATE")
        .bind("key", id)
        .mapTo(Long.class)
        .findOne();
  }

  /**
   * Inserts or updates a row.
   *
   * @param h the transaction's handle
   * @param id the object's id, for errors
   * @param expected the version the object was read at; 0 inserts
   * @param bind binds every column to the statement
   * @param refusals the error for each constraint the write may violate
   * @throws ConcurrentUpdateException if the update matched no row
   */
  void write(
      Handle h,
      String id,
      long expected,
      UnaryOperator<Update> bind,
      Map<Constraint, Supplier<RuntimeException>> refusals) {
    if (expected == 0) {
      Constraint.execute(bind.apply(h.createUpdate(insert)), refusals);
    } else if (!lockedVersion(h, id).equals(Optional.of(expected))
        || Constraint.execute(
                bind.apply(h.createUpdate(update)).bind("expected", expected), refusals)
            == 0) {
      throw new ConcurrentUpdateException(what, id, expected);
    }
  }
}
