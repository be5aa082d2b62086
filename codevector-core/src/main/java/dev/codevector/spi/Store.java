package dev.codevector.spi;

import dev.codevector.internal.InMemoryStore;
import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.registry.ConcurrentUpdateException;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderId;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelId;
import java.util.List;
import java.util.Optional;

/**
 * Where the registry keeps its data. The registry enforces the domain rules; a Store keeps the
 * data, its uniqueness and its references, and makes every write atomic.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li><b>Finds</b> return {@code Optional.empty()} for a missing object. Lists are unmodifiable
 *       snapshots, in no particular order.
 *   <li><b>Puts are compare-and-set on the version.</b> An object at version 0 is inserted and
 *       stored at version 1. An object at version {@code n > 0} replaces the stored object only if
 *       the stored version is {@code n}, and is stored at {@code n + 1}. Each put returns the
 *       object as stored. Of two writers putting the same version, exactly one wins; the other gets
 *       {@link ConcurrentUpdateException}, as does an update of an object that no longer exists.
 *   <li><b>Uniqueness</b>: a Provider's id and name; a Provider Model's id, and its upstream model
 *       id within its Provider; a Model's id and slug; a Backend's id. A put that would break one
 *       throws {@link AlreadyExistsException} with {@code what} set to {@code provider name},
 *       {@code provider model} (value: the upstream model id), {@code model slug}, or {@code <kind>
 *       id} for a duplicate id, and nothing is written.
 *   <li><b>References</b>: a Provider Model's Provider must exist ({@link
 *       dev.codevector.registry.ProviderNotFoundException}), and so must every Backend's Provider
 *       Model ({@link dev.codevector.registry.ProviderModelNotFoundException}); otherwise nothing
 *       is written.
 *   <li><b>Cascades</b>: deleting a Provider deletes its Provider Models; deleting a Provider Model
 *       deletes the Backends wired to it, and each Model that loses a Backend this way has its
 *       version incremented (its other fields are unchanged). Deleting a Model deletes its
 *       Backends. A Model is stored with its Backends, atomically.
 *   <li><b>Values round-trip exactly</b>: credential ciphertexts and wrapped keys byte for byte,
 *       prices as decimals, timestamps to the microsecond.
 * </ul>
 *
 * <p>Implementations must be thread-safe. Prove one by extending the abstract {@code
 * dev.codevector.testing.StoreContract} from core's test jar.
 */
public interface Store extends AutoCloseable {

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
   * @throws dev.codevector.registry.ProviderNotFoundException if the Provider does not exist
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
   * @throws dev.codevector.registry.ProviderModelNotFoundException if a Backend's Provider Model
   *     does not exist
   * @throws ConcurrentUpdateException if the stored version differs or the Model is gone
   */
  Model putModel(Model model);

  /**
   * Deletes a Model and its Backends.
   *
   * @param id the Model's id
   * @return true if the Model existed
   */
  boolean deleteModel(ModelId id);

  /**
   * Returns the setting with the given name.
   *
   * @param name the setting's name
   * @return the setting, or empty
   */
  Optional<Setting> findSetting(String name);

  /**
   * Inserts or updates a setting, compare-and-set on its version.
   *
   * @param setting the setting; version 0 inserts
   * @return the setting as stored
   * @throws AlreadyExistsException if a setting of that name exists and {@code setting} is at
   *     version 0
   * @throws ConcurrentUpdateException if the stored version differs or the setting is gone
   */
  Setting putSetting(Setting setting);

  /**
   * Releases what the Store holds, such as a connection pool. The Store's creator closes it.
   *
   * @throws StoreException if closing fails
   */
  @Override
  void close();

  /**
   * Returns a new Store that keeps everything in memory: for tests, demos and embedded use where
   * nothing must survive the process.
   *
   * @return an empty, thread-safe in-memory Store
   */
  static Store inMemory() {
    return new InMemoryStore();
  }
}
