package dev.codevector.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codevector.Clock;
import dev.codevector.audit.AuditEntry;
import dev.codevector.spi.AuditStore;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.UUID;

/**
 * Records the changes made through the admin API and the console in the Store's audit trail: who
 * made each (the {@value #ADMIN_TOKEN}, or a console session by a short fingerprint of its id), the
 * client's address, the resource, the action, and the resource's fields before and after as the
 * admin API shows them, which hold no secret: a credential or an API key appears only as its
 * prefix. Failed console logins are recorded too, with the client's address and nothing of what was
 * presented.
 *
 * <p>A change is recorded right after it is made, in the same request. If the entry cannot be
 * written, the change stands: the failure is logged at ERROR and the request gets the change's
 * answer, since the change itself cannot be undone at that point.
 *
 * <p>This class is thread-safe.
 */
final class AuditTrail {
  /** The actor of a change made with the admin token. */
  static final String ADMIN_TOKEN = "admin-token";

  /** The actor of a failed login: no one was authenticated. */
  static final String ANONYMOUS = "anonymous";

  private static final System.Logger LOG = System.getLogger(AuditTrail.class.getName());
  private static final String ACTOR = "codevector.audit.actor";

  private final AuditStore store;
  private final AdminGate gate;
  private final Clock clock;

  AuditTrail(AuditStore store, AdminGate gate, Clock clock) {
    this.store = store;
    this.gate = gate;
    this.clock = clock;
  }

  /**
   * Marks who a request was authenticated as, for the entries of the changes it makes.
   *
   * @param ctx the request
   * @param actor the actor; never a secret
   */
  static void actAs(Context ctx, String actor) {
    ctx.attribute(ACTOR, actor);
  }

  /** Records the creation of a resource. */
  void created(Context ctx, String resource, String id, JsonNode after) {
    record(ctx, actor(ctx), resource, Optional.of(id), "create", null, after);
  }

  /**
   * Records a change of a resource; {@code before} is null when the change is not shown as the
   * resource's fields before it, as a catalog import is not.
   */
  void changed(
      Context ctx, String resource, String id, String action, JsonNode before, JsonNode after) {
    record(ctx, actor(ctx), resource, Optional.of(id), action, before, after);
  }

  /** Records the deletion of a resource. */
  void deleted(Context ctx, String resource, String id, JsonNode before) {
    record(ctx, actor(ctx), resource, Optional.of(id), "delete", before, null);
  }

  /** Records a console login refused for a wrong admin token. */
  void loginFailed(Context ctx) {
    record(ctx, ANONYMOUS, "console-session", Optional.empty(), "login-failed", null, null);
  }

  /** Records a console session opened with the admin token. */
  void loggedIn(Context ctx, String sessionId) {
    record(
        ctx,
        ADMIN_TOKEN,
        "console-session",
        Optional.of(ConsoleSessions.fingerprint(sessionId)),
        "login",
        null,
        null);
  }

  private static String actor(Context ctx) {
    String actor = ctx.attribute(ACTOR);
    if (actor == null) {
      throw new IllegalStateException(
          "a change was made by a request no one was authenticated for");
    }
    return actor;
  }

  /** Writes an entry; {@code before} and {@code after} are null where the resource is absent. */
  private void record(
      Context ctx,
      String actor,
      String resource,
      Optional<String> id,
      String action,
      JsonNode before,
      JsonNode after) {
    try {
      store.appendAudit(
          new AuditEntry(
              UUID.randomUUID().toString(),
              clock.instant(),
              actor,
              gate.clientAddress(ctx),
              resource,
              id,
              action,
              Optional.ofNullable(before).map(AdminJson::text),
              Optional.ofNullable(after).map(AdminJson::text)));
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.ERROR,
          "cannot record the audit entry of "
              + action
              + " on "
              + resource
              + id.map(i -> " '" + i + "'").orElse("")
              + " by "
              + actor
              + "; the change stands",
          e);
    }
  }
}
