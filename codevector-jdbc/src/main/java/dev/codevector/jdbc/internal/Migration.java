package dev.codevector.jdbc.internal;

import java.util.Objects;

/**
 * One step of the schema, read from a file named {@code V<version>__<description>.sql}.
 *
 * @param version the step's number; the schema's version once it is applied
 * @param description what the step adds, such as {@code registry}
 * @param sql the statements, separated by semicolons
 */
public record Migration(int version, String description, String sql) {

  /** Checks the fields. */
  public Migration {
    if (version < 1) {
      throw new IllegalArgumentException("migration version " + version + " is not positive");
    }
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(sql, "sql");
  }

  @Override
  public String toString() {
    return "V" + version + "__" + description;
  }
}
