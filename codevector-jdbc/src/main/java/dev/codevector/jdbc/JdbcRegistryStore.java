package dev.codevector.jdbc;

import dev.codevector.jdbc.internal.Database;
import dev.codevector.jdbc.internal.ModelTable;
import dev.codevector.jdbc.internal.ProviderModelTable;
import dev.codevector.jdbc.internal.ProviderTable;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderId;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelId;
import dev.codevector.spi.RegistryStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Providers, Provider Models and Models with their Backends of a {@link JdbcStore}, over its
 * tables.
 */
final class JdbcRegistryStore implements RegistryStore {
  private final ProviderTable providers;
  private final ProviderModelTable providerModels;
  private final ModelTable models;

  JdbcRegistryStore(Database database) {
    this.providers = new ProviderTable(database);
    this.providerModels = new ProviderModelTable(database);
    this.models = new ModelTable(database);
  }

  @Override
  public Optional<Provider> findProvider(ProviderId id) {
    return providers.find(Objects.requireNonNull(id, "id"));
  }

  @Override
  public List<Provider> providers() {
    return providers.all();
  }

  @Override
  public Provider putProvider(Provider provider) {
    return providers.put(Objects.requireNonNull(provider, "provider"));
  }

  @Override
  public boolean deleteProvider(ProviderId id) {
    return providers.delete(Objects.requireNonNull(id, "id"));
  }

  @Override
  public Optional<ProviderModel> findProviderModel(ProviderModelId id) {
    return providerModels.find(Objects.requireNonNull(id, "id"));
  }

  @Override
  public List<ProviderModel> providerModels(ProviderId providerId) {
    return providerModels.of(Objects.requireNonNull(providerId, "providerId"));
  }

  @Override
  public ProviderModel putProviderModel(ProviderModel providerModel) {
    return providerModels.put(Objects.requireNonNull(providerModel, "providerModel"));
  }

  @Override
  public boolean deleteProviderModel(ProviderModelId id) {
    return providerModels.delete(Objects.requireNonNull(id, "id"));
  }

  @Override
  public Optional<Model> findModel(ModelId id) {
    return models.find(Objects.requireNonNull(id, "id"));
  }

  @Override
  public Optional<Model> findModelBySlug(String slug) {
    return models.findBySlug(Objects.requireNonNull(slug, "slug"));
  }

  @Override
  public List<Model> models() {
    return models.all();
  }

  @Override
  public Model putModel(Model model) {
    return models.put(Objects.requireNonNull(model, "model"));
  }

  @Override
  public boolean deleteModel(ModelId id) {
    return models.delete(Objects.requireNonNull(id, "id"));
  }
}
