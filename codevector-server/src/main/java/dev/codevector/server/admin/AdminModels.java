package dev.codevector.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.registry.Backend;
import dev.codevector.registry.BackendDefaults;
import dev.codevector.registry.BackendEdit;
import dev.codevector.registry.BackendId;
import dev.codevector.registry.BackendNotFoundException;
import dev.codevector.registry.BackendSpec;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelEdit;
import dev.codevector.registry.ModelKind;
import dev.codevector.registry.ModelNotFoundException;
import dev.codevector.registry.ModelStatus;
import dev.codevector.registry.ProviderModelId;
import dev.codevector.registry.Registry;
import dev.codevector.registry.RoutingStrategy;
import dev.codevector.registry.ValidationException;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The admin routes for Models, addressed by slug, their routing ({@code failover} or {@code
 * balanced}), their lifecycle ({@code publish}, {@code disable}, {@code draft}) and their Backends,
 * each with a priority and a weight. A Backend's {@code defaults}, when given, replace all of its
 * defaults.
 */
final class AdminModels {
  private static final Set<String> MODEL_FIELDS = Set.of("slug", "displayName", "kind", "routing");
  private static final Set<String> BACKEND_FIELDS =
      Set.of("providerModelId", "priority", "weight", "defaults");
  private static final Set<String> BACKEND_EDIT_FIELDS = Set.of("priority", "weight", "defaults");
  private static final Set<String> DEFAULTS_FIELDS =
      Set.of("temperature", "maxTokens", "topP", "topK", "stop");

  private static final int MAX_STOP_LENGTH = 1_000;

  private static final String MODEL = "model";
  private static final String BACKEND = "backend";

  private final Registry registry;
  private final AuditTrail trail;

  AdminModels(Registry registry, AuditTrail trail) {
    this.registry = registry;
    this.trail = trail;
  }

  void register(AdminRoutes routes) {
    routes.get("/models", this::list);
    routes.post("/models", this::create);
    routes.get("/models/{slug}", ctx -> AdminJson.send(ctx, 200, json(model(ctx))));
    routes.patch("/models/{slug}", this::edit);
    routes.delete("/models/{slug}", this::delete);
    routes.post("/models/{slug}/publish", ctx -> changeStatus(ctx, ModelStatus.ACTIVE));
    routes.post("/models/{slug}/disable", ctx -> changeStatus(ctx, ModelStatus.DISABLED));
    routes.post("/models/{slug}/draft", ctx -> changeStatus(ctx, ModelStatus.DRAFT));
    routes.get("/models/{slug}/backends", this::backends);
    routes.post("/models/{slug}/backends", this::addBackend);
    routes.patch("/models/{slug}/backends/{id}", this::editBackend);
    routes.delete("/models/{slug}/backends/{id}", this::removeBackend);
  }

  private ObjectNode json(Model model) {
    return AdminJson.model(model, new AdminJson.Targets(registry));
  }

  private ObjectNode json(Backend backend) {
    return AdminJson.backend(backend, new AdminJson.Targets(registry));
  }

  /** Returns a Backend as the audit trail shows it: with the slug of its Model. */
  private ObjectNode audited(Model model, Backend backend) {
    return json(backend).put("model", model.slug());
  }

  /** Records a change of a Model and answers with the Model as changed. */
  private void changed(Context ctx, String action, Model before, Model after) {
    ObjectNode answer = json(after);
    trail.changed(ctx, MODEL, after.id().value(), action, json(before), answer);
    AdminJson.send(ctx, 200, answer);
  }

  private void list(Context ctx) {
    String query = Optional.ofNullable(ctx.queryParam("q")).orElse("").strip();
    AdminJson.Targets targets = new AdminJson.Targets(registry);
    AdminJson.send(
        ctx,
        200,
        AdminJson.list(
            registry.models(query).stream().map(m -> AdminJson.model(m, targets)).toList()));
  }

  private void create(Context ctx) {
    JsonBody body = JsonBody.parse(ctx.body(), MODEL_FIELDS);
    Model model =
        registry.createModel(
            body.optionalText("slug").orElse(null),
            body.optionalText("displayName").orElse(null),
            body.optionalText("kind").map(ModelKind::of).orElse(null),
            routing(body).orElse(RoutingStrategy.FAILOVER));
    ObjectNode after = json(model);
    trail.created(ctx, MODEL, model.id().value(), after);
    AdminJson.send(ctx, 201, after);
  }

  private Model model(Context ctx) {
    String slug = AdminRoutes.pathId(ctx, "slug");
    return registry.findModelBySlug(slug).orElseThrow(() -> new ModelNotFoundException(slug));
  }

  private void edit(Context ctx) {
    Model current = model(ctx);
    JsonBody body = JsonBody.parse(ctx.body(), MODEL_FIELDS);
    Optional<String> kind = body.optionalText("kind");
    if (kind.isPresent() && ModelKind.of(kind.get()) != current.kind()) {
      throw new ValidationException("kind", kind.get(), "is fixed after creation");
    }
    ModelEdit edit =
        new ModelEdit(body.optionalText("slug"), body.optionalText("displayName"), routing(body));
    changed(ctx, "update", current, registry.editModel(current.id(), edit));
  }

  private void delete(Context ctx) {
    Model current = model(ctx);
    registry.deleteModel(current.id());
    trail.deleted(ctx, MODEL, current.id().value(), json(current));
    AdminRoutes.noContent(ctx);
  }

  private void changeStatus(Context ctx, ModelStatus status) {
    Model current = model(ctx);
    String action =
        switch (status) {
          case ACTIVE -> "publish";
          case DISABLED -> "disable";
          case DRAFT -> "draft";
        };
    changed(ctx, action, current, registry.changeStatus(current.id(), status));
  }

  private void backends(Context ctx) {
    AdminJson.Targets targets = new AdminJson.Targets(registry);
    AdminJson.send(
        ctx,
        200,
        AdminJson.list(
            model(ctx).backends().stream().map(b -> AdminJson.backend(b, targets)).toList()));
  }

  private void addBackend(Context ctx) {
    Model model = model(ctx);
    JsonBody body = JsonBody.parse(ctx.body(), BACKEND_FIELDS);
    Optional<String> target = body.optionalText("providerModelId");
    BackendSpec spec =
        new BackendSpec(
            target
                .map(id -> ProviderModelId.of(AdminRoutes.id("providerModelId", id)))
                .orElse(null),
            body.integer("priority"),
            body.optionalInteger("weight").orElse(Backend.DEFAULT_WEIGHT),
            defaults(body).orElse(BackendDefaults.none()));
    Backend backend = registry.addBackend(model.id(), spec);
    trail.created(ctx, BACKEND, backend.id().value(), audited(model, backend));
    AdminJson.send(ctx, 201, json(backend));
  }

  private void editBackend(Context ctx) {
    Model model = model(ctx);
    Backend current = backend(ctx, model);
    JsonBody body = JsonBody.parse(ctx.body(), BACKEND_EDIT_FIELDS);
    BackendEdit edit =
        new BackendEdit(
            body.optionalInteger("priority"), body.optionalInteger("weight"), defaults(body));
    Backend changed = registry.editBackend(model.id(), current.id(), edit);
    trail.changed(
        ctx,
        BACKEND,
        current.id().value(),
        "update",
        audited(model, current),
        audited(model, changed));
    AdminJson.send(ctx, 200, json(changed));
  }

  private void removeBackend(Context ctx) {
    Model model = model(ctx);
    Backend current = backend(ctx, model);
    registry.removeBackend(model.id(), current.id());
    trail.deleted(ctx, BACKEND, current.id().value(), audited(model, current));
    AdminRoutes.noContent(ctx);
  }

  /** Returns the Backend the path names, checking first that the Model has it. */
  private static Backend backend(Context ctx, Model model) {
    BackendId id = BackendId.of(AdminRoutes.pathId(ctx, "id"));
    return model.backend(id).orElseThrow(() -> new BackendNotFoundException(id));
  }

  private static Optional<RoutingStrategy> routing(JsonBody body) {
    return body.optionalText("routing").map(RoutingStrategy::of);
  }

  private static Optional<BackendDefaults> defaults(JsonBody body) {
    return body.object("defaults", DEFAULTS_FIELDS)
        .map(
            d ->
                new BackendDefaults(
                    d.optionalDouble("temperature"),
                    d.optionalInt("maxTokens"),
                    d.optionalDouble("topP"),
                    d.optionalInt("topK"),
                    stop(d.strings("stop").orElse(List.of()))));
  }

  /** Keeps stop sequences to a length that upstreams take and every store holds. */
  private static List<String> stop(List<String> sequences) {
    for (String sequence : sequences) {
      if (sequence.length() > MAX_STOP_LENGTH) {
        throw new ValidationException(
            "defaults.stop",
            null,
            "must hold sequences of at most " + MAX_STOP_LENGTH + " characters");
      }
    }
    return sequences;
  }
}
