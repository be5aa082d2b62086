package dev.codevector.usage;

import dev.codevector.registry.BackendId;
import dev.codevector.registry.ProviderId;
import dev.codevector.routing.Attempt;
import dev.codevector.routing.Outcome;
import java.util.Objects;

/**
 * What a {@link UsageRecord} keeps of one {@link Attempt}: which Backend was tried and how it went,
 * without timings or error text. Instances are immutable.
 *
 * @param backendId the Backend tried
 * @param providerId the Provider it routes to
 * @param upstreamModel the upstream model id sent
 * @param outcome what the router made of the answer
 * @param status the upstream's HTTP status; 0 when none arrived
 */
public record AttemptSummary(
    BackendId backendId, ProviderId providerId, String upstreamModel, Outcome outcome, int status) {

  /** Checks the fields. */
  public AttemptSummary {
    Objects.requireNonNull(backendId, "backendId");
    Objects.requireNonNull(providerId, "providerId");
    Objects.requireNonNull(upstreamModel, "upstreamModel");
    Objects.requireNonNull(outcome, "outcome");
    if (status < 0) {
      throw new IllegalArgumentException("negative status " + status);
    }
  }

  /**
   * Returns the summary of an attempt.
   *
   * @param attempt the attempt
   * @return its summary
   */
  public static AttemptSummary of(Attempt attempt) {
    return new AttemptSummary(
        attempt.backendId(),
        attempt.providerId(),
        attempt.upstreamModel(),
        attempt.outcome(),
        attempt.status());
  }
}
