package dev.codevector.usage;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/** How a {@link UsageQuery} groups usage records into {@link UsageTotal totals}. */
public enum GroupBy {
  /** By the Model slug the client asked for. */
  MODEL,
  /** By the id of the Provider that answered; the empty key for requests none answered. */
  PROVIDER,
  /** By the id of the calling user; the empty key for requests without one. */
  USER,
  /** By the day the request was made, in UTC, as an ISO date such as {@code 2026-11-21}. */
  DAY,
  /**
   * By the short name of the client program, such as {@code claude-code}; see {@link ClientKind}.
   */
  CLIENT,
  /** By the client's session id; the empty key for requests without one. */
  SESSION;

  /**
   * Returns the key a record is grouped under.
   *
   * @param record the usage record
   * @return the model slug, the provider or user id, the ISO date, the client's short name or the
   *     session id; empty when the record has no provider, user or session
   */
  public String keyOf(UsageRecord record) {
    Objects.requireNonNull(record, "record");
    return switch (this) {
      case MODEL -> record.model();
      case PROVIDER -> record.provider().map(Object::toString).orElse("");
      case USER -> record.user().map(Object::toString).orElse("");
      case DAY -> LocalDate.ofInstant(record.time(), ZoneOffset.UTC).toString();
      case CLIENT -> record.client().kind().key();
      case SESSION -> record.sessionId().orElse("");
    };
  }
}
