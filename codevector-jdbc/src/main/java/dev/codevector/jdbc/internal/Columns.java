package dev.codevector.jdbc.internal;

import dev.codevector.registry.Pricing;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Reads the column types the schema uses, with SQL NULL as an empty optional, and binds the column
 * groups that several tables share.
 */
final class Columns {
  private Columns() {}

  static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class))
        .map(OffsetDateTime::toInstant);
  }

  static Optional<String> optionalString(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(rs.getString(column));
  }

  static OptionalInt optionalInt(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
  }

  static OptionalLong optionalLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
  }

  static OptionalDouble optionalDouble(ResultSet rs, String column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  static Optional<BigDecimal> optionalDecimal(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(rs.getBigDecimal(column));
  }

  /** Reads prices from the columns {@code input_per_mtok} to {@code cache_write_per_mtok}. */
  static Pricing pricing(ResultSet rs) throws SQLException {
    return new Pricing(
        rs.getBigDecimal("input_per_mtok"),
        rs.getBigDecimal("output_per_mtok"),
        optionalDecimal(rs, "cached_input_per_mtok"),
        optionalDecimal(rs, "cache_write_per_mtok"));
  }

  /** Binds prices to {@code :inputPerMTok} to {@code :cacheWritePerMTok}. */
  static <T extends SqlStatement<T>> T bindPricing(T statement, Pricing pricing) {
    return statement
        .bind("inputPerMTok", pricing.inputPerMTok())
        .bind("outputPerMTok", pricing.outputPerMTok())
        .bind("cachedInputPerMTok", pricing.cachedInputPerMTok().orElse(null))
        .bind("cacheWritePerMTok", pricing.cacheWritePerMTok().orElse(null));
  }

  /** Returns the value to bind for an optional integer column: the value, or null for NULL. */
  static Integer nullable(OptionalInt value) {
    return value.isPresent() ? value.getAsInt() : null;
  }

  /** Returns the value to bind for an optional long integer column. */
  static Long nullable(OptionalLong value) {
    return value.isPresent() ? value.getAsLong() : null;
  }

  /** Returns the value to bind for an optional floating-point column. */
  static Double nullable(OptionalDouble value) {
    return value.isPresent() ? value.getAsDouble() : null;
  }
}
