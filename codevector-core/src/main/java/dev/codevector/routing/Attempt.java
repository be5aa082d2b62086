package dev.codevector.routing;

import dev.codevector.registry.BackendId;
import dev.codevector.registry.ProviderId;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One try of one Backend within a route.
 *
 * @param backendId the Backend tried
 * @param providerId the Provider it routes to
 * @param upstreamModel the upstream model id sent
 * @param outcome what the router made of the answer
 * @param status the upstream's HTTP status; 0 when none arrived
 * @param duration from sending the request to the answer's classification
 * @param error why the attempt failed, without secrets or bodies; empty on success
 */
public record Attempt(
    BackendId backendId,
    ProviderId providerId,
    String upstreamModel,
    Outcome outcome,
    int status,
    Duration duration,
    Optional<String> error) {

  /** Checks the fields. */
  public Attempt {
    Objects.requireNonNull(backendId, "backendId");
    Objects.requireNonNull(providerId, "providerId");
    Objects.requireNonNull(upstreamModel, "upstreamModel");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(error, "error");
  }
}
