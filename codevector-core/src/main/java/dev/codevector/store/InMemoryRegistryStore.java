package dev.codevector.store;

import dev.codevector.registry.Backend;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderId;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelId;
import dev.codevector.registry.ProviderModelNotFoundException;
import dev.codevector.registry.ProviderNotFoundException;
import dev.codevector.spi.RegistryStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The registry's part of an {@link InMemoryStore}: references and cascades over its tables. */
final class InMemoryRegistryStore implements RegistryStore {
  private final Tables tables;

  InMemoryRegistryStore(Tables tables) {
    this.tables = tables;
  }

  @Override
  public Optional<Provider> findProvider(ProviderId id) {
    return tables.providers.find(id);
  }

  @Override
  public List<Provider> providers() {
    return tables.providers.all();
  }

  @Override
  public Provider putProvider(Provider provider) {
    return tables.providers.put(Objects.requireNonNull(provider, "provider"), () -> {});
  }

  @Override
  public boolean deleteProvider(ProviderId id) {
    synchronized (tables.lock) {
      if (!tables.providers.delete(id)) {
        return false;
      }
      removeProviderModels(
          tables.providerModels.where(m -> m.providerId().equals(id)).stream()
              .map(ProviderModel::id)
              .collect(Collectors.toSet()));
      return true;
    }
  }

  @Override
  public Optional<ProviderModel> findProviderModel(ProviderModelId id) {
    return tables.providerModels.find(id);
  }

  @Override
  public List<ProviderModel> providerModels(ProviderId providerId) {
    Objects.requireNonNull(providerId, "providerId");
    return tables.providerModels.where(m -> m.providerId().equals(providerId));
  }

  @Override
  public ProviderModel putProviderModel(ProviderModel providerModel) {
    Objects.requireNonNull(providerModel, "providerModel");
    return tables.providerModels.put(
        providerModel,
        () -> {
          if (!tables.providers.contains(providerModel.providerId())) {
            throw new ProviderNotFoundException(providerModel.providerId());
          }
        });
  }

  @Override
  public boolean deleteProviderModel(ProviderModelId id) {
    Objects.requireNonNull(id, "id");
    synchronized (tables.lock) {
      if (!tables.providerModels.contains(id)) {
        return false;
      }
      removeProviderModels(Set.of(id));
      return true;
    }
  }

  // Guarded by lock
  private void removeProviderModels(Set<ProviderModelId> removed) {
    tables.providerModels.deleteWhere(m -> removed.contains(m.id()));
    for (Model model : tables.models.all()) {
      List<Backend> kept =
          model.backends().stream().filter(b -> !removed.contains(b.providerModelId())).toList();
      if (kept.size() != model.backends().size()) {
        tables.models.bump(model.withBackends(kept, model.updatedAt()));
      }
    }
  }

  @Override
  public Optional<Model> findModel(ModelId id) {
    return tables.models.find(id);
  }

  @Override
  public Optional<Model> findModelBySlug(String slug) {
    return tables.models.find(tables.modelSlugs, Objects.requireNonNull(slug, "slug"));
  }

  @Override
  public List<Model> models() {
    return tables.models.all();
  }

  @Override
  public Model putModel(Model model) {
    Objects.requireNonNull(model, "model");
    return tables.models.put(
        model,
        () -> {
          for (Backend backend : model.backends()) {
            if (!tables.providerModels.contains(backend.providerModelId())) {
              throw new ProviderModelNotFoundException(backend.providerModelId());
            }
          }
        });
  }

  @Override
  public boolean deleteModel(ModelId id) {
    synchronized (tables.lock) {
      if (!tables.models.delete(id)) {
        return false;
      }
      tables.grants.deleteWhere(g -> g.model().equals(id));
      tables.deleteLimits(l -> l.model().filter(id::equals).isPresent());
      return true;
    }
  }
}
