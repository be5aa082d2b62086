package dev.codevector.examples.ask;

import dev.codevector.examples.ask.AskSettings.Upstream;
import dev.codevector.registry.Backend;
import dev.codevector.registry.BackendEdit;
import dev.codevector.registry.BackendSpec;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelKind;
import dev.codevector.registry.ModelStatus;
import dev.codevector.registry.Pricing;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderEdit;
import dev.codevector.registry.ProviderKind;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelId;
import dev.codevector.registry.ProviderModelSpec;
import dev.codevector.registry.ProviderSpec;
import dev.codevector.registry.Registry;
import dev.codevector.vault.Secret;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Brings the registry in line with the settings at every start: one OpenAI-compatible Provider per
 * upstream, with its base URL and API key, and its Provider Model; and the Model the service asks,
 * active, with one Backend per upstream in the settings' order. A registry that already holds them
 * from an earlier run is updated in place, so the service starts the same way on a new and on a
 * kept database.
 */
final class AskModel {
  /** The slug of the Model the service asks. */
  static final String SLUG = "ask";

  private AskModel() {}

  /**
   * Registers the upstreams and publishes the Model routing to them.
   *
   * @param registry the registry
   * @param upstreams the upstreams, first tried first
   * @return the published Model
   */
  static Model publish(Registry registry, List<Upstream> upstreams) {
    Map<ProviderModelId, Integer> wanted = new LinkedHashMap<>();
    for (Upstream upstream : upstreams) {
      wanted.put(providerModel(registry, upstream).id(), 10 * (wanted.size() + 1));
    }
    Model model =
        registry
            .findModelBySlug(SLUG)
            .orElseGet(() -> registry.createModel(SLUG, "Ask", ModelKind.CHAT));
    List<Backend> stale = new ArrayList<>();
    for (Backend backend : model.backends()) {
      Integer priority = wanted.remove(backend.providerModelId());
      if (priority == null) {
        stale.add(backend);
      } else if (priority != backend.priority()) {
        registry.editBackend(model.id(), backend.id(), BackendEdit.none().withPriority(priority));
      }
    }
    // Added before the stale ones go, so an active Model never loses its last Backend.
    wanted.forEach((id, priority) -> registry.addBackend(model.id(), BackendSpec.of(id, priority)));
    stale.forEach(backend -> registry.removeBackend(model.id(), backend.id()));
    Model current = registry.model(model.id());
    return current.status() == ModelStatus.ACTIVE
        ? current
        : registry.changeStatus(model.id(), ModelStatus.ACTIVE);
  }

  private static ProviderModel providerModel(Registry registry, Upstream upstream) {
    Map<String, String> config = Map.of("baseUrl", upstream.baseUrl());
    Map<String, Secret> credentials = Map.of("apiKey", Secret.of(upstream.apiKey()));
    Provider provider =
        registry.providers(upstream.name()).stream()
            .filter(p -> p.name().equals(upstream.name()))
            .findFirst()
            .map(
                p ->
                    registry.editProvider(
                        p.id(),
                        ProviderEdit.none().withConfig(config).withCredentials(credentials)))
            .orElseGet(
                () ->
                    registry.createProvider(
                        new ProviderSpec(
                            upstream.name(), ProviderKind.OPENAI_COMPATIBLE, config, credentials)));
    return registry.providerModels(provider.id()).stream()
        .filter(m -> m.modelId().equals(upstream.model()))
        .findFirst()
        .orElseGet(
            () ->
                registry.addProviderModel(
                    provider.id(),
                    new ProviderModelSpec(
                        upstream.model(),
                        ModelKind.CHAT,
                        128_000,
                        OptionalInt.of(4096),
                        Pricing.of(BigDecimal.ZERO, BigDecimal.ZERO))));
  }
}
