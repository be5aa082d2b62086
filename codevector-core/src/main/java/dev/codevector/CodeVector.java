package dev.codevector;

import com.google.crypto.tink.Aead;
import dev.codevector.catalog.Catalog;
import dev.codevector.internal.DefaultRegistry;
import dev.codevector.registry.Registry;
import dev.codevector.spi.Store;
import java.util.Objects;

/**
 * CodeVector in a JVM application: a {@link Registry} over a {@link Store}, with credentials sealed
 * under a key-encryption key.
 *
 * <pre>{@code
 * CodeVector codeVector = CodeVector.builder()
 *     .store(Store.inMemory())
 *     .kek(Kek.load(Path.of("kek.json")).aead())
 *     .build();
 * Registry registry = codeVector.registry();
 * }</pre>
 *
 * <p>This class is thread-safe. It does not own the Store: whoever created the Store closes it.
 */
public final class CodeVector {
  private final Registry registry;

  private CodeVector(Registry registry) {
    this.registry = registry;
  }

  /**
   * Returns a new builder.
   *
   * @return a builder with nothing set
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the registry.
   *
   * @return the registry; thread-safe
   */
  public Registry registry() {
    return registry;
  }

  /**
   * Builds a {@link CodeVector}. Each setting may be set once. Not thread-safe; a builder may build
   * several instances.
   */
  public static final class Builder {
    private Store store;
    private Aead kek;
    private Clock clock;
    private Catalog catalog;

    private Builder() {}

    /**
     * Sets where the registry keeps its data. Required.
     *
     * @param store the store, such as {@link Store#inMemory()}
     * @return this builder
     * @throws IllegalStateException if the store was already set
     */
    public Builder store(Store store) {
      requireUnset(this.store, "store");
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets the key-encryption key credentials are sealed under. Required.
     *
     * @param kek the key, such as {@link dev.codevector.vault.Kek#aead()}
     * @return this builder
     * @throws IllegalStateException if the key was already set
     */
    public Builder kek(Aead kek) {
      requireUnset(this.kek, "kek");
      this.kek = Objects.requireNonNull(kek, "kek");
      return this;
    }

    /**
     * Sets the source of time. Defaults to {@link Clock#system()}.
     *
     * @param clock the clock
     * @return this builder
     * @throws IllegalStateException if the clock was already set
     */
    public Builder clock(Clock clock) {
      requireUnset(this.clock, "clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the catalog that imports read from. Defaults to {@link Catalog#bundled()}.
     *
     * @param catalog the catalog
     * @return this builder
     * @throws IllegalStateException if the catalog was already set
     */
    public Builder catalog(Catalog catalog) {
      requireUnset(this.catalog, "catalog");
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      return this;
    }

    /**
     * Builds the instance, checking that the key-encryption key is the one the store's credentials
     * were sealed with (a store with none remembers this key from now on).
     *
     * @return the new instance
     * @throws IllegalStateException if the store or the key-encryption key is not set
     * @throws dev.codevector.vault.VaultException if the key-encryption key is wrong
     */
    public CodeVector build() {
      if (store == null || kek == null) {
        throw new IllegalStateException((store == null ? "store" : "kek") + " was not set");
      }
      return new CodeVector(
          DefaultRegistry.open(
              store,
              kek,
              clock == null ? Clock.system() : clock,
              catalog == null ? Catalog.bundled() : catalog));
    }

    private static void requireUnset(Object current, String name) {
      if (current != null) {
        throw new IllegalStateException(name + " was already set to " + current);
      }
    }
  }
}
