package dev.codevector.limits;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * Where one cap of a limit stands in its current window.
 *
 * @param cap the cap
 * @param limit its value: requests, tokens or US dollars
 * @param used what settled requests used in the window
 * @param reserved what requests in flight reserved
 * @param remaining what is left: the value less used and reserved, at least zero
 * @param resetsAt when the window ends
 */
public record CapStatus(
    Cap cap,
    BigDecimal limit,
    BigDecimal used,
    BigDecimal reserved,
    BigDecimal remaining,
    Instant resetsAt) {

  /** Checks every field. */
  public CapStatus {
    Objects.requireNonNull(cap, "cap");
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(used, "used");
    Objects.requireNonNull(reserved, "reserved");
    Objects.requireNonNull(remaining, "remaining");
    Objects.requireNonNull(resetsAt, "resetsAt");
  }
}
