package dev.codevector.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.codevector.registry.ModelKind;
import dev.codevector.registry.Pricing;
import dev.codevector.registry.ProviderKind;
import dev.codevector.registry.ProviderModelSpec;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class CatalogTest {
  private static final String VERSION = "2026.11.21";

  private final Catalog bundled = Catalog.bundled();

  @Test
  void bundledCatalogCoversEveryKindButOpenAiCompatible() {
    Set<ProviderKind> kinds = bundled.kinds();

    assertEquals(EnumSet.complementOf(EnumSet.of(ProviderKind.OPENAI_COMPATIBLE)), kinds);
    assertEquals(11, kinds.size());
  }

  @Test
  void bundledCatalogHasNoneForOpenAiCompatible() {
    Optional<ProviderCatalog> catalog = bundled.forKind(ProviderKind.OPENAI_COMPATIBLE);

    assertEquals(Optional.empty(), catalog);
  }

  @Test
  void everyCatalogFileInTheRepositoryIsBundled() throws IOException {
    Set<ProviderKind> inRepository;
    try (Stream<Path> files = Files.list(moduleDirectory().resolveSibling("catalog"))) {
      inRepository =
          files
              .map(file -> file.getFileName().toString())
              .filter(name -> name.endsWith(".json"))
              .map(name -> ProviderKind.of(name.substring(0, name.length() - ".json".length())))
              .collect(Collectors.toCollection(() -> EnumSet.noneOf(ProviderKind.class)));
    }

    assertEquals(inRepository, bundled.kinds());
  }

  @Test
  void deepSeekListsExactlyItsFourCurrentModels() {
    List<String> ids = modelIds(ProviderKind.DEEPSEEK);

    assertEquals(
        List.of("deepseek-chat", "deepseek-reasoner", "deepseek-v4-flash", "deepseek-v4-pro"),
        ids.stream().sorted().toList());
  }

  @Test
  void everyKindButDeepSeekListsAtLeastFiveModels() {
    List<String> tooFew =
        catalogsWhere(c -> c.kind() != ProviderKind.DEEPSEEK && c.models().size() < 5);

    assertEquals(List.of(), tooFew);
  }

  @Test
  void everyCatalogVersionIsADate() {
    List<String> notDates = catalogsWhere(c -> !c.version().matches("\\d{4}\\.\\d{2}\\.\\d{2}"));

    assertEquals(List.of(), notDates);
  }

  @Test
  void everyCatalogIsVersion20261121() {
    List<String> other = catalogsWhere(c -> !c.version().equals(VERSION));

    assertEquals(List.of(), other);
  }

  @Test
  void modelIdsAreUniqueWithinEachKind() {
    List<String> repeated =
        catalogsWhere(c -> modelIds(c.kind()).stream().distinct().count() != c.models().size());

    assertEquals(List.of(), repeated);
  }

  @Test
  void everyKindHasAChatModel() {
    List<String> withoutChat =
        catalogsWhere(c -> c.models().stream().noneMatch(m -> m.kind() == ModelKind.CHAT));

    assertEquals(List.of(), withoutChat);
  }

  @Test
  void everyContextWindowIsPositive() {
    List<String> bad = entriesWhere(e -> e.model().contextWindow() <= 0);

    assertEquals(List.of(), bad);
  }

  @Test
  void everyChatModelHasAPositiveMaxOutput() {
    List<String> bad = entriesWhere(e -> e.isChat() && e.maxOutput() <= 0);

    assertEquals(List.of(), bad);
  }

  @Test
  void noEmbeddingModelHasAMaxOutput() {
    List<String> bad = entriesWhere(e -> !e.isChat() && e.maxOutput() != 0);

    assertEquals(List.of(), bad);
  }

  @Test
  void noPriceIsNegative() {
    List<String> bad = entriesWhere(e -> e.prices().anyMatch(price -> price.signum() < 0));

    assertEquals(List.of(), bad);
  }

  @Test
  void cachedInputNeverCostsMoreThanInput() {
    List<String> bad = entriesWhere(Entry::cachedInputCostsMoreThanInput);

    assertEquals(List.of(), bad);
  }

  @ParameterizedTest(name = "{0} {1} costs {2} in, {3} out")
  @CsvSource({
    "openai, gpt-4o, 2.5, 10",
    "openai, gpt-4o-mini, 0.15, 0.6",
    "anthropic, claude-sonnet-4-5, 3, 15",
    "anthropic, claude-haiku-4-5, 1, 5",
    "google, gemini-2.5-pro, 1.25, 10",
    "openai, text-embedding-3-small, 0.02, 0",
    "groq, llama-3.3-70b-versatile, 0.59, 0.79",
    "bedrock, amazon.nova-pro-v1:0, 0.8, 3.2",
  })
  void samplePricesMatchTheReference(
      String kind, String modelId, BigDecimal input, BigDecimal output) {
    Pricing pricing = model(kind, modelId).pricing();

    assertEquals(0, input.compareTo(pricing.inputPerMTok()), "input " + pricing.inputPerMTok());
    assertEquals(0, output.compareTo(pricing.outputPerMTok()), "output " + pricing.outputPerMTok());
  }

  @ParameterizedTest(name = "{0} {1} takes {2} tokens")
  @CsvSource({"openai, gpt-4o, 128000", "anthropic, claude-sonnet-4-5, 200000"})
  void sampleContextWindowsMatchTheReference(String kind, String modelId, int contextWindow) {
    ProviderModelSpec model = model(kind, modelId);

    assertEquals(contextWindow, model.contextWindow());
  }

  @Test
  void ofRefusesTwoCatalogsOfOneKind() {
    ProviderCatalog first = new ProviderCatalog(ProviderKind.OPENAI, VERSION, List.of());
    ProviderCatalog second = new ProviderCatalog(ProviderKind.OPENAI, "2026.11.22", List.of());

    assertThrows(IllegalArgumentException.class, () -> Catalog.of(List.of(first, second)));
  }

  @Test
  void ofKeepsEachKindsCatalog() {
    ProviderCatalog openAi = new ProviderCatalog(ProviderKind.OPENAI, VERSION, List.of());
    ProviderCatalog groq = new ProviderCatalog(ProviderKind.GROQ, VERSION, List.of());

    Catalog catalog = Catalog.of(List.of(openAi, groq));

    assertSame(groq, catalog.forKind(ProviderKind.GROQ).orElseThrow());
  }

  /** Surefire runs in the module's directory and names it in {@code basedir}. */
  private static Path moduleDirectory() {
    return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
  }

  private Stream<ProviderCatalog> catalogs() {
    return bundled.kinds().stream().map(kind -> bundled.forKind(kind).orElseThrow());
  }

  private List<String> modelIds(ProviderKind kind) {
    return bundled.forKind(kind).orElseThrow().models().stream()
        .map(ProviderModelSpec::modelId)
        .toList();
  }

  private ProviderModelSpec model(String kind, String modelId) {
    return bundled.forKind(ProviderKind.of(kind)).orElseThrow().model(modelId).orElseThrow();
  }

  /** Names, as kind and version, the kinds whose catalog matches a test for bad data. */
  private List<String> catalogsWhere(Predicate<ProviderCatalog> bad) {
    return catalogs().filter(bad).map(c -> c.kind().id() + " " + c.version()).toList();
  }

  /** Names, as kind/model id, the catalog entries that match a test for bad data. */
  private List<String> entriesWhere(Predicate<Entry> bad) {
    return catalogs()
        .flatMap(c -> c.models().stream().map(m -> new Entry(c.kind(), m)))
        .filter(bad)
        .map(e -> e.kind().id() + "/" + e.model().modelId())
        .toList();
  }

  /** One model of one kind's catalog. */
  private record Entry(ProviderKind kind, ProviderModelSpec model) {
    boolean isChat() {
      return model.kind() == ModelKind.CHAT;
    }

    /** The most output tokens, or 0 where the entry has none. */
    int maxOutput() {
      return model.maxOutputTokens().orElse(0);
    }

    Stream<BigDecimal> prices() {
      Pricing pricing = model.pricing();
      return Stream.of(
              Optional.of(pricing.inputPerMTok()),
              Optional.of(pricing.outputPerMTok()),
              pricing.cachedInputPerMTok(),
              pricing.cacheWritePerMTok())
          .flatMap(Optional::stream);
    }

    boolean cachedInputCostsMoreThanInput() {
      Pricing pricing = model.pricing();
      return pricing
          .cachedInputPerMTok()
          .filter(cached -> cached.compareTo(pricing.inputPerMTok()) > 0)
          .isPresent();
    }
  }
}
