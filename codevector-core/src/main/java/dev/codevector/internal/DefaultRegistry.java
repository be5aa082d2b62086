package dev.codevector.internal;

import com.google.crypto.tink.Aead;
import dev.codevector.Clock;
import dev.codevector.catalog.Catalog;
import dev.codevector.catalog.ProviderCatalog;
import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.registry.Backend;
import dev.codevector.registry.BackendEdit;
import dev.codevector.registry.BackendId;
import dev.codevector.registry.BackendNotFoundException;
import dev.codevector.registry.BackendSpec;
import dev.codevector.registry.CatalogImport;
import dev.codevector.registry.IllegalTransitionException;
import dev.codevector.registry.LastBackendException;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelEdit;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.ModelKind;
import dev.codevector.registry.ModelNotFoundException;
import dev.codevector.registry.ModelSource;
import dev.codevector.registry.ModelStatus;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderEdit;
import dev.codevector.registry.ProviderId;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelEdit;
import dev.codevector.registry.ProviderModelId;
import dev.codevector.registry.ProviderModelNotFoundException;
import dev.codevector.registry.ProviderModelSpec;
import dev.codevector.registry.ProviderNotFoundException;
import dev.codevector.registry.ProviderSpec;
import dev.codevector.registry.Registry;
import dev.codevector.registry.RoutingStrategy;
import dev.codevector.registry.Status;
import dev.codevector.registry.ValidationException;
import dev.codevector.spi.RegistryStore;
import dev.codevector.spi.SettingStore;
import dev.codevector.spi.Store;
import dev.codevector.vault.CredentialVault;
import dev.codevector.vault.EnvelopeCredentialVault;
import dev.codevector.vault.SealedCredential;
import dev.codevector.vault.Secret;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The {@link Registry} on a {@link Store}; see the interface for the rules it enforces. */
public final class DefaultRegistry implements Registry, CredentialOpener {
  private final RegistryStore store;
  private final SettingStore settings;
  private final Clock clock;
  private final Catalog catalog;
  // Sealing takes the read lock; rotating the key-encryption key takes the write lock, so no
  // credential is sealed under the old key after rotation has passed its Provider.
  private final ReadWriteLock sealing = new ReentrantReadWriteLock();
  private volatile CredentialVault vault;

  private DefaultRegistry(Store store, CredentialVault vault, Clock clock, Catalog catalog) {
    this.store = store.registry();
    this.settings = store.settings();
    this.vault = vault;
    this.clock = clock;
    this.catalog = catalog;
  }

  /**
   * Opens the registry on a store, refusing a key-encryption key other than the one the store's
   * credentials were sealed with.
   *
   * @param store where the registry's data lives
   * @param kek the key-encryption key
   * @param clock the source of time
   * @param catalog the catalog imports read from
   * @return the registry
   * @throws dev.codevector.vault.VaultException if the key-encryption key is wrong
   */
  public static DefaultRegistry open(Store store, Aead kek, Clock clock, Catalog catalog) {
    CredentialVault vault = EnvelopeCredentialVault.create(kek);
    DefaultRegistry registry = new DefaultRegistry(store, vault, clock, catalog);
    KekCanary.verifyOrCreate(store.settings(), vault, registry.now());
    return registry;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  // Providers

  @Override
  public Provider createProvider(ProviderSpec spec) {
    Objects.requireNonNull(spec, "spec");
    ProviderId id = ProviderId.random();
    Instant now = now();
    return sealingCredentials(
        () ->
            store.putProvider(
                new Provider(
                    id,
                    spec.name(),
                    spec.kind(),
                    spec.config(),
                    seal(id, spec.credentials(), now),
                    Status.ACTIVE,
                    0,
                    now,
                    now)));
  }

  @Override
  public Optional<Provider> findProvider(ProviderId id) {
    return store.findProvider(Objects.requireNonNull(id, "id"));
  }

  @Override
  public Provider provider(ProviderId id) {
    return findProvider(id).orElseThrow(() -> new ProviderNotFoundException(id));
  }

  @Override
  public List<Provider> providers(String query) {
    String needle = normalized(query);
    return store.providers().stream()
        .filter(p -> contains(p.name(), needle))
        .sorted(Comparator.comparing((Provider p) -> p.name().toLowerCase(Locale.ROOT)))
        .toList();
  }

  @Override
  public Provider editProvider(ProviderId id, ProviderEdit edit) {
    Objects.requireNonNull(edit, "edit");
    Provider current = provider(id);
    Instant now = now();
    Provider changed =
        current.withSettings(
            edit.name().orElse(current.name()), edit.config().orElse(current.config()), now);
    if (edit.credentials().isEmpty()) {
      return store.putProvider(changed);
    }
    Map<String, Secret> checked = current.kind().checkCredentials(edit.credentials());
    return sealingCredentials(
        () -> {
          Map<String, SealedCredential> credentials = new HashMap<>(current.credentials());
          credentials.putAll(seal(id, checked, now));
          return store.putProvider(changed.withCredentials(credentials, now));
        });
  }

  @Override
  public Provider changeProviderStatus(ProviderId id, Status status) {
    Objects.requireNonNull(status, "status");
    Provider current = provider(id);
    if (current.status() == status) {
      return current;
    }
    return store.putProvider(current.withStatus(status, now()));
  }

  @Override
  public void deleteProvider(ProviderId id) {
    provider(id);
    Set<ProviderModelId> removed =
        store.providerModels(id).stream().map(ProviderModel::id).collect(Collectors.toSet());
    detachBackends(removed);
    store.deleteProvider(id);
    detachBackends(removed);
  }

  // Provider Models

  @Override
  public ProviderModel addProviderModel(ProviderId providerId, ProviderModelSpec spec) {
    Objects.requireNonNull(spec, "spec");
    provider(providerId);
    return store.putProviderModel(
        ProviderModel.create(providerId, spec, ModelSource.custom(), now()));
  }

  @Override
  public CatalogImport importCatalog(ProviderId providerId) {
    Provider provider = provider(providerId);
    Optional<ProviderCatalog> entries = catalog.forKind(provider.kind());
    if (entries.isEmpty()) {
      return new CatalogImport(0, 0);
    }
    Set<String> existing =
        store.providerModels(providerId).stream()
            .map(ProviderModel::modelId)
            .collect(Collectors.toSet());
    ModelSource source = ModelSource.catalog(entries.get().version());
    Instant now = now();
    int imported = 0;
    int skipped = 0;
    for (ProviderModelSpec spec : entries.get().models()) {
      if (existing.contains(spec.modelId())) {
        skipped++;
        continue;
      }
      try {
        store.putProviderModel(ProviderModel.create(providerId, spec, source, now));
        imported++;
      } catch (AlreadyExistsException e) {
        skipped++; // added concurrently
      }
    }
    return new CatalogImport(imported, skipped);
  }

  @Override
  public Optional<ProviderModel> findProviderModel(ProviderModelId id) {
    return store.findProviderModel(Objects.requireNonNull(id, "id"));
  }

  @Override
  public ProviderModel providerModel(ProviderModelId id) {
    return findProviderModel(id).orElseThrow(() -> new ProviderModelNotFoundException(id));
  }

  @Override
  public List<ProviderModel> providerModels(ProviderId providerId) {
    provider(providerId);
    return store.providerModels(providerId).stream()
        .sorted(Comparator.comparing(ProviderModel::modelId))
        .toList();
  }

  @Override
  public ProviderModel editProviderModel(ProviderModelId id, ProviderModelEdit edit) {
    Objects.requireNonNull(edit, "edit");
    return store.putProviderModel(providerModel(id).with(edit, now()));
  }

  @Override
  public ProviderModel changeProviderModelStatus(ProviderModelId id, Status status) {
    Objects.requireNonNull(status, "status");
    ProviderModel current = providerModel(id);
    if (current.status() == status) {
      return current;
    }
    return store.putProviderModel(current.withStatus(status, now()));
  }

  @Override
  public void deleteProviderModel(ProviderModelId id) {
    providerModel(id);
    detachBackends(Set.of(id));
    store.deleteProviderModel(id);
    detachBackends(Set.of(id));
  }

  // Models

  @Override
  public Model createModel(
      String slug, String displayName, ModelKind kind, RoutingStrategy routing) {
    return store.putModel(Model.create(slug, displayName, kind, routing, now()));
  }

  @Override
  public Optional<Model> findModel(ModelId id) {
    return store.findModel(Objects.requireNonNull(id, "id"));
  }

  @Override
  public Model model(ModelId id) {
    return findModel(id).orElseThrow(() -> new ModelNotFoundException(id.value()));
  }

  @Override
  public Optional<Model> findModelBySlug(String slug) {
    return Model.isSlug(Objects.requireNonNull(slug, "slug"))
        ? store.findModelBySlug(slug)
        : Optional.empty();
  }

  @Override
  public List<Model> models(String query) {
    String needle = normalized(query);
    return store.models().stream()
        .filter(m -> contains(m.slug(), needle) || contains(m.displayName(), needle))
        .sorted(Comparator.comparing(Model::slug))
        .toList();
  }

  @Override
  public Model editModel(ModelId id, ModelEdit edit) {
    Objects.requireNonNull(edit, "edit");
    return store.putModel(model(id).with(edit, now()));
  }

  @Override
  public Model changeStatus(ModelId id, ModelStatus status) {
    Objects.requireNonNull(status, "status");
    Model current = model(id);
    if (!current.status().canMoveTo(status)) {
      throw new IllegalTransitionException(
          id, current.slug(), current.status(), status, "the lifecycle does not allow it");
    }
    if (status == ModelStatus.ACTIVE && current.backends().isEmpty()) {
      throw new IllegalTransitionException(
          id, current.slug(), current.status(), status, "it has no backend; add one first");
    }
    return store.putModel(current.withStatus(status, now()));
  }

  @Override
  public void deleteModel(ModelId id) {
    model(id);
    store.deleteModel(id);
  }

  // Backends

  @Override
  public Backend addBackend(ModelId modelId, BackendSpec spec) {
    Objects.requireNonNull(spec, "spec");
    Model model = model(modelId);
    ProviderModel target = providerModel(spec.providerModelId());
    if (target.kind() != model.kind()) {
      throw new ValidationException(
          "providerModelId",
          target.id().value(),
          "is a "
              + target.kind().id()
              + " model and model '"
              + model.slug()
              + "' is a "
              + model.kind().id()
              + " model; a backend must have its model's kind");
    }
    if (model.backends().stream().anyMatch(b -> b.providerModelId().equals(target.id()))) {
      throw new AlreadyExistsException(
          "backend of model '" + model.slug() + "' on provider model", target.modelId());
    }
    Instant now = now();
    Backend backend =
        new Backend(
            BackendId.random(),
            target.id(),
            spec.priority(),
            spec.weight(),
            spec.defaults(),
            now,
            now);
    List<Backend> backends = new ArrayList<>(model.backends());
    backends.add(backend);
    store.putModel(model.withBackends(backends, now));
    return backend;
  }

  @Override
  public Backend editBackend(ModelId modelId, BackendId backendId, BackendEdit edit) {
    Objects.requireNonNull(edit, "edit");
    Model model = model(modelId);
    Backend current = backend(model, backendId);
    Instant now = now();
    Backend changed = current.with(edit, now);
    List<Backend> backends =
        model.backends().stream().map(b -> b.id().equals(backendId) ? changed : b).toList();
    store.putModel(model.withBackends(backends, now));
    return changed;
  }

  @Override
  public void removeBackend(ModelId modelId, BackendId backendId) {
    Model model = model(modelId);
    backend(model, backendId);
    if (model.status() == ModelStatus.ACTIVE && model.backends().size() == 1) {
      throw new LastBackendException(modelId, model.slug(), backendId);
    }
    List<Backend> backends =
        model.backends().stream().filter(b -> !b.id().equals(backendId)).toList();
    store.putModel(model.withBackends(backends, now()));
  }

  private static Backend backend(Model model, BackendId backendId) {
    Objects.requireNonNull(backendId, "backendId");
    return model.backend(backendId).orElseThrow(() -> new BackendNotFoundException(backendId));
  }

  /**
   * Removes the Backends wired to the given Provider Models, and returns active Models left without
   * Backends to draft. Runs before a cascading delete, so that no active Model is ever left empty,
   * and again after it, for Backends added in between.
   */
  private void detachBackends(Set<ProviderModelId> removed) {
    for (Model snapshot : store.models()) {
      ModelId id = snapshot.id();
      if (needsDetaching(snapshot, removed)) {
        Conflicts.retrying(
            () -> {
              Optional<Model> current = store.findModel(id);
              if (current.isEmpty() || !needsDetaching(current.get(), removed)) {
                return null;
              }
              Instant now = now();
              Model model = current.get();
              List<Backend> kept =
                  model.backends().stream()
                      .filter(b -> !removed.contains(b.providerModelId()))
                      .toList();
              Model detached = model.withBackends(kept, now);
              if (model.status() == ModelStatus.ACTIVE && kept.isEmpty()) {
                detached = detached.withStatus(ModelStatus.DRAFT, now);
              }
              return store.putModel(detached);
            });
      }
    }
  }

  private static boolean needsDetaching(Model model, Set<ProviderModelId> removed) {
    return model.backends().stream().anyMatch(b -> removed.contains(b.providerModelId()))
        || (model.status() == ModelStatus.ACTIVE && model.backends().isEmpty());
  }

  // Credentials

  @Override
  public int rotateKek(Aead newKek) {
    Objects.requireNonNull(newKek, "newKek");
    sealing.writeLock().lock();
    try {
      KekRotation rotation = new KekRotation(vault, newKek);
      int rewrapped = 0;
      for (Provider snapshot : store.providers()) {
        Provider done =
            Conflicts.retrying(
                () ->
                    store
                        .findProvider(snapshot.id())
                        .map(
                            p ->
                                store.putProvider(
                                    p.mapCredentials(field -> rotation.rewrap(p, field))))
                        .orElse(null));
        rewrapped += done == null ? 0 : done.credentials().size();
      }
      KekCanary.rewrap(settings, rotation);
      vault = rotation.next();
      return rewrapped;
    } finally {
      sealing.writeLock().unlock();
    }
  }

  @Override
  public Map<String, Secret> openCredentials(Provider provider) {
    CredentialVault current = vault;
    Map<String, Secret> opened = new HashMap<>();
    provider
        .credentials()
        .forEach(
            (field, credential) ->
                opened.put(field, current.open(provider.id().value(), field, credential)));
    return opened;
  }

  private <T> T sealingCredentials(Supplier<T> write) {
    sealing.readLock().lock();
    try {
      return write.get();
    } finally {
      sealing.readLock().unlock();
    }
  }

  private Map<String, SealedCredential> seal(
      ProviderId id, Map<String, Secret> credentials, Instant now) {
    Map<String, SealedCredential> sealed = new HashMap<>();
    credentials.forEach(
        (field, secret) -> sealed.put(field, vault.seal(id.value(), field, secret, now)));
    return sealed;
  }

  private static String normalized(String query) {
    return Objects.requireNonNull(query, "query").strip().toLowerCase(Locale.ROOT);
  }

  private static boolean contains(String text, String needle) {
    return needle.isEmpty() || text.toLowerCase(Locale.ROOT).contains(needle);
  }
}
