package dev.codevector.spi;

import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.registry.ConcurrentUpdateException;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderId;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelId;
import dev.codevector.registry.ProviderModelNotFoundException;
import dev.codevector.registry.ProviderNotFoundException;
import java.util.List;
import java.util.Optional;

/**
 * The registry's data a {@link Store} keeps: Providers, their Provider Models, and Models with
 * their Backends, under the rules of the {@link Store} contract and these.
 *
 * <ul>
 *   <li><b>Uniqueness</b>: a Provider's id and name; a Provider Model's id, and its upstream model
 *       id within its Provider; a Model's id and slug; a Backend's id, across all Models. A put
 *       that would break one throws {@link AlreadyExistsException} with {@code what} set to {@code
 *       provider name}, {@code provider model} (value: the upstream model id), {@code model slug},
 *       or {@code <kind> id} for a duplicate id ({@code provider}, {@code provider model}, {@code
 *       model}, {@code backend}).
 *   <li><b>References</b>: a Provider Model's Provider must exist ({@link
 *       ProviderNotFoundException}), and so must every Backend's Provider Model ({@link
 *       ProviderModelNotFoundException}).
 *   <li><b>Cascades</b>: deleting a Provider deletes its Provider Models; deleting a Provider Model
 *       deletes the Backends wired to it, and each Model that loses a Backend this way has its
 *       version incremented (its other fields are unchanged). A Model is stored with its Backends,
 *       atomically. Deleting a Model deletes its Backends, and the grants of it that {@link
 *       AccessStore} keeps.
 * </ul>
 */
public interface RegistryStore {

  /**
   * Returns the Provider with the given id.
   *
   * @param id the Provider's id
   * @return the Provider, or empty
   */
  Optional<Provider> findProvider(ProviderId id);

  /**
   * Returns every Provider.
   *
   * @return the Providers, unmodifiable
   */
  List<Provider> providers();

  /**
   * Inserts or updates a Provider, compare-and-set on its version.
   *
   * @param provider the Provider; version 0 inserts
   * @return the Provider as stored
   * @throws AlreadyExistsException if the id or the name is taken
   * @throws ConcurrentUpdateException if the stored version differs or the Provider is gone
   */
  Provider putProvider(Provider provider);

  /**
   * Deletes a Provider with its Provider Models and the Backends wired to them.
   *
   * @param id the Provider's id
   * @return true if the Provider existed
   */
  boolean deleteProvider(ProviderId id);

  /**
   * Returns the Provider Model with the given id.
   *
   * @param id the Provider Model's id
   * @return the Provider Model, or empty
   */
  Optional<ProviderModel> findProviderModel(ProviderModelId id);

  /**
   * Returns the Provider Models of a Provider.
   *
   * @param providerId the Provider's id
   * @return its Provider Models, unmodifiable; empty if the Provider has none or does not exist
   */
  List<ProviderModel> providerModels(ProviderId providerId);

  /**
   * Inserts or updates a Provider Model, compare-and-set on its version.
   *
   * @param providerModel the Provider Model; version 0 inserts
   * @return the Provider Model as stored
   * @throws AlreadyExistsException if the id, or the upstream model id within the Provider, is
   *     taken
   * @throws ProviderNotFoundException if the Provider does not exist
   * @throws ConcurrentUpdateException if the stored version differs or the Provider Model is gone
   */
  ProviderModel putProviderModel(ProviderModel providerModel);

  /**
   * Deletes a Provider Model and the Backends wired to it.
   *
   * @param id the Provider Model's id
   * @return true if the Provider Model existed
   */
  boolean deleteProviderModel(ProviderModelId id);

  /**
   * Returns the Model with the given id, with its Backends.
   *
   * @param id the Model's id
   * @return the Model, or empty
   */
  Optional<Model> findModel(ModelId id);

  /**
   * Returns the Model with the given slug, with its Backends.
   *
   * @param slug the Model's slug
   * @return the Model, or empty
   */
  Optional<Model> findModelBySlug(String slug);

  /**
   * Returns every Model, with its Backends.
   *
   * @return the Models, unmodifiable
   */
  List<Model> models();

  /**
   * Inserts or updates a Model together with its Backends, compare-and-set on the Model's version.
   * Backends absent from {@code model} are deleted.
   *
   * @param model the Model; version 0 inserts
   * @return the Model as stored
   * @throws AlreadyExistsException if the Model's id or slug, or a Backend's id, is taken
   * @throws ProviderModelNotFoundException if a Backend's Provider Model does not exist
   * @throws ConcurrentUpdateException if the stored version differs or the Model is gone
   */
  Model putModel(Model model);

  /**
   * Deletes a Model with its Backends, and in the same write every grant of it that {@link
   * AccessStore} keeps.
   *
   * @param id the Model's id
   * @return true if the Model existed
   */
  boolean deleteModel(ModelId id);
}
