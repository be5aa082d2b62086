package dev.codevector.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.access.ApiKey;
import dev.codevector.access.Grant;
import dev.codevector.access.Group;
import dev.codevector.access.User;
import dev.codevector.access.UserId;
import dev.codevector.audit.AuditEntry;
import dev.codevector.limits.Cap;
import dev.codevector.limits.CapStatus;
import dev.codevector.limits.Limit;
import dev.codevector.limits.LimitScope;
import dev.codevector.limits.LimitSpec;
import dev.codevector.limits.LimitStatus;
import dev.codevector.registry.Backend;
import dev.codevector.registry.BackendDefaults;
import dev.codevector.registry.Model;
import dev.codevector.registry.Pricing;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderField;
import dev.codevector.registry.ProviderId;
import dev.codevector.registry.ProviderKind;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelId;
import dev.codevector.registry.Registry;
import dev.codevector.usage.UsageTotal;
import dev.codevector.vault.SealedCredential;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The JSON shapes of the admin API: one method per resource, building the answer from the domain
 * record. Field names are camelCase, times are ISO-8601 instants, prices and costs are plain JSON
 * numbers, and absent optional values are {@code null}. A Provider's answer shows each credential's
 * prefix and update time, never the credential.
 */
final class AdminJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private AdminJson() {}

  /**
   * Writes a JSON answer.
   *
   * @param ctx the request
   * @param status the HTTP status
   * @param body the answer
   */
  static void send(Context ctx, int status, JsonNode body) {
    ctx.status(status).contentType("application/json").result(text(body));
  }

  /** Returns a JSON tree's text, decimals written plainly. */
  static String text(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /**
   * Returns an audit entry, its fields before and after as JSON objects ({@code null} where the
   * resource did not exist).
   */
  static ObjectNode auditEntry(AuditEntry entry) {
    ObjectNode node =
        object()
            .put("id", entry.id())
            .put("at", entry.at().toString())
            .put("actor", entry.actor())
            .put("clientAddress", entry.clientAddress())
            .put("resource", entry.resource())
            .put("resourceId", entry.resourceId().orElse(null))
            .put("action", entry.action());
    node.set("before", entry.before().map(AdminJson::tree).orElse(NODES.nullNode()));
    node.set("after", entry.after().map(AdminJson::tree).orElse(NODES.nullNode()));
    return node;
  }

  private static JsonNode tree(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an audit entry holds JSON the trail wrote", e);
    }
  }

  static ObjectNode object() {
    return NODES.objectNode();
  }

  /** Returns {@code {"data": [...]}}. */
  static ObjectNode list(List<? extends JsonNode> items) {
    ObjectNode root = object();
    root.putArray("data").addAll(items);
    return root;
  }

  static ObjectNode kind(ProviderKind kind) {
    ObjectNode node = object().put("id", kind.id()).put("label", kind.displayName());
    fields(node.putArray("credentialFields"), kind.credentialFields());
    fields(node.putArray("configFields"), kind.configFields());
    return node;
  }

  private static void fields(ArrayNode array, List<ProviderField> fields) {
    for (ProviderField field : fields) {
      ObjectNode node =
          array
              .addObject()
              .put("name", field.name())
              .put("label", field.label())
              .put("required", field.required())
              .put("secret", field.secret())
              .put("format", field.format().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      field.defaultValue().ifPresent(value -> node.put("default", value));
    }
  }

  /**
   * Returns a Provider. {@code credential} is the kind's first credential field (its API key or
   * equivalent), and {@code credentials} has every credential that is set; both show only the
   * prefix and when it was last set.
   */
  static ObjectNode provider(Provider provider) {
    ObjectNode node =
        object()
            .put("id", provider.id().value())
            .put("name", provider.name())
            .put("kind", provider.kind().id())
            .put("kindLabel", provider.kind().displayName())
            .put("status", provider.status().id());
    ObjectNode config = node.putObject("config");
    provider.config().forEach(config::put);
    node.put("details", details(provider));
    String primary = provider.kind().credentialFields().get(0).name();
    node.set(
        "credential",
        Optional.ofNullable(provider.credentials().get(primary))
            .<JsonNode>map(AdminJson::credential)
            .orElse(NODES.nullNode()));
    ObjectNode credentials = node.putObject("credentials");
    for (ProviderField field : provider.kind().credentialFields()) {
      SealedCredential sealed = provider.credentials().get(field.name());
      if (sealed != null) {
        credentials.set(field.name(), credential(sealed));
      }
    }
    return node.put("createdAt", provider.createdAt().toString())
        .put("updatedAt", provider.updatedAt().toString());
  }

  private static ObjectNode credential(SealedCredential sealed) {
    return object().put("prefix", sealed.prefix()).put("updatedAt", sealed.updatedAt().toString());
  }

  /** The one-line summary of the Providers list: the base URL, else project and region. */
  private static String details(Provider provider) {
    return provider
        .configValue("baseUrl")
        .orElseGet(
            () ->
                Stream.of("project", "region")
                    .map(provider::configValue)
                    .flatMap(Optional::stream)
                    .collect(Collectors.joining(" / ")));
  }

  static ObjectNode providerModel(ProviderModel model) {
    ObjectNode node =
        object()
            .put("id", model.id().value())
            .put("providerId", model.providerId().value())
            .put("modelId", model.modelId())
            .put("kind", model.kind().id())
            .put("status", model.status().id())
            .put("contextWindow", model.contextWindow());
    putInt(node, "maxOutputTokens", model.maxOutputTokens());
    node.set("pricing", pricing(model.pricing()));
    return node.put("source", model.source().toString())
        .put("createdAt", model.createdAt().toString())
        .put("updatedAt", model.updatedAt().toString());
  }

  static ObjectNode pricing(Pricing pricing) {
    ObjectNode node =
        object()
            .put("inputPerMTok", pricing.inputPerMTok())
            .put("outputPerMTok", pricing.outputPerMTok());
    pricing.cachedInputPerMTok().ifPresent(p -> node.put("cachedInputPerMTok", p));
    pricing.cacheWritePerMTok().ifPresent(p -> node.put("cacheWritePerMTok", p));
    return node;
  }

  /**
   * Returns a Model with its Backends in route order.
   *
   * @param model the Model
   * @param targets finds the Provider Model and Provider each Backend points at
   * @return the answer
   */
  static ObjectNode model(Model model, Targets targets) {
    ObjectNode node =
        object()
            .put("id", model.id().value())
            .put("slug", model.slug())
            .put("displayName", model.displayName())
            .put("kind", model.kind().id())
            .put("status", model.status().id())
            .put("routing", model.routing().id())
            .put("backendCount", model.backends().size());
    ArrayNode backends = node.putArray("backends");
    model.backends().forEach(b -> backends.add(backend(b, targets)));
    return node.put("createdAt", model.createdAt().toString())
        .put("updatedAt", model.updatedAt().toString());
  }

  /**
   * Returns a Backend with what it points at: the Provider Model's upstream model id, status and
   * pricing, and its Provider's id and name.
   */
  static ObjectNode backend(Backend backend, Targets targets) {
    Optional<ProviderModel> target = targets.providerModel(backend.providerModelId());
    Optional<Provider> provider = target.flatMap(t -> targets.provider(t.providerId()));
    ObjectNode node =
        object()
            .put("id", backend.id().value())
            .put("priority", backend.priority())
            .put("weight", backend.weight())
            .put("providerModelId", backend.providerModelId().value())
            .put("providerId", target.map(t -> t.providerId().value()).orElse(null))
            .put("providerName", provider.map(Provider::name).orElse(null))
            .put("modelId", target.map(ProviderModel::modelId).orElse(null))
            .put("providerModelStatus", target.map(t -> t.status().id()).orElse(null));
    node.set("pricing", target.<JsonNode>map(t -> pricing(t.pricing())).orElse(NODES.nullNode()));
    node.set("defaults", defaults(backend.defaults()));
    return node.put("createdAt", backend.createdAt().toString())
        .put("updatedAt", backend.updatedAt().toString());
  }

  static ObjectNode defaults(BackendDefaults defaults) {
    ObjectNode node = object();
    putDouble(node, "temperature", defaults.temperature());
    putInt(node, "maxTokens", defaults.maxTokens());
    putDouble(node, "topP", defaults.topP());
    putInt(node, "topK", defaults.topK());
    ArrayNode stop = node.putArray("stop");
    defaults.stop().forEach(stop::add);
    return node;
  }

  static ObjectNode user(User user) {
    return object()
        .put("id", user.id().value())
        .put("name", user.name())
        .put("email", user.email().orElse(null))
        .put("createdAt", user.createdAt().toString());
  }

  static ObjectNode group(Group group) {
    ObjectNode node = object().put("id", group.id().value()).put("name", group.name());
    ArrayNode members = node.putArray("members");
    group.members().stream().map(UserId::value).sorted().forEach(members::add);
    return node.put("createdAt", group.createdAt().toString());
  }

  /**
   * Returns a grant: the Model by slug and id, and the user or group it names.
   *
   * @param grant the grant
   * @param modelSlug the Model's slug, or null if it is gone
   * @param principalName the user's or group's name, or null if it is gone
   * @return the answer
   */
  static ObjectNode grant(Grant grant, String modelSlug, String principalName) {
    ObjectNode node =
        object()
            .put("id", grant.id().value())
            .put("model", modelSlug)
            .put("modelId", grant.model().value());
    grant.principal().user().ifPresent(u -> node.put("userId", u.value()));
    grant.principal().group().ifPresent(g -> node.put("groupId", g.value()));
    return node.put("principalName", principalName).put("createdAt", grant.createdAt().toString());
  }

  /** Returns an API key, without the key itself: {@code status} is active, expired or revoked. */
  static ObjectNode key(ApiKey key, Instant now) {
    String status =
        key.revokedAt().isPresent() ? "revoked" : key.isActiveAt(now) ? "active" : "expired";
    return object()
        .put("id", key.id().value())
        .put("userId", key.userId().value())
        .put("name", key.name().orElse(null))
        .put("prefix", key.prefix())
        .put("status", status)
        .put("createdAt", key.createdAt().toString())
        .put("expiresAt", key.expiresAt().map(Instant::toString).orElse(null))
        .put("revokedAt", key.revokedAt().map(Instant::toString).orElse(null))
        .put("lastUsedAt", key.lastUsedAt().map(Instant::toString).orElse(null));
  }

  /**
   * Returns a limit: its scope as {@code {"keyId"}}, {@code {"userId"}}, {@code {"groupId"}} or
   * {@code {"all": true}}, its Model by slug, and each cap, {@code null} where it sets none.
   *
   * @param limit the limit
   * @param modelSlug the Model's slug; null for every Model, or if the Model is gone
   * @return the answer
   */
  static ObjectNode limit(Limit limit, String modelSlug) {
    ObjectNode node = object().put("id", limit.id().value());
    ObjectNode scope = node.putObject("scope");
    switch (limit.scope()) {
      case LimitScope.Key key -> scope.put("keyId", key.keyId().value());
      case LimitScope.User user -> scope.put("userId", user.userId().value());
      case LimitScope.Group group -> scope.put("groupId", group.groupId().value());
      case LimitScope.All all -> scope.put("all", true);
    }
    node.put("model", modelSlug);
    LimitSpec spec = limit.spec();
    putLong(node, "requestsPerMinute", spec.requestsPerMinute());
    putLong(node, "tokensPerMinute", spec.tokensPerMinute());
    node.set(
        "budget",
        spec.budget()
            .<JsonNode>map(b -> object().put("amount", b.amount()).put("period", b.period().id()))
            .orElse(NODES.nullNode()));
    return node.put("version", limit.version())
        .put("createdAt", limit.createdAt().toString())
        .put("updatedAt", limit.updatedAt().toString());
  }

  /**
   * Returns where a limit stands: the limit, and per cap its value, what is used, reserved and
   * left, and when its window ends.
   *
   * @param status the standing
   * @param modelSlug the limit's Model's slug, as in {@link #limit}
   * @return the answer
   */
  static ObjectNode limitStatus(LimitStatus status, String modelSlug) {
    ObjectNode node = object();
    node.set("limit", limit(status.limit(), modelSlug));
    ArrayNode caps = node.putArray("caps");
    for (CapStatus cap : status.caps()) {
      caps.addObject()
          .put("cap", capName(cap.cap()))
          .put("limit", cap.limit())
          .put("used", cap.used())
          .put("reserved", cap.reserved())
          .put("remaining", cap.remaining())
          .put("resetsAt", cap.resetsAt().toString());
    }
    return node;
  }

  /** Returns a cap's name, which is also its field in a limit. */
  private static String capName(Cap cap) {
    return switch (cap) {
      case REQUESTS_PER_MINUTE -> "requestsPerMinute";
      case TOKENS_PER_MINUTE -> "tokensPerMinute";
      case BUDGET -> "budget";
    };
  }

  /**
   * Returns one usage total.
   *
   * @param total the total
   * @param label the key as people read it: a Provider's or user's name where the key is an id
   * @return the answer
   */
  static ObjectNode usageTotal(UsageTotal total, String label) {
    return object()
        .put("key", total.key())
        .put("label", label)
        .put("requests", total.requests())
        .put("inputTokens", total.inputTokens())
        .put("cachedInputTokens", total.cachedInputTokens())
        .put("cacheWriteTokens", total.cacheWriteTokens())
        .put("outputTokens", total.outputTokens())
        .put("cost", total.cost());
  }

  private static void putInt(ObjectNode node, String field, OptionalInt value) {
    if (value.isPresent()) {
      node.put(field, value.getAsInt());
    } else {
      node.putNull(field);
    }
  }

  private static void putLong(ObjectNode node, String field, OptionalLong value) {
    if (value.isPresent()) {
      node.put(field, value.getAsLong());
    } else {
      node.putNull(field);
    }
  }

  private static void putDouble(ObjectNode node, String field, OptionalDouble value) {
    if (value.isPresent()) {
      node.put(field, BigDecimal.valueOf(value.getAsDouble()));
    } else {
      node.putNull(field);
    }
  }

  /**
   * Finds the Provider Models and Providers that Backends point at, each looked up once per answer.
   * Not thread-safe; one per request.
   */
  static final class Targets {
    private final Registry registry;
    private final Map<ProviderModelId, Optional<ProviderModel>> providerModels = new HashMap<>();
    private final Map<ProviderId, Optional<Provider>> providers = new HashMap<>();

    Targets(Registry registry) {
      this.registry = registry;
    }

    Optional<ProviderModel> providerModel(ProviderModelId id) {
      return providerModels.computeIfAbsent(id, registry::findProviderModel);
    }

    Optional<Provider> provider(ProviderId id) {
      return providers.computeIfAbsent(id, registry::findProvider);
    }
  }
}
