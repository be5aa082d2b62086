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
  DAY;

  /**
   * Returns the key a record is grouped under.
   *
   * @param record the usage record
   * @return the model slug, the provider or user id, or the ISO date; empty when the record has no
   *     provider or user
   */
  public String keyOf(UsageRecord record) {
    Objects.requireNonNull(record, "record");
    return switch (this) {
      case MODEL -> record.model();
      case PROVIDER -> record.provider().map(Object::toString).orElse("");
      case USER -> record.user().map(Object::toString).orElse("");
      case DAY -> LocalDate.ofInstant(record.time(), ZoneOffset.UTC).toString();
    };
  }
}
