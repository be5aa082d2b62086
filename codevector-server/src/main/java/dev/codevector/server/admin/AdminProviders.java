package dev.codevector.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.registry.CatalogImport;
import dev.codevector.registry.ModelKind;
import dev.codevector.registry.Pricing;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderEdit;
import dev.codevector.registry.ProviderId;
import dev.codevector.registry.ProviderKind;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelEdit;
import dev.codevector.registry.ProviderModelId;
import dev.codevector.registry.ProviderModelSpec;
import dev.codevector.registry.ProviderSpec;
import dev.codevector.registry.Registry;
import dev.codevector.registry.Status;
import dev.codevector.registry.ValidationException;
import dev.codevector.vault.Secret;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The admin routes for provider kinds, Providers and Provider Models.
 *
 * <p>A Provider is created from {@code {kind, name, credentials, config}}. A change ({@code PATCH})
 * takes {@code name}, {@code config} and {@code credentials}: {@code config} is merged into the
 * values set so far, a {@code null} value removing one (so its default applies again), and each
 * credential given replaces the one set. The kind is fixed after creation.
 */
final class AdminProviders {
  private static final Set<String> PROVIDER_FIELDS =
      Set.of("kind", "name", "credentials", "config");
  private static final Set<String> MODEL_FIELDS =
      Set.of("modelId", "kind", "contextWindow", "maxOutputTokens", "pricing");
  private static final Set<String> MODEL_EDIT_FIELDS =
      Set.of("contextWindow", "maxOutputTokens", "pricing", "status");
  private static final Set<String> PRICING_FIELDS =
      Set.of("inputPerMTok", "outputPerMTok", "cachedInputPerMTok", "cacheWritePerMTok");

  private static final String PROVIDER = "provider";
  private static final String PROVIDER_MODEL = "provider-model";

  private final Registry registry;
  private final AuditTrail trail;

  AdminProviders(Registry registry, AuditTrail trail) {
    this.registry = registry;
    this.trail = trail;
  }

  void register(AdminRoutes routes) {
    routes.get("/provider-kinds", this::kinds);
    routes.get("/providers", this::list);
    routes.post("/providers", this::create);
    routes.get(
        "/providers/{id}", ctx -> AdminJson.send(ctx, 200, AdminJson.provider(provider(ctx))));
    routes.patch("/providers/{id}", this::edit);
    routes.delete("/providers/{id}", this::delete);
    routes.post("/providers/{id}/enable", ctx -> changeStatus(ctx, Status.ACTIVE));
    routes.post("/providers/{id}/disable", ctx -> changeStatus(ctx, Status.DISABLED));
    routes.post("/providers/{id}/catalog-import", this::importCatalog);
    routes.get("/providers/{id}/models", this::models);
    routes.post("/providers/{id}/models", this::addModel);
    routes.get("/provider-models/{id}", this::model);
    routes.patch("/provider-models/{id}", this::editModel);
    routes.delete("/provider-models/{id}", this::deleteModel);
  }

  private void kinds(Context ctx) {
    AdminJson.send(
        ctx,
        200,
        AdminJson.list(Arrays.stream(ProviderKind.values()).map(AdminJson::kind).toList()));
  }

  private void list(Context ctx) {
    String query = Optional.ofNullable(ctx.queryParam("q")).orElse("").strip();
    AdminJson.send(
        ctx,
        200,
        AdminJson.list(registry.providers(query).stream().map(AdminJson::provider).toList()));
  }

  private void create(Context ctx) {
    JsonBody body = JsonBody.parse(ctx.body(), PROVIDER_FIELDS);
    ProviderKind kind = body.optionalText("kind").map(ProviderKind::of).orElse(null);
    Map<String, String> config = new TreeMap<>();
    body.settings("config")
        .orElse(Map.of())
        .forEach((name, value) -> value.ifPresent(v -> config.put(name, v)));
    ProviderSpec spec =
        new ProviderSpec(
            body.optionalText("name").orElse(null),
            kind,
            config,
            body.credentials("credentials").orElse(Map.of()));
    Provider created = registry.createProvider(spec);
    ObjectNode after = AdminJson.provider(created);
    trail.created(ctx, PROVIDER, created.id().value(), after);
    AdminJson.send(ctx, 201, after);
  }

  private Provider provider(Context ctx) {
    return registry.provider(providerId(ctx));
  }

  private ProviderId providerId(Context ctx) {
    return ProviderId.of(AdminRoutes.pathId(ctx, "id"));
  }

  private void edit(Context ctx) {
    Provider current = provider(ctx);
    JsonBody body = JsonBody.parse(ctx.body(), PROVIDER_FIELDS);
    Optional<String> kind = body.optionalText("kind");
    if (kind.isPresent() && ProviderKind.of(kind.get()) != current.kind()) {
      throw new ValidationException("kind", kind.get(), "is fixed after creation");
    }
    ProviderEdit edit = ProviderEdit.none();
    Optional<String> name = body.optionalText("name");
    if (name.isPresent()) {
      edit = edit.withName(name.get());
    }
    Optional<Map<String, Optional<String>>> changes = body.settings("config");
    if (changes.isPresent()) {
      Map<String, String> config = new TreeMap<>(current.config());
      changes
          .get()
          .forEach(
              (field, value) -> {
                if (value.isPresent()) {
                  config.put(field, value.get());
                } else {
                  config.remove(field);
                }
              });
      edit = edit.withConfig(config);
    }
    Optional<Map<String, Secret>> credentials = body.credentials("credentials");
    if (credentials.isPresent()) {
      edit = edit.withCredentials(credentials.get());
    }
    ObjectNode after = AdminJson.provider(registry.editProvider(current.id(), edit));
    trail.changed(
        ctx, PROVIDER, current.id().value(), "update", AdminJson.provider(current), after);
    AdminJson.send(ctx, 200, after);
  }

  private void delete(Context ctx) {
    Provider current = provider(ctx);
    registry.deleteProvider(current.id());
    trail.deleted(ctx, PROVIDER, current.id().value(), AdminJson.provider(current));
    AdminRoutes.noContent(ctx);
  }

  private void changeStatus(Context ctx, Status status) {
    Provider current = provider(ctx);
    ObjectNode after = AdminJson.provider(registry.changeProviderStatus(current.id(), status));
    trail.changed(
        ctx,
        PROVIDER,
        current.id().value(),
        status == Status.ACTIVE ? "enable" : "disable",
        AdminJson.provider(current),
        after);
    AdminJson.send(ctx, 200, after);
  }

  /** Records the import as a change of the Provider whose after is what was imported. */
  private void importCatalog(Context ctx) {
    ProviderId id = providerId(ctx);
    CatalogImport result = registry.importCatalog(id);
    ObjectNode answer =
        AdminJson.object().put("imported", result.imported()).put("skipped", result.skipped());
    trail.changed(ctx, PROVIDER, id.value(), "import-catalog", null, answer);
    AdminJson.send(ctx, 200, answer);
  }

  private void models(Context ctx) {
    AdminJson.send(
        ctx,
        200,
        AdminJson.list(
            registry.providerModels(providerId(ctx)).stream()
                .map(AdminJson::providerModel)
                .toList()));
  }

  private void addModel(Context ctx) {
    ProviderId providerId = providerId(ctx);
    registry.provider(providerId);
    JsonBody body = JsonBody.parse(ctx.body(), MODEL_FIELDS);
    ProviderModelSpec spec =
        new ProviderModelSpec(
            body.optionalText("modelId").orElse(null),
            body.optionalText("kind").map(ModelKind::of).orElse(null),
            body.integer("contextWindow"),
            body.optionalInt("maxOutputTokens"),
            pricing(body).orElse(null));
    ProviderModel added = registry.addProviderModel(providerId, spec);
    ObjectNode after = AdminJson.providerModel(added);
    trail.created(ctx, PROVIDER_MODEL, added.id().value(), after);
    AdminJson.send(ctx, 201, after);
  }

  private ProviderModelId providerModelId(Context ctx) {
    return ProviderModelId.of(AdminRoutes.pathId(ctx, "id"));
  }

  private void model(Context ctx) {
    AdminJson.send(ctx, 200, AdminJson.providerModel(registry.providerModel(providerModelId(ctx))));
  }

  /** Checks the whole change before making any of it, so that bad input changes nothing. */
  private void editModel(Context ctx) {
    ProviderModelId id = providerModelId(ctx);
    ProviderModel current = registry.providerModel(id);
    ProviderModel changed = current;
    JsonBody body = JsonBody.parse(ctx.body(), MODEL_EDIT_FIELDS);
    ProviderModelEdit edit =
        new ProviderModelEdit(
            body.optionalInteger("contextWindow"),
            body.optionalInt("maxOutputTokens"),
            pricing(body));
    Optional<Status> status = body.optionalText("status").map(Status::of);
    if (!edit.equals(ProviderModelEdit.none())) {
      changed = registry.editProviderModel(id, edit);
    }
    if (status.isPresent()) {
      changed = registry.changeProviderModelStatus(id, status.get());
    }
    ObjectNode after = AdminJson.providerModel(changed);
    trail.changed(
        ctx, PROVIDER_MODEL, id.value(), "update", AdminJson.providerModel(current), after);
    AdminJson.send(ctx, 200, after);
  }

  private void deleteModel(Context ctx) {
    ProviderModel current = registry.providerModel(providerModelId(ctx));
    registry.deleteProviderModel(current.id());
    trail.deleted(ctx, PROVIDER_MODEL, current.id().value(), AdminJson.providerModel(current));
    AdminRoutes.noContent(ctx);
  }

  /** Reads {@code pricing}, if given, as a whole: the optional prices left out are unset. */
  private static Optional<Pricing> pricing(JsonBody body) {
    return body.object("pricing", PRICING_FIELDS)
        .map(
            p ->
                new Pricing(
                    p.decimal("inputPerMTok").orElse(null),
                    p.decimal("outputPerMTok").orElse(null),
                    p.decimal("cachedInputPerMTok"),
                    p.decimal("cacheWritePerMTok")));
  }
}
