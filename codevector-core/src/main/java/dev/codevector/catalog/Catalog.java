package dev.codevector.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codevector.registry.ModelKind;
import dev.codevector.registry.Pricing;
import dev.codevector.registry.ProviderKind;
import dev.codevector.registry.ProviderModelSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * A catalog of Provider Models for each provider kind that has one. The bundled catalog has a file
 * per kind, {@code dev/codevector/catalog/<kind>.json} in core's jar; the generic OpenAI-compatible
 * kind has none.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Catalog {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private final Map<ProviderKind, ProviderCatalog> byKind;

  private Catalog(Map<ProviderKind, ProviderCatalog> byKind) {
    this.byKind = byKind;
  }

  /**
   * Returns a catalog holding the given per-kind catalogs.
   *
   * @param catalogs at most one per kind
   * @return the catalog
   * @throws IllegalArgumentException if two catalogs have the same kind
   */
  public static Catalog of(Collection<ProviderCatalog> catalogs) {
    Map<ProviderKind, ProviderCatalog> byKind = new EnumMap<>(ProviderKind.class);
    for (ProviderCatalog catalog : catalogs) {
      if (byKind.put(catalog.kind(), catalog) != null) {
        throw new IllegalArgumentException("two catalogs for kind " + catalog.kind().id());
      }
    }
    return new Catalog(byKind);
  }

  /**
   * Returns the catalog bundled in core's jar.
   *
   * @return the bundled catalog
   * @throws IllegalStateException if a bundled file is missing or malformed
   */
  public static Catalog bundled() {
    Map<ProviderKind, ProviderCatalog> byKind = new EnumMap<>(ProviderKind.class);
    for (ProviderKind kind : ProviderKind.values()) {
      String resource = kind.id() + ".json";
      try (InputStream in = Catalog.class.getResourceAsStream(resource)) {
        if (in != null) {
          byKind.put(kind, read(kind, JSON.readTree(in)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the bundled catalog " + resource, e);
      } catch (RuntimeException e) {
        throw new IllegalStateException("malformed bundled catalog " + resource, e);
      }
    }
    return new Catalog(byKind);
  }

  /**
   * Returns the kinds this catalog has entries for.
   *
   * @return the kinds, unmodifiable
   */
  public Set<ProviderKind> kinds() {
    return Collections.unmodifiableSet(byKind.keySet());
  }

  /**
   * Returns the catalog of one provider kind.
   *
   * @param kind the provider kind
   * @return its catalog, or empty if this catalog has none for the kind
   */
  public Optional<ProviderCatalog> forKind(ProviderKind kind) {
    return Optional.ofNullable(byKind.get(Objects.requireNonNull(kind, "kind")));
  }

  private static ProviderCatalog read(ProviderKind kind, JsonNode root) {
    String declared = root.required("kind").asText();
    if (!declared.equals(kind.id())) {
      throw new IllegalArgumentException("file declares kind " + declared);
    }
    return new ProviderCatalog(
        kind,
        root.required("version").asText(),
        StreamSupport.stream(root.required("models").spliterator(), false)
            .map(Catalog::entry)
            .toList());
  }

  private static ProviderModelSpec entry(JsonNode node) {
    JsonNode pricing = node.required("pricing");
    Pricing price =
        new Pricing(
            decimal(pricing.required("inputPerMTok")),
            decimal(pricing.required("outputPerMTok")),
            Optional.ofNullable(pricing.get("cachedInputPerMTok")).map(Catalog::decimal),
            Optional.ofNullable(pricing.get("cacheWritePerMTok")).map(Catalog::decimal));
    JsonNode maxOutput = node.get("maxOutputTokens");
    return new ProviderModelSpec(
        node.required("modelId").asText(),
        ModelKind.of(node.required("kind").asText()),
        node.required("contextWindow").intValue(),
        maxOutput == null ? OptionalInt.empty() : OptionalInt.of(maxOutput.intValue()),
        price);
  }

  private static BigDecimal decimal(JsonNode node) {
    if (!node.isNumber()) {
      throw new IllegalArgumentException("not a number: " + node);
    }
    return node.decimalValue();
  }
}
