package dev.codevector.catalog;

import dev.codevector.registry.ProviderKind;
import dev.codevector.registry.ProviderModelSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The catalog of one provider kind: its version and the models it lists.
 *
 * @param kind the provider kind
 * @param version the catalog's version, a date such as {@code 2026.11.21}
 * @param models the models, in the catalog's order, upstream ids unique
 */
public record ProviderCatalog(ProviderKind kind, String version, List<ProviderModelSpec> models) {

  /** Checks the fields and that no upstream model id appears twice. */
  public ProviderCatalog {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(version, "version");
    if (!version.matches("\\d{4}\\.\\d{2}\\.\\d{2}")) {
      throw new IllegalArgumentException(
          "catalog version is not a date like 2026.11.21: " + version);
    }
    models = List.copyOf(models);
    if (models.stream().map(ProviderModelSpec::modelId).distinct().count() != models.size()) {
      throw new IllegalArgumentException("duplicate model id in the " + kind.id() + " catalog");
    }
  }

  /**
   * Returns the entry for an upstream model id.
   *
   * @param modelId the upstream model id
   * @return the entry, or empty
   */
  public Optional<ProviderModelSpec> model(String modelId) {
    return models.stream().filter(m -> m.modelId().equals(modelId)).findFirst();
  }
}
