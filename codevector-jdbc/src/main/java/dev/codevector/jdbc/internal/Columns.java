package dev.codevector.jdbc.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** Reads the column types the schema uses, with SQL NULL as an empty optional. */
final class Columns {
  private Columns() {}

  static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  static OptionalInt optionalInt(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
  }

  static OptionalDouble optionalDouble(ResultSet rs, String column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  static Optional<BigDecimal> optionalDecimal(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(rs.getBigDecimal(column));
  }

  /** Returns the value to bind for an optional integer column: the value, or null for NULL. */
  static Integer nullable(OptionalInt value) {
    return value.isPresent() ? value.getAsInt() : null;
  }

  /** Returns the value to bind for an optional floating-point column. */
  static Double nullable(OptionalDouble value) {
    return value.isPresent() ? value.getAsDouble() : null;
  }
}
