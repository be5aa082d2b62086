package dev.codevector.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.access.ApiKeyId;
import dev.codevector.access.GroupId;
import dev.codevector.access.UserId;
import dev.codevector.limits.Budget;
import dev.codevector.limits.BudgetPeriod;
import dev.codevector.limits.Limit;
import dev.codevector.limits.LimitId;
import dev.codevector.limits.LimitNotFoundException;
import dev.codevector.limits.LimitScope;
import dev.codevector.limits.LimitSpec;
import dev.codevector.limits.LimitStatus;
import dev.codevector.limits.Limits;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.Registry;
import dev.codevector.registry.ValidationException;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The admin routes for budgets and rate limits. A limit names its scope as exactly one of {@code
 * {"keyId"}}, {@code {"userId"}}, {@code {"groupId"}} or {@code {"all": true}}, its Model by slug
 * ({@code null} for every Model), and at least one of {@code requestsPerMinute}, {@code
 * tokensPerMinute} and {@code budget: {amount, period}}. A change ({@code PATCH}) keeps the fields
 * it leaves out; a {@code null} clears a cap or the Model.
 */
final class AdminLimits {
  private static final Set<String> LIMIT_FIELDS =
      Set.of("scope", "model", "requestsPerMinute", "tokensPerMinute", "budget");
  private static final Set<String> SCOPE_FIELDS = Set.of("keyId", "userId", "groupId", "all");
  private static final Set<String> BUDGET_FIELDS = Set.of("amount", "period");
  private static final String PERIODS =
      Arrays.stream(BudgetPeriod.values()).map(BudgetPeriod::id).collect(Collectors.joining(", "));

  private static final String LIMIT = "limit";

  private final Limits limits;
  private final Registry registry;
  private final AuditTrail trail;

  AdminLimits(Limits limits, Registry registry, AuditTrail trail) {
    this.limits = limits;
    this.registry = registry;
    this.trail = trail;
  }

  void register(AdminRoutes routes) {
    routes.get("/limits", this::list);
    routes.post("/limits", this::create);
    routes.get("/limits/{id}", ctx -> AdminJson.send(ctx, 200, json(limit(ctx))));
    routes.patch("/limits/{id}", this::change);
    routes.delete("/limits/{id}", this::delete);
    routes.get("/limits/{id}/status", this::status);
  }

  /**
   * Lists limits, narrowed by {@code ?keyId=}, {@code ?userId=} or {@code ?groupId=} (the limits on
   * that scope) and by {@code ?model=} (a slug: the limits for that Model).
   */
  private void list(Context ctx) {
    Predicate<Limit> wanted =
        on(ctx, "keyId", id -> new LimitScope.Key(ApiKeyId.of(id)))
            .and(on(ctx, "userId", id -> new LimitScope.User(UserId.of(id))))
            .and(on(ctx, "groupId", id -> new LimitScope.Group(GroupId.of(id))));
    String slug = ctx.queryParam("model");
    if (slug != null) {
      Optional<ModelId> model = Optional.of(AdminRoutes.modelBySlug(registry, "model", slug).id());
      wanted = wanted.and(l -> l.model().equals(model));
    }
    AdminJson.send(
        ctx, 200, AdminJson.list(limits.list().stream().filter(wanted).map(this::json).toList()));
  }

  /** Keeps the limits on the scope a query parameter names, or every limit without it. */
  private static Predicate<Limit> on(
      Context ctx, String param, Function<String, LimitScope> scopeOf) {
    String id = ctx.queryParam(param);
    if (id == null) {
      return limit -> true;
    }
    LimitScope scope = scopeOf.apply(AdminRoutes.id(param, id));
    return limit -> limit.scope().equals(scope);
  }

  private void create(Context ctx) {
    JsonBody body = JsonBody.parse(ctx.body(), LIMIT_FIELDS);
    LimitScope scope =
        scope(body).orElseThrow(() -> new ValidationException("scope", null, "is required"));
    LimitSpec spec =
        new LimitSpec(
            scope,
            model(body),
            body.optionalLong("requestsPerMinute"),
            body.optionalLong("tokensPerMinute"),
            budget(body));
    Limit created = limits.create(spec);
    ObjectNode after = json(created);
    trail.created(ctx, LIMIT, created.id().value(), after);
    AdminJson.send(ctx, 201, after);
  }

  /** Changes the fields the body gives, keeping the others; {@code null} clears a cap or Model. */
  private void change(Context ctx) {
    Limit current = limit(ctx);
    JsonBody body = JsonBody.parse(ctx.body(), LIMIT_FIELDS);
    if (body.isNull("scope")) {
      throw new ValidationException("scope", null, "must not be null");
    }
    LimitSpec was = current.spec();
    LimitSpec spec =
        new LimitSpec(
            scope(body).orElse(was.scope()),
            given(body, "model") ? model(body) : was.model(),
            given(body, "requestsPerMinute")
                ? body.optionalLong("requestsPerMinute")
                : was.requestsPerMinute(),
            given(body, "tokensPerMinute")
                ? body.optionalLong("tokensPerMinute")
                : was.tokensPerMinute(),
            given(body, "budget") ? budget(body) : was.budget());
    ObjectNode after = json(limits.update(current.id(), spec));
    trail.changed(ctx, LIMIT, current.id().value(), "update", json(current), after);
    AdminJson.send(ctx, 200, after);
  }

  private Optional<ModelId> model(JsonBody body) {
    return body.optionalText("model")
        .map(slug -> AdminRoutes.modelBySlug(registry, "model", slug).id());
  }

  private static boolean given(JsonBody body, String field) {
    return body.has(field) || body.isNull(field);
  }

  private void delete(Context ctx) {
    Limit current = limit(ctx);
    limits.delete(current.id());
    trail.deleted(ctx, LIMIT, current.id().value(), json(current));
    AdminRoutes.noContent(ctx);
  }

  private void status(Context ctx) {
    LimitStatus status = limits.status(limitId(ctx));
    AdminJson.send(ctx, 200, AdminJson.limitStatus(status, slug(status.limit())));
  }

  private Limit limit(Context ctx) {
    LimitId id = limitId(ctx);
    return limits.find(id).orElseThrow(() -> new LimitNotFoundException(id));
  }

  private static LimitId limitId(Context ctx) {
    return LimitId.of(AdminRoutes.pathId(ctx, "id"));
  }

  private ObjectNode json(Limit limit) {
    return AdminJson.limit(limit, slug(limit));
  }

  private String slug(Limit limit) {
    return limit.model().flatMap(registry::findModel).map(Model::slug).orElse(null);
  }

  /**
   * Reads the scope: exactly one of {@code keyId}, {@code userId}, {@code groupId}, {@code all}.
   */
  private static Optional<LimitScope> scope(JsonBody body) {
    Optional<JsonBody> given = body.object("scope", SCOPE_FIELDS);
    if (given.isEmpty()) {
      return Optional.empty();
    }
    JsonBody scope = given.get();
    long named = SCOPE_FIELDS.stream().filter(scope::has).count();
    if (named != 1) {
      throw new ValidationException(
          "scope", null, "must name exactly one of keyId, userId, groupId or all");
    }
    Optional<String> keyId = scope.optionalText("keyId");
    Optional<String> userId = scope.optionalText("userId");
    Optional<String> groupId = scope.optionalText("groupId");
    if (keyId.isPresent()) {
      return Optional.of(
          new LimitScope.Key(ApiKeyId.of(AdminRoutes.id("scope.keyId", keyId.get()))));
    }
    if (userId.isPresent()) {
      return Optional.of(
          new LimitScope.User(UserId.of(AdminRoutes.id("scope.userId", userId.get()))));
    }
    if (groupId.isPresent()) {
      return Optional.of(
          new LimitScope.Group(GroupId.of(AdminRoutes.id("scope.groupId", groupId.get()))));
    }
    if (!scope.bool("all").orElse(false)) {
      throw new ValidationException("scope.all", null, "must be true");
    }
    return Optional.of(new LimitScope.All());
  }

  /** Reads the budget: {@code {amount, period}}, both required. */
  private static Optional<Budget> budget(JsonBody body) {
    return body.object("budget", BUDGET_FIELDS)
        .map(
            budget ->
                new Budget(budget.decimal("amount").orElse(null), period(budget.text("period"))));
  }

  private static BudgetPeriod period(String id) {
    for (BudgetPeriod period : BudgetPeriod.values()) {
      if (period.id().equals(id)) {
        return period;
      }
    }
    throw new ValidationException("budget.period", id, "must be one of " + PERIODS);
  }
}
