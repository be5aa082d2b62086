package dev.codevector.server.proxy;

import dev.codevector.routing.Attempt;
import dev.codevector.routing.Outcome;
import java.util.List;

/**
 * Logs each upstream attempt of a request that failed over, with the request id that ties it to the
 * client's {@code x-request-id} and the usage record: which Backend and Provider, the upstream's
 * status (0 when none arrived), how long it took and why it failed. Attempts the client's own
 * request caused ({@link Outcome#FAIL}) are the client's to see, not the operator's.
 */
final class AttemptLog {
  private static final System.Logger LOG = System.getLogger(AttemptLog.class.getName());

  private AttemptLog() {}

  static void failovers(String requestId, String model, List<Attempt> attempts) {
    if (!LOG.isLoggable(System.Logger.Level.WARNING)) {
      return;
    }
    for (int i = 0; i < attempts.size(); i++) {
      Attempt attempt = attempts.get(i);
      if (attempt.outcome() == Outcome.FAILOVER) {
        LOG.log(
            System.Logger.Level.WARNING,
            "request "
                + requestId
                + ": attempt "
                + (i + 1)
                + " of "
                + attempts.size()
                + " for model "
                + model
                + " failed over after "
                + attempt.duration().toMillis()
                + " ms: Backend "
                + attempt.backendId().value()
                + ", Provider "
                + attempt.providerId().value()
                + ", upstream model "
                + attempt.upstreamModel()
                + ", status "
                + attempt.status()
                + ": "
                + attempt.error().orElse("no reason given"));
      }
    }
  }
}
