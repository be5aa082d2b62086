package dev.codevector.testing;

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
 * A {@link RegistryStore} that hands every call to a real one: tests override the calls they count,
 * hold or break.
 */
public class DelegatingRegistryStore implements RegistryStore {
  private final RegistryStore delegate;

  /**
   * Creates the store.
   *
   * @param delegate the store that does the work
   */
  public DelegatingRegistryStore(RegistryStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public Optional<Provider> findProvider(ProviderId id) {
    return delegate.findProvider(id);
  }

  @Override
  public List<Provider> providers() {
    return delegate.providers();
  }

  @Override
  public Provider putProvider(Provider provider) {
    return delegate.putProvider(provider);
  }

  @Override
  public boolean deleteProvider(ProviderId id) {
    return delegate.deleteProvider(id);
  }

  @Override
  public Optional<ProviderModel> findProviderModel(ProviderModelId id) {
    return delegate.findProviderModel(id);
  }

  @Override
  public List<ProviderModel> providerModels(ProviderId providerId) {
    return delegate.providerModels(providerId);
  }

  @Override
  public ProviderModel putProviderModel(ProviderModel providerModel) {
    return delegate.putProviderModel(providerModel);
  }

  @Override
  public boolean deleteProviderModel(ProviderModelId id) {
    return delegate.deleteProviderModel(id);
  }

  @Override
  public Optional<Model> findModel(ModelId id) {
    return delegate.findModel(id);
  }

  @Override
  public Optional<Model> findModelBySlug(String slug) {
    return delegate.findModelBySlug(slug);
  }

  @Override
  public List<Model> models() {
    return delegate.models();
  }

  @Override
  public Model putModel(Model model) {
    return delegate.putModel(model);
  }

  @Override
  public boolean deleteModel(ModelId id) {
    return delegate.deleteModel(id);
  }
}
