package dev.codevector.server.admin;

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
import dev.codevector.registry.ValidationException;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The admin routes for Models, addressed by slug, their lifecycle ({@code publish}, {@code
 * disable}, {@code draft}) and their Backends. A Backend's {@code defaults}, when given, replace
 * all of its defaults.
 */
final class AdminModels {
  private static final Set<String> MODEL_FIELDS = Set.of("slug", "displayName", "kind");
  private static final Set<String> BACKEND_FIELDS =
      Set.of("providerModelId", "priority", "defaults");
  private static final Set<String> BACKEND_EDIT_FIELDS = Set.of("priority", "defaults");
  private static final Set<String> DEFAULTS_FIELDS =
      Set.of("temperature", "maxTokens", "topP", "topK", "stop");

  private static final int MAX_STOP_LENGTH = 1_000;

  private final Registry registry;

  AdminModels(Registry registry) {
    this.registry = registry;
  }

  void register(AdminRoutes routes) {
    routes.get("/models", this::list);
    routes.post("/models", this::create);
    routes.get("/models/{slug}", ctx -> send(ctx, 200, model(ctx)));
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

  private void send(Context ctx, int status, Model model) {
    AdminJson.send(ctx, status, AdminJson.model(model, new AdminJson.Targets(registry)));
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
            body.optionalText("kind").map(ModelKind::of).orElse(null));
    send(ctx, 201, model);
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
    ModelEdit edit = new ModelEdit(body.optionalText("slug"), body.optionalText("displayName"));
    send(ctx, 200, registry.editModel(current.id(), edit));
  }

  private void delete(Context ctx) {
    registry.deleteModel(model(ctx).id());
    AdminRoutes.noContent(ctx);
  }

  private void changeStatus(Context ctx, ModelStatus status) {
    send(ctx, 200, registry.changeStatus(model(ctx).id(), status));
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
            defaults(body).orElse(BackendDefaults.none()));
    Backend backend = registry.addBackend(model.id(), spec);
    AdminJson.send(ctx, 201, AdminJson.backend(backend, new AdminJson.Targets(registry)));
  }

  private void editBackend(Context ctx) {
    Model model = model(ctx);
    BackendId backendId = backendId(ctx, model);
    JsonBody body = JsonBody.parse(ctx.body(), BACKEND_EDIT_FIELDS);
    BackendEdit edit = new BackendEdit(body.optionalInteger("priority"), defaults(body));
    Backend backend = registry.editBackend(model.id(), backendId, edit);
    AdminJson.send(ctx, 200, AdminJson.backend(backend, new AdminJson.Targets(registry)));
  }

  private void removeBackend(Context ctx) {
    Model model = model(ctx);
    registry.removeBackend(model.id(), backendId(ctx, model));
    AdminRoutes.noContent(ctx);
  }

  /** Returns the Backend id in the path, checking first that the Model has it. */
  private static BackendId backendId(Context ctx, Model model) {
    BackendId id = BackendId.of(AdminRoutes.pathId(ctx, "id"));
    model.backend(id).orElseThrow(() -> new BackendNotFoundException(id));
    return id;
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
