package dev.codevector.server.admin;

import dev.codevector.server.ServerConfig;
import dev.codevector.server.internal.ApiKeys;
import dev.codevector.server.internal.ErrorResponses;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;

/**
 * Checks the tokens presented to the admin console, the admin API and {@code /metrics}, and
 * throttles client addresses that present wrong ones (see {@link LoginThrottle}): a throttled
 * address gets 429 with {@code Retry-After} whatever it presents. Each wrong token is logged at
 * WARNING with the client's address, never the token.
 *
 * <p>This class is thread-safe.
 */
public final class AdminGate {
  private static final System.Logger LOG = System.getLogger(AdminGate.class.getName());

  private final AdminToken adminToken;
  private final Optional<TokenHash> metricsToken;
  private final ClientOrigin origin;
  private final LoginThrottle throttle;

  AdminGate(
      AdminToken adminToken,
      Optional<TokenHash> metricsToken,
      ClientOrigin origin,
      LoginThrottle throttle) {
    this.adminToken = adminToken;
    this.metricsToken = metricsToken;
    this.origin = origin;
    this.throttle = throttle;
  }

  /**
   * Creates the gate the settings ask for.
   *
   * @param adminToken the admin token
   * @param config the metrics token, the public URL and whether forwarded headers are trusted
   * @return the gate
   */
  public static AdminGate create(AdminToken adminToken, ServerConfig config) {
    return new AdminGate(
        adminToken,
        config.metricsToken().map(token -> TokenHash.of(token.reveal())),
        ClientOrigin.of(config),
        new LoginThrottle());
  }

  /** What a presented token got. */
  enum Verdict {
    /** The token is right. */
    ADMITTED,
    /** The token is wrong or missing; the caller answers. */
    REFUSED,
    /** The address is throttled; 429 has been answered. */
    THROTTLED
  }

  /**
   * Checks a token presented as the admin token.
   *
   * @param ctx the request
   * @param presented the token, or null if none was given
   * @param where what it was presented to, for the log
   * @return the verdict
   */
  Verdict admin(Context ctx, String presented, String where) {
    return check(ctx, presented, adminToken.matches(presented), where);
  }

  /**
   * Guards {@code /metrics}: a scrape must present the admin token or the metrics token as a bearer
   * token, or gets 401.
   *
   * @param scrape the handler that answers a scrape
   * @return the guarded handler
   */
  public Handler metrics(Handler scrape) {
    return ctx -> {
      String presented = ApiKeys.bearer(ctx).orElse(null);
      boolean right =
          adminToken.matches(presented)
              || metricsToken.filter(token -> token.matches(presented)).isPresent();
      Verdict verdict =
          presented == null ? Verdict.REFUSED : check(ctx, presented, right, "/metrics");
      if (verdict == Verdict.ADMITTED) {
        scrape.handle(ctx);
      } else if (verdict == Verdict.REFUSED) {
        ctx.header("www-authenticate", "Bearer");
        ErrorResponses.send(ctx, 401, "the admin token or the metrics token is required");
      }
    };
  }

  /** Returns the address a request came from, as the throttle counts it. */
  String clientAddress(Context ctx) {
    return origin.address(ctx);
  }

  /** Returns whether the client reached us over HTTPS, so the session cookie is {@code Secure}. */
  boolean isHttps(Context ctx) {
    return origin.isHttps(ctx);
  }

  private Verdict check(Context ctx, String presented, boolean right, String where) {
    String address = origin.address(ctx);
    LoginThrottle.Attempt attempt = throttle.attempt(address);
    if (attempt.isRefused()) {
      long seconds = Math.max(1, (attempt.refusedFor().toMillis() + 999) / 1000);
      ctx.header("retry-after", Long.toString(seconds));
      ErrorResponses.send(
          ctx, 429, "too many wrong tokens from this address; retry in " + seconds + " seconds");
      return Verdict.THROTTLED;
    }
    if (presented != null && right) {
      throttle.succeeded(address);
      return Verdict.ADMITTED;
    }
    LOG.log(
        System.Logger.Level.WARNING,
        "wrong token for " + where + " from " + address + " (" + attempt.inARow() + " in a row)");
    return Verdict.REFUSED;
  }
}
