package dev.codevector.registry;

import com.google.crypto.tink.Aead;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The registry service: Providers, their Provider Models, Model facades and their Backends. Every
 * change goes through here, and every rule of the product is enforced here:
 *
 * <ul>
 *   <li><b>Lifecycle</b>: a Model starts in draft; see {@link ModelStatus} for the moves.
 *       Publishing needs at least one Backend.
 *   <li><b>An active Model never ends up without a Backend.</b> Removing an active Model's last
 *       Backend directly is refused ({@link LastBackendException}): return the Model to draft
 *       first. Deleting a Provider or Provider Model is what the operator asked for, so instead of
 *       refusing it, every active Model it leaves without Backends is returned to draft.
 *   <li><b>Kinds</b>: a Backend's Provider Model has its Model's kind; a Model's and a Provider
 *       Model's kind are fixed after creation.
 *   <li><b>Cascades</b>: deleting a Provider deletes its Provider Models and the Backends wired to
 *       them; deleting a Provider Model deletes its Backends.
 *   <li><b>Uniqueness</b>: Provider names, Model slugs, upstream model ids within a Provider, and a
 *       Provider Model wired at most once per Model ({@link AlreadyExistsException}).
 *   <li><b>Write-only credentials</b>: credentials are sealed with envelope encryption when set and
 *       never returned; a {@link Provider} shows only each one's prefix and update time.
 * </ul>
 *
 * <p>Invalid input fails with {@link ValidationException}, naming the field and, unless it is a
 * secret, the value. A lookup by id comes in pairs: {@code findX} returns an {@code Optional},
 * {@code x} throws a {@link NotFoundException}. Changes read, check and write with compare-and-set,
 * so a change that races another one on the same object fails with {@link
 * ConcurrentUpdateException} rather than overwriting it. Lists are sorted for display.
 *
 * <p>Implementations are thread-safe.
 */
public interface Registry {

  /**
   * Registers a Provider, sealing its credentials. It starts active.
   *
   * @param spec the Provider's name, kind, configuration and credentials
   * @return the Provider
   * @throws AlreadyExistsException if the name is taken
   */
  Provider createProvider(ProviderSpec spec);

  /**
   * Returns the Provider with the given id.
   *
   * @param id the Provider's id
   * @return the Provider, or empty
   */
  Optional<Provider> findProvider(ProviderId id);

  /**
   * Returns the Provider with the given id.
   *
   * @param id the Provider's id
   * @return the Provider
   * @throws ProviderNotFoundException if there is none
   */
  Provider provider(ProviderId id);

  /**
   * Returns the Providers whose name contains the query, ignoring case, sorted by name.
   *
   * @param query the text to look for; empty for all
   * @return the matching Providers
   */
  List<Provider> providers(String query);

  /**
   * Returns every Provider, sorted by name.
   *
   * @return the Providers
   */
  default List<Provider> providers() {
    return providers("");
  }

  /**
   * Changes a Provider's name, configuration or credentials.
   *
   * @param id the Provider's id
   * @param edit the changes
   * @return the changed Provider
   * @throws ProviderNotFoundException if there is none
   * @throws AlreadyExistsException if the new name is taken
   */
  Provider editProvider(ProviderId id, ProviderEdit edit);

  /**
   * Enables or disables a Provider. Disabled Providers are excluded from routing.
   *
   * @param id the Provider's id
   * @param status the new status
   * @return the changed Provider
   * @throws ProviderNotFoundException if there is none
   */
  Provider changeProviderStatus(ProviderId id, Status status);

  /**
   * Deletes a Provider, its Provider Models and the Backends wired to them. Active Models left
   * without Backends return to draft.
   *
   * @param id the Provider's id
   * @throws ProviderNotFoundException if there is none
   */
  void deleteProvider(ProviderId id);

  /**
   * Adds a custom Provider Model to a Provider. It starts active, with source {@code Custom}.
   *
   * @param providerId the Provider's id
   * @param spec the model's description
   * @return the Provider Model
   * @throws ProviderNotFoundException if the Provider does not exist
   * @throws AlreadyExistsException if the Provider already has the upstream model id
   */
  ProviderModel addProviderModel(ProviderId providerId, ProviderModelSpec spec);

  /**
   * Imports the bundled catalog for the Provider's kind. Entries whose upstream model id the
   * Provider already has are skipped, so importing twice adds nothing the second time. Imported
   * models start active, with source {@code Catalog <version>}.
   *
   * @param providerId the Provider's id
   * @return how many models were imported and skipped
   * @throws ProviderNotFoundException if the Provider does not exist
   */
  CatalogImport importCatalog(ProviderId providerId);

  /**
   * Returns the Provider Model with the given id.
   *
   * @param id the Provider Model's id
   * @return the Provider Model, or empty
   */
  Optional<ProviderModel> findProviderModel(ProviderModelId id);

  /**
   * Returns the Provider Model with the given id.
   *
   * @param id the Provider Model's id
   * @return the Provider Model
   * @throws ProviderModelNotFoundException if there is none
   */
  ProviderModel providerModel(ProviderModelId id);

  /**
   * Returns a Provider's models, sorted by upstream model id.
   *
   * @param providerId the Provider's id
   * @return its Provider Models
   * @throws ProviderNotFoundException if the Provider does not exist
   */
  List<ProviderModel> providerModels(ProviderId providerId);

  /**
   * Changes a Provider Model's context window, output limit or pricing.
   *
   * @param id the Provider Model's id
   * @param edit the changes
   * @return the changed Provider Model
   * @throws ProviderModelNotFoundException if there is none
   */
  ProviderModel editProviderModel(ProviderModelId id, ProviderModelEdit edit);

  /**
   * Enables or disables a Provider Model. Disabled ones are excluded from routing.
   *
   * @param id the Provider Model's id
   * @param status the new status
   * @return the changed Provider Model
   * @throws ProviderModelNotFoundException if there is none
   */
  ProviderModel changeProviderModelStatus(ProviderModelId id, Status status);

  /**
   * Deletes a Provider Model and the Backends wired to it. Active Models left without Backends
   * return to draft.
   *
   * @param id the Provider Model's id
   * @throws ProviderModelNotFoundException if there is none
   */
  void deleteProviderModel(ProviderModelId id);

  /**
   * Creates a Model facade in draft, with failover routing and no Backends.
   *
   * @param slug lowercase letters, digits and hyphens; unique
   * @param displayName the human-readable name
   * @param kind chat or embedding; fixed from now on
   * @return the Model
   * @throws AlreadyExistsException if the slug is taken
   */
  default Model createModel(String slug, String displayName, ModelKind kind) {
    return createModel(slug, displayName, kind, RoutingStrategy.FAILOVER);
  }

  /**
   * Creates a Model facade in draft, with no Backends.
   *
   * @param slug lowercase letters, digits and hyphens; unique
   * @param displayName the human-readable name
   * @param kind chat or embedding; fixed from now on
   * @param routing how it chooses among its Backends
   * @return the Model
   * @throws AlreadyExistsException if the slug is taken
   */
  Model createModel(String slug, String displayName, ModelKind kind, RoutingStrategy routing);

  /**
   * Returns the Model with the given id.
   *
   * @param id the Model's id
   * @return the Model, or empty
   */
  Optional<Model> findModel(ModelId id);

  /**
   * Returns the Model with the given id.
   *
   * @param id the Model's id
   * @return the Model
   * @throws ModelNotFoundException if there is none
   */
  Model model(ModelId id);

  /**
   * Returns the Model with the given slug, whatever its status. A string that is not a slug (see
   * {@link Model#isSlug(String)}) finds nothing without asking the store, so lookups of hostile
   * strings cost nothing and are never cached.
   *
   * @param slug the slug
   * @return the Model, or empty
   */
  Optional<Model> findModelBySlug(String slug);

  /**
   * Returns the Models whose slug or display name contains the query, ignoring case, sorted by
   * slug.
   *
   * @param query the text to look for; empty for all
   * @return the matching Models
   */
  List<Model> models(String query);

  /**
   * Returns every Model, sorted by slug.
   *
   * @return the Models
   */
  default List<Model> models() {
    return models("");
  }

  /**
   * Returns the Provider Models that may serve a Model now: those of its Backends, in route order,
   * that are active and whose Provider is active. Any of them may answer a request for the Model,
   * so what a client may rely on is what all of them allow.
   *
   * @param model the Model
   * @return the Provider Models, one per Backend that may serve
   */
  default List<ProviderModel> servingProviderModels(Model model) {
    List<ProviderModel> serving = new ArrayList<>();
    for (Backend backend : model.backends()) {
      findProviderModel(backend.providerModelId())
          .filter(ProviderModel::isRoutable)
          .filter(pm -> findProvider(pm.providerId()).filter(Provider::isRoutable).isPresent())
          .ifPresent(serving::add);
    }
    return List.copyOf(serving);
  }

  /**
   * Changes a Model's slug, display name or routing.
   *
   * @param id the Model's id
   * @param edit the changes
   * @return the changed Model
   * @throws ModelNotFoundException if there is none
   * @throws AlreadyExistsException if the new slug is taken
   */
  Model editModel(ModelId id, ModelEdit edit);

  /**
   * Moves a Model through its lifecycle: publish ({@code ACTIVE}), disable ({@code DISABLED}) or
   * return to draft ({@code DRAFT}).
   *
   * @param id the Model's id
   * @param status the status to move to
   * @return the changed Model
   * @throws ModelNotFoundException if there is none
   * @throws IllegalTransitionException if the lifecycle does not allow the move, or a Model with no
   *     Backend is to be published
   */
  Model changeStatus(ModelId id, ModelStatus status);

  /**
   * Deletes a Model and its Backends.
   *
   * @param id the Model's id
   * @throws ModelNotFoundException if there is none
   */
  void deleteModel(ModelId id);

  /**
   * Wires a Model to a Provider Model of the same kind.
   *
   * @param modelId the Model's id
   * @param spec the Provider Model, priority, weight and defaults
   * @return the new Backend
   * @throws ModelNotFoundException if the Model does not exist
   * @throws ProviderModelNotFoundException if the Provider Model does not exist
   * @throws ValidationException if the kinds differ
   * @throws AlreadyExistsException if the Model is already wired to that Provider Model
   */
  Backend addBackend(ModelId modelId, BackendSpec spec);

  /**
   * Changes a Backend's priority, weight or defaults.
   *
   * @param modelId the Model's id
   * @param backendId the Backend's id
   * @param edit the changes
   * @return the changed Backend
   * @throws ModelNotFoundException if the Model does not exist
   * @throws BackendNotFoundException if the Model has no such Backend
   */
  Backend editBackend(ModelId modelId, BackendId backendId, BackendEdit edit);

  /**
   * Removes a Backend from a Model.
   *
   * @param modelId the Model's id
   * @param backendId the Backend's id
   * @throws ModelNotFoundException if the Model does not exist
   * @throws BackendNotFoundException if the Model has no such Backend
   * @throws LastBackendException if the Model is active and this is its last Backend
   */
  void removeBackend(ModelId modelId, BackendId backendId);

  /**
   * Re-wraps every credential's data-encryption key under a new key-encryption key, and from then
   * on seals and opens with it. Credential ciphertexts are not touched. No credential is set while
   * it runs. If it fails part-way, this registry keeps the old key and running it again with the
   * same new key completes the move. Restart other processes sharing the store with the new key (or
   * give them, beforehand, a keyset holding both keys, such as {@link
   * dev.codevector.vault.Kek#rotate()} makes).
   *
   * @param newKek the new key-encryption key
   * @return how many credentials were re-wrapped
   * @throws dev.codevector.vault.VaultException if a credential opens under neither key
   */
  int rotateKek(Aead newKek);
}
