package dev.codevector.examples.store;

import dev.codevector.registry.Model;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderId;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelId;
import dev.codevector.spi.RegistryStore;
import java.util.List;
import java.util.Optional;

/** The registry of a {@link JournalStore}: reads from memory, writes through the journal. */
final class JournalRegistryStore implements RegistryStore {
  private final RegistryStore memory;
  private final Journal journal;

  JournalRegistryStore(RegistryStore memory, Journal journal) {
    this.memory = memory;
    this.journal = journal;
  }

  @Override
  public Optional<Provider> findProvider(ProviderId id) {
    return memory.findProvider(id);
  }

  @Override
  public List<Provider> providers() {
    return memory.providers();
  }

  @Override
  public Provider putProvider(Provider provider) {
    return journal.write(Operation.PUT_PROVIDER, provider);
  }

  @Override
  public boolean deleteProvider(ProviderId id) {
    return journal.write(Operation.DELETE_PROVIDER, id);
  }

  @Override
  public Optional<ProviderModel> findProviderModel(ProviderModelId id) {
    return memory.findProviderModel(id);
  }

  @Override
  public List<ProviderModel> providerModels(ProviderId providerId) {
    return memory.providerModels(providerId);
  }

  @Override
  public ProviderModel putProviderModel(ProviderModel providerModel) {
    return journal.write(Operation.PUT_PROVIDER_MODEL, providerModel);
  }

  @Override
  public boolean deleteProviderModel(ProviderModelId id) {
    return journal.write(Operation.DELETE_PROVIDER_MODEL, id);
  }

  @Override
  public Optional<Model> findModel(ModelId id) {
    return memory.findModel(id);
  }

  @Override
  public Optional<Model> findModelBySlug(String slug) {
    return memory.findModelBySlug(slug);
  }

  @Override
  public List<Model> models() {
    return memory.models();
  }

  @Override
  public Model putModel(Model model) {
    return journal.write(Operation.PUT_MODEL, model);
  }

  @Override
  public boolean deleteModel(ModelId id) {
    return journal.write(Operation.DELETE_MODEL, id);
  }
}
