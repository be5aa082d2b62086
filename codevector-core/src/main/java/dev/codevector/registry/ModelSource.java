package dev.codevector.registry;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a Provider Model came from: the bundled catalog of a given version, or a custom entry an
 * operator added by hand. Its text form is {@code Catalog 2026.11.21} or {@code Custom}.
 *
 * @param catalogVersion the catalog's version; empty for a custom entry
 */
public record ModelSource(Optional<String> catalogVersion) {
  private static final String CATALOG = "Catalog ";
  private static final String CUSTOM = "Custom";

  /** Checks the fields. */
  public ModelSource {
    Objects.requireNonNull(catalogVersion, "catalogVersion");
    catalogVersion.ifPresent(v -> Checks.checkId(v, "catalog version"));
  }

  /**
   * Returns the source of a custom entry.
   *
   * @return the custom source
   */
  public static ModelSource custom() {
    return new ModelSource(Optional.empty());
  }

  /**
   * Returns the source of an entry imported from a catalog.
   *
   * @param version the catalog's version, such as {@code 2026.11.21}
   * @return the catalog source
   */
  public static ModelSource catalog(String version) {
    return new ModelSource(Optional.of(version));
  }

  /**
   * Returns the source written as {@link #toString()} writes it.
   *
   * @param text {@code Custom} or {@code Catalog <version>}
   * @return the source
   * @throws IllegalArgumentException if the text is neither
   */
  public static ModelSource parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.equals(CUSTOM)) {
      return custom();
    }
    if (text.startsWith(CATALOG)) {
      return catalog(text.substring(CATALOG.length()));
    }
    throw new IllegalArgumentException("not a model source: " + text);
  }

  /**
   * Returns whether the entry came from a catalog.
   *
   * @return true for a catalog entry
   */
  public boolean isCatalog() {
    return catalogVersion.isPresent();
  }

  /** Returns {@code Catalog <version>} or {@code Custom}. */
  @Override
  public String toString() {
    return catalogVersion.map(v -> CATALOG + v).orElse(CUSTOM);
  }
}
