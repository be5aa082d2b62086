package dev.codevector.server.admin;

import dev.codevector.Clock;
import dev.codevector.CodeVector;
import dev.codevector.spi.AuditStore;
import io.javalin.config.RoutesConfig;

/**
 * The admin JSON API under {@code /admin/api}: provider kinds, Providers and their Provider Models,
 * Models and their Backends, users, groups, grants, API keys, budgets and rate limits, usage, and
 * the audit trail, in which every change made through them is recorded (see {@link AuditTrail}).
 * Every route needs {@code Authorization: Bearer <admin token>} or the console's session cookie.
 * Lists are {@code {"data": [...]}}; a creation is answered with 201 and the resource; a deletion
 * with 204, except a key's, which revokes it and answers with the revoked key. Errors are {@code
 * {"error": {"type", "message"}}} with 400 (plus the {@code field} at fault), 401, 404, 409 or 429
 * (after too many wrong tokens from one address, see {@link AdminGate}); bad input changes nothing.
 * Credentials are never answered: a Provider shows only each credential's prefix and when it was
 * last set.
 */
public final class AdminEndpoints {
  private final CodeVector codeVector;
  private final AdminGate gate;
  private final ConsoleSessions sessions;
  private final AuditStore audit;

  /**
   * Creates the endpoints.
   *
   * @param codeVector the services behind them
   * @param gate checks the admin token every request must present
   * @param sessions the console's sessions, whose cookie (with its CSRF token for changes) is
   *     accepted in place of the token
   * @param audit where every change made through the endpoints is recorded, and read back from
   */
  public AdminEndpoints(
      CodeVector codeVector, AdminGate gate, ConsoleSessions sessions, AuditStore audit) {
    this.codeVector = codeVector;
    this.gate = gate;
    this.sessions = sessions;
    this.audit = audit;
  }

  /**
   * Registers the endpoints.
   *
   * @param routes where to register them
   */
  public void register(RoutesConfig routes) {
    AdminRoutes admin = new AdminRoutes(routes, gate, sessions);
    AuditTrail trail = new AuditTrail(audit, gate, Clock.system());
    new AdminProviders(codeVector.registry(), trail).register(admin);
    new AdminModels(codeVector.registry(), trail).register(admin);
    new AdminAccess(codeVector.access(), codeVector.registry(), trail).register(admin);
    new AdminLimits(codeVector.limits(), codeVector.registry(), trail).register(admin);
    new AdminUsage(codeVector).register(admin);
    new AdminAudit(audit).register(admin);
    admin.fallback();
  }
}
