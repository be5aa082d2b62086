package dev.codevector.limits;

import java.util.Objects;
import java.util.Optional;

/**
 * The room the limits on a request left when it was admitted, for each per-minute cap that applied:
 * the tightest over every limit, with this request's own reservation taken.
 *
 * @param requests the requests-per-minute room; empty when no limit caps requests
 * @param tokens the tokens-per-minute room; empty when no limit caps tokens
 */
public record Room(Optional<Allowance> requests, Optional<Allowance> tokens) {
  /** No cap applied. */
  public static final Room UNLIMITED = new Room(Optional.empty(), Optional.empty());

  /** Checks every field. */
  public Room {
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(tokens, "tokens");
  }
}
