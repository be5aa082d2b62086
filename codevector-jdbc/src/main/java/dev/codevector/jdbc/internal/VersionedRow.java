package dev.codevector.jdbc.internal;

import dev.codevector.registry.ConcurrentUpdateException;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * How one table writes its versioned rows: an insert for an object at version 0, otherwise an
 * update that matches only the stored version the object was read at. Under read committed, the
 * second of two racing updates waits for the first, then finds the version moved on and matches no
 * row: exactly one wins. (On H2, which was seen to let both match, {@link Database#inTransaction}
 * runs transactions one at a time.)
 *
 * @param what the kind of object, for {@link ConcurrentUpdateException}
 * @param insert the insert, binding every column
 * @param update the update, binding every column and {@code :expected}, the stored version
 */
record VersionedRow(String what, String insert, String update) {

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
    } else if (Constraint.execute(
            bind.apply(h.createUpdate(update)).bind("expected", expected), refusals)
        == 0) {
      throw new ConcurrentUpdateException(what, id, expected);
    }
  }
}
