package dev.codevector.internal;

import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.registry.Backend;
import dev.codevector.registry.ConcurrentUpdateException;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderId;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelId;
import dev.codevector.registry.ProviderModelNotFoundException;
import dev.codevector.registry.ProviderNotFoundException;
import dev.codevector.spi.Setting;
import dev.codevector.spi.Store;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * A {@link Store} in memory. One lock guards everything: writes are rare and small, and a single
 * lock makes every write, cascades included, trivially atomic.
 */
public final class InMemoryStore implements Store {
  private final Object lock = new Object();
  // Guarded by lock
  private final Map<ProviderId, Provider> providers = new HashMap<>();
  // Guarded by lock
  private final Map<ProviderModelId, ProviderModel> providerModels = new HashMap<>();
  // Guarded by lock
  private final Map<ModelId, Model> models = new HashMap<>();
  // Guarded by lock
  private final Map<String, Setting> settings = new HashMap<>();

  @Override
  public Optional<Provider> findProvider(ProviderId id) {
    Objects.requireNonNull(id, "id");
    synchronized (lock) {
      return Optional.ofNullable(providers.get(id));
    }
  }

  @Override
  public List<Provider> providers() {
    synchronized (lock) {
      return List.copyOf(providers.values());
    }
  }

  @Override
  public Provider putProvider(Provider provider) {
    Objects.requireNonNull(provider, "provider");
    synchronized (lock) {
      checkVersion(
          "provider",
          provider.id().value(),
          providers.get(provider.id()),
          Provider::version,
          provider.version());
      for (Provider other : providers.values()) {
        if (!other.id().equals(provider.id()) && other.name().equals(provider.name())) {
          throw new AlreadyExistsException("provider name", provider.name());
        }
      }
      Provider stored = provider.withVersion(provider.version() + 1);
      providers.put(stored.id(), stored);
      return stored;
    }
  }

  @Override
  public boolean deleteProvider(ProviderId id) {
    Objects.requireNonNull(id, "id");
    synchronized (lock) {
      if (providers.remove(id) == null) {
        return false;
      }
      Set<ProviderModelId> removed =
          providerModels.values().stream()
              .filter(m -> m.providerId().equals(id))
              .map(ProviderModel::id)
              .collect(Collectors.toSet());
      removeProviderModels(removed);
      return true;
    }
  }

  @Override
  public Optional<ProviderModel> findProviderModel(ProviderModelId id) {
    Objects.requireNonNull(id, "id");
    synchronized (lock) {
      return Optional.ofNullable(providerModels.get(id));
    }
  }

  @Override
  public List<ProviderModel> providerModels(ProviderId providerId) {
    Objects.requireNonNull(providerId, "providerId");
    synchronized (lock) {
      return providerModels.values().stream()
          .filter(m -> m.providerId().equals(providerId))
          .toList();
    }
  }

  @Override
  public ProviderModel putProviderModel(ProviderModel model) {
    Objects.requireNonNull(model, "providerModel");
    synchronized (lock) {
      ProviderModel current = providerModels.get(model.id());
      checkVersion(
          "provider model", model.id().value(), current, ProviderModel::version, model.version());
      if (!providers.containsKey(model.providerId())) {
        throw new ProviderNotFoundException(model.providerId());
      }
      for (ProviderModel other : providerModels.values()) {
        if (!other.id().equals(model.id())
            && other.providerId().equals(model.providerId())
            && other.modelId().equals(model.modelId())) {
          throw new AlreadyExistsException("provider model", model.modelId());
        }
      }
      ProviderModel stored = model.withVersion(model.version() + 1);
      providerModels.put(stored.id(), stored);
      return stored;
    }
  }

  @Override
  public boolean deleteProviderModel(ProviderModelId id) {
    Objects.requireNonNull(id, "id");
    synchronized (lock) {
      if (!providerModels.containsKey(id)) {
        return false;
      }
      removeProviderModels(Set.of(id));
      return true;
    }
  }

  // Guarded by lock
  private void removeProviderModels(Set<ProviderModelId> removed) {
    providerModels.keySet().removeAll(removed);
    for (Model model : List.copyOf(models.values())) {
      List<Backend> kept =
          model.backends().stream().filter(b -> !removed.contains(b.providerModelId())).toList();
      if (kept.size() != model.backends().size()) {
        models.put(
            model.id(),
            model.withBackends(kept, model.updatedAt()).withVersion(model.version() + 1));
      }
    }
  }

  @Override
  public Optional<Model> findModel(ModelId id) {
    Objects.requireNonNull(id, "id");
    synchronized (lock) {
      return Optional.ofNullable(models.get(id));
    }
  }

  @Override
  public Optional<Model> findModelBySlug(String slug) {
    Objects.requireNonNull(slug, "slug");
    synchronized (lock) {
      return models.values().stream().filter(m -> m.slug().equals(slug)).findFirst();
    }
  }

  @Override
  public List<Model> models() {
    synchronized (lock) {
      return List.copyOf(models.values());
    }
  }

  @Override
  public Model putModel(Model model) {
    Objects.requireNonNull(model, "model");
    synchronized (lock) {
      checkVersion(
          "model", model.id().value(), models.get(model.id()), Model::version, model.version());
      for (Model other : models.values()) {
        if (other.id().equals(model.id())) {
          continue;
        }
        if (other.slug().equals(model.slug())) {
          throw new AlreadyExistsException("model slug", model.slug());
        }
        for (Backend backend : model.backends()) {
          if (other.backend(backend.id()).isPresent()) {
            throw new AlreadyExistsException("backend id", backend.id().value());
          }
        }
      }
      for (Backend backend : model.backends()) {
        if (!providerModels.containsKey(backend.providerModelId())) {
          throw new ProviderModelNotFoundException(backend.providerModelId());
        }
      }
      Model stored = model.withVersion(model.version() + 1);
      models.put(stored.id(), stored);
      return stored;
    }
  }

  @Override
  public boolean deleteModel(ModelId id) {
    Objects.requireNonNull(id, "id");
    synchronized (lock) {
      return models.remove(id) != null;
    }
  }

  @Override
  public Optional<Setting> findSetting(String name) {
    Objects.requireNonNull(name, "name");
    synchronized (lock) {
      return Optional.ofNullable(settings.get(name));
    }
  }

  @Override
  public Setting putSetting(Setting setting) {
    Objects.requireNonNull(setting, "setting");
    synchronized (lock) {
      Setting current = settings.get(setting.name());
      if (setting.version() == 0 && current != null) {
        throw new AlreadyExistsException("setting", setting.name());
      }
      checkVersion("setting", setting.name(), current, Setting::version, setting.version());
      Setting stored = new Setting(setting.name(), setting.value(), setting.version() + 1);
      settings.put(stored.name(), stored);
      return stored;
    }
  }

  @Override
  public void close() {}

  private static <T> void checkVersion(
      String what, String id, T current, ToLongFunction<T> version, long expected) {
    if (expected == 0) {
      if (current != null) {
        throw new AlreadyExistsException(what + " id", id);
      }
      return;
    }
    if (current == null || version.applyAsLong(current) != expected) {
      throw new ConcurrentUpdateException(what, id, expected);
    }
  }
}
