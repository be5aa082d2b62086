package dev.codevector.limits;

import java.util.List;
import java.util.Objects;

/**
 * Where a limit stands now: one entry per cap it sets.
 *
 * @param limit the limit
 * @param caps its caps' standing, in the order requests, tokens, budget
 */
public record LimitStatus(Limit limit, List<CapStatus> caps) {

  /** Checks and copies the fields. */
  public LimitStatus {
    Objects.requireNonNull(limit, "limit");
    caps = List.copyOf(caps);
  }
}
