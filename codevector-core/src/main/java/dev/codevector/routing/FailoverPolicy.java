package dev.codevector.routing;

/**
 * Decides, in one place, what an upstream's answer means for the route.
 *
 * <ul>
 *   <li>Fail over on connection errors and timeouts before the first byte (see {@link
 *       #onException()}), and on 401, 402, 403 (our credential or account is at fault; another
 *       Backend may work), 408, 409, 429, and every 5xx (500, 502, 503, 504, Anthropic's 529).
 *   <li>Fail over on every 3xx: redirects are never followed, since following one would send the
 *       credential and the prompt to wherever it points, so an upstream that redirects has failed.
 *   <li>Do not fail over on other 4xx, such as 400, 404, 413 and 422: the request itself is at
 *       fault, and the client gets the upstream's error.
 * </ul>
 *
 * <p>This class is thread-safe.
 */
public final class FailoverPolicy {
  private static final FailoverPolicy DEFAULT = new FailoverPolicy();

  private FailoverPolicy() {}

  /**
   * Returns the policy described above.
   *
   * @return the default policy
   */
  public static FailoverPolicy ofDefaults() {
    return DEFAULT;
  }

  /**
   * Classifies an upstream's HTTP status.
   *
   * @param status the status of the upstream's answer
   * @return the outcome
   */
  public Outcome classify(int status) {
    if (status >= 200 && status < 300) {
      return Outcome.SUCCESS;
    }
    if (status >= 500 || (status >= 300 && status < 400)) {
      return Outcome.FAILOVER;
    }
    switch (status) {
      case 401:
      case 402:
      case 403:
      case 408:
      case 409:
      case 429:
        return Outcome.FAILOVER;
      default:
        return Outcome.FAIL;
    }
  }

  /**
   * Classifies a failure to get an answer: connection refused or reset, DNS, TLS, a timeout before
   * the first byte, or an error event before anything reached the client.
   *
   * @return {@link Outcome#FAILOVER}
   */
  public Outcome onException() {
    return Outcome.FAILOVER;
  }
}
