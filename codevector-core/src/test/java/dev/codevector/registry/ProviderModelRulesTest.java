package dev.codevector.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.catalog.Catalog;
import dev.codevector.testing.TestRegistry;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

final class ProviderModelRulesTest {
  private final TestRegistry test = new TestRegistry();
  private final Registry registry = test.registry;
  private final Provider openAi = test.openAi("openai");

  @Test
  void customProviderModelIsActiveWithSourceCustom() {
    ProviderModel model = test.providerModel(openAi, "my-finetune", ModelKind.CHAT);

    assertEquals(Status.ACTIVE, model.status());
    assertEquals("Custom", model.source().toString());
    assertEquals(List.of(model), registry.providerModels(openAi.id()));
  }

  @Test
  void catalogImportAddsTheKindsCatalogWithItsVersionAsSource() {
    int catalogSize = Catalog.bundled().forKind(ProviderKind.OPENAI).orElseThrow().models().size();

    CatalogImport result = registry.importCatalog(openAi.id());

    assertEquals(new CatalogImport(catalogSize, 0), result);
    List<ProviderModel> models = registry.providerModels(openAi.id());
    assertEquals(catalogSize, models.size());
    assertTrue(models.stream().allMatch(m -> m.source().toString().equals("Catalog 2026.11.21")));
    ProviderModel gpt4o =
        models.stream().filter(m -> m.modelId().equals("gpt-4o")).findFirst().orElseThrow();
    assertEquals(128_000, gpt4o.contextWindow());
    assertEquals(0, new BigDecimal("2.5").compareTo(gpt4o.pricing().inputPerMTok()));
  }

  @Test
  void importingTwiceSkipsEveryExistingEntry() {
    CatalogImport first = registry.importCatalog(openAi.id());

    CatalogImport second = registry.importCatalog(openAi.id());

    assertEquals(new CatalogImport(0, first.imported()), second);
    assertEquals(first.imported(), registry.providerModels(openAi.id()).size());
  }

  @Test
  void importSkipsUpstreamIdsTheProviderAlreadyHas() {
    ProviderModel custom = test.providerModel(openAi, "gpt-4o", ModelKind.CHAT);
    int catalogSize = Catalog.bundled().forKind(ProviderKind.OPENAI).orElseThrow().models().size();

    CatalogImport result = registry.importCatalog(openAi.id());

    assertEquals(new CatalogImport(catalogSize - 1, 1), result);
    assertEquals(custom, registry.providerModel(custom.id()));
  }

  @Test
  void openAiCompatibleProviderHasNoCatalogToImport() {
    Provider local =
        registry.createProvider(
            ProviderSpec.withApiKey(
                "local",
                ProviderKind.OPENAI_COMPATIBLE,
                "key-123456789",
                Map.of("baseUrl", "http://127.0.0.1:9000/v1")));

    assertEquals(new CatalogImport(0, 0), registry.importCatalog(local.id()));
  }

  @Test
  void duplicateUpstreamIdAtOneProviderIsRefused() {
    test.providerModel(openAi, "gpt-4o", ModelKind.CHAT);

    AlreadyExistsException e =
        assertThrows(
            AlreadyExistsException.class,
            () -> test.providerModel(openAi, "gpt-4o", ModelKind.CHAT));

    assertEquals("provider model 'gpt-4o' already exists", e.getMessage());
  }

  @Test
  void providerModelOfUnknownProviderIsRefused() {
    ProviderId unknown = ProviderId.random();

    assertThrows(
        ProviderNotFoundException.class,
        () ->
            registry.addProviderModel(
                unknown,
                new ProviderModelSpec(
                    "m",
                    ModelKind.CHAT,
                    1000,
                    OptionalInt.empty(),
                    Pricing.of(BigDecimal.ONE, BigDecimal.ONE))));
  }

  @Test
  void invalidCustomModelFieldsAreRefusedNamingTheField() {
    Pricing pricing = Pricing.of(BigDecimal.ONE, BigDecimal.ONE);

    assertEquals(
        "contextWindow '0' must be positive",
        assertThrows(
                ValidationException.class,
                () -> new ProviderModelSpec("m", ModelKind.CHAT, 0, OptionalInt.empty(), pricing))
            .getMessage());
    assertEquals(
        "modelId 'gpt 4o' must not contain white space",
        assertThrows(
                ValidationException.class,
                () ->
                    new ProviderModelSpec(
                        "gpt 4o", ModelKind.CHAT, 10, OptionalInt.empty(), pricing))
            .getMessage());
    assertEquals(
        "pricing.inputPerMTok '-1' must not be negative",
        assertThrows(
                ValidationException.class, () -> Pricing.of(new BigDecimal("-1"), BigDecimal.ONE))
            .getMessage());
  }

  @Test
  void providerModelLimitsAndPricingCanBeEdited() {
    ProviderModel model = test.providerModel(openAi, "gpt-4o", ModelKind.CHAT);
    Pricing newPricing =
        Pricing.of(new BigDecimal("2"), new BigDecimal("8")).withCachedInput(new BigDecimal("0.5"));

    ProviderModel edited =
        registry.editProviderModel(
            model.id(),
            ProviderModelEdit.none()
                .withContextWindow(1_000_000)
                .withMaxOutputTokens(32_768)
                .withPricing(newPricing));

    assertEquals(1_000_000, edited.contextWindow());
    assertEquals(OptionalInt.of(32_768), edited.maxOutputTokens());
    assertEquals(newPricing, edited.pricing());
    assertEquals(ModelKind.CHAT, edited.kind());
    assertEquals(edited, registry.providerModel(model.id()));
  }

  @Test
  void disabledProviderModelIsExcludedFromRoutingAndCanBeEnabled() {
    ProviderModel model = test.providerModel(openAi, "gpt-4o", ModelKind.CHAT);

    ProviderModel disabled = registry.changeProviderModelStatus(model.id(), Status.DISABLED);

    assertEquals(Status.DISABLED, disabled.status());
    assertEquals(false, disabled.isRoutable());
    assertTrue(registry.changeProviderModelStatus(model.id(), Status.ACTIVE).isRoutable());
  }

  @Test
  void removedProviderModelIsGone() {
    ProviderModel model = test.providerModel(openAi, "gpt-4o", ModelKind.CHAT);

    registry.deleteProviderModel(model.id());

    assertEquals(List.of(), registry.providerModels(openAi.id()));
    assertThrows(
        ProviderModelNotFoundException.class, () -> registry.deleteProviderModel(model.id()));
  }

  @Test
  void pricesAreEqualWhateverTheirScale() {
    assertEquals(
        Pricing.of(new BigDecimal("2.50"), new BigDecimal("10.000")),
        Pricing.of(new BigDecimal("2.5"), new BigDecimal("10")));
  }
}
