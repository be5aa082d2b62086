package dev.codevector.jdbc.internal;

import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * Binds an {@link Instant} to a {@code TIMESTAMP WITH TIME ZONE} column as a UTC {@code
 * OffsetDateTime}. Jdbi's default goes through {@code java.sql.Timestamp}, which drags in the JVM's
 * time zone; this keeps the instant exact whatever the zones of the JVM and the database.
 */
final class InstantArgument extends AbstractArgumentFactory<Instant> {
  InstantArgument() {
    super(Types.TIMESTAMP_WITH_TIMEZONE);
  }

  @Override
  protected Argument build(Instant value, ConfigRegistry config) {
    return (position, statement, context) ->
        statement.setObject(position, value.atOffset(ZoneOffset.UTC));
  }
}
