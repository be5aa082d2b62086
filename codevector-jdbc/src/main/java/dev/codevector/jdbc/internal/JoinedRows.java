package dev.codevector.jdbc.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jdbi.v3.core.result.ResultBearing;

/**
 * Folds the rows of a parent table LEFT JOINed with a child table back into parents, each with its
 * children. Reading both in one statement gives one consistent snapshot; two statements could see a
 * write land between them.
 */
final class JoinedRows {
  private JoinedRows() {}

  /** Reads one value from the current row. */
  interface Reader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /**
   * Folds the rows of a query into parents with their children.
   *
   * @param rows the query; its parent's key is the column {@code id}
   * @param parent reads the parent's columns
   * @param child reads the child's columns; empty on a parent row without children
   * @param combine makes the result of a parent and its children
   * @return the results, in the order the parents first appear, unmodifiable
   */
  static <P, C, R> List<R> fold(
      ResultBearing rows,
      Reader<P> parent,
      Reader<Optional<C>> child,
      BiFunction<P, List<C>, R> combine) {
    Map<String, P> parents = new LinkedHashMap<>();
    Map<String, List<C>> children = new HashMap<>();
    rows.reduceResultSet(
        parents,
        (seen, rs, context) -> {
          String id = rs.getString("id");
          if (!seen.containsKey(id)) {
            seen.put(id, parent.read(rs));
            children.put(id, new ArrayList<>());
          }
          child.read(rs).ifPresent(children.get(id)::add);
          return seen;
        });
    List<R> results = new ArrayList<>();
    parents.forEach((id, p) -> results.add(combine.apply(p, children.get(id))));
    return List.copyOf(results);
  }
}
