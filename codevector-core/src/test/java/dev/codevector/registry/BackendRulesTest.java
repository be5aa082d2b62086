package dev.codevector.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.codevector.testing.TestRegistry;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

final class BackendRulesTest {
  private final TestRegistry test = new TestRegistry();
  private final Registry registry = test.registry;
  private final Provider provider = test.openAi("openai");
  private final Model chat = registry.createModel("gpt-main", "GPT main", ModelKind.CHAT);

  @Test
  void backendsAreTriedInPriorityOrderLowestFirst() {
    ProviderModel standby = test.providerModel(provider, "gpt-4o-mini", ModelKind.CHAT);
    ProviderModel primary = test.providerModel(provider, "gpt-4o", ModelKind.CHAT);

    registry.addBackend(chat.id(), BackendSpec.of(standby.id(), 20));
    registry.addBackend(chat.id(), BackendSpec.of(primary.id(), 10));

    List<ProviderModelId> order =
        registry.model(chat.id()).backends().stream().map(Backend::providerModelId).toList();
    assertEquals(List.of(primary.id(), standby.id()), order);
  }

  @Test
  void backendKindMustEqualModelKind() {
    ProviderModel embedding =
        test.providerModel(provider, "text-embedding-3-small", ModelKind.EMBEDDING);

    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> registry.addBackend(chat.id(), BackendSpec.of(embedding.id(), 10)));

    assertEquals("providerModelId", e.field());
    assertEquals(List.of(), registry.model(chat.id()).backends());
  }

  @Test
  void backendDefaultsAreStoredWithTheBackend() {
    ProviderModel target = test.providerModel(provider, "gpt-4o", ModelKind.CHAT);
    BackendDefaults defaults =
        BackendDefaults.none()
            .withTemperature(0.2)
            .withMaxTokens(4096)
            .withTopP(1)
            .withTopK(40)
            .withStop(List.of("END"));

    Backend backend = registry.addBackend(chat.id(), new BackendSpec(target.id(), 10, defaults));

    assertEquals(
        defaults, registry.model(chat.id()).backend(backend.id()).orElseThrow().defaults());
  }

  @Test
  void backendDefaultsOutOfRangeAreRefused() {
    assertThrows(ValidationException.class, () -> BackendDefaults.none().withTemperature(2.5));
    assertThrows(ValidationException.class, () -> BackendDefaults.none().withTopP(-0.1));
    assertThrows(ValidationException.class, () -> BackendDefaults.none().withMaxTokens(0));
    assertThrows(ValidationException.class, () -> BackendDefaults.none().withTopK(-1));
    assertThrows(ValidationException.class, () -> BackendDefaults.none().withStop(List.of("")));
    ValidationException e =
        assertThrows(ValidationException.class, () -> BackendDefaults.none().withTemperature(9));
    assertEquals("defaults.temperature '9.0' must be between 0.0 and 2.0", e.getMessage());
  }

  @Test
  void negativePriorityIsRefused() {
    ProviderModel target = test.providerModel(provider, "gpt-4o", ModelKind.CHAT);

    assertThrows(ValidationException.class, () -> BackendSpec.of(target.id(), -1));
  }

  @Test
  void weightIsOneUnlessGivenAndCanBeEdited() {
    ProviderModel light = test.providerModel(provider, "gpt-4o", ModelKind.CHAT);
    ProviderModel heavy = test.providerModel(provider, "gpt-4o-mini", ModelKind.CHAT);

    Backend byDefault = registry.addBackend(chat.id(), BackendSpec.of(light.id(), 10));
    Backend weighted =
        registry.addBackend(chat.id(), BackendSpec.of(heavy.id(), 10).withWeight(1000));
    Backend edited =
        registry.editBackend(chat.id(), byDefault.id(), BackendEdit.none().withWeight(7));

    assertEquals(Backend.DEFAULT_WEIGHT, byDefault.weight());
    assertEquals(1000, weighted.weight());
    assertEquals(7, edited.weight());
    assertEquals(10, edited.priority(), "an edit keeps what it leaves out");
    assertEquals(edited, registry.model(chat.id()).backend(byDefault.id()).orElseThrow());
  }

  @Test
  void weightOutOfRangeIsRefusedNamingTheField() {
    ProviderModel target = test.providerModel(provider, "gpt-4o", ModelKind.CHAT);
    Backend backend = registry.addBackend(chat.id(), BackendSpec.of(target.id(), 10));

    ValidationException zero =
        assertThrows(
            ValidationException.class, () -> BackendSpec.of(target.id(), 10).withWeight(0));
    assertThrows(ValidationException.class, () -> BackendEdit.none().withWeight(1001));

    assertEquals("weight", zero.field());
    assertEquals("weight '0' must be between 1 and 1000", zero.getMessage());
    assertEquals(1, registry.model(chat.id()).backend(backend.id()).orElseThrow().weight());
  }

  @Test
  void routingIsFailoverUnlessGivenAndCanBeEdited() {
    Model balanced =
        registry.createModel("shared", "Shared", ModelKind.CHAT, RoutingStrategy.BALANCED);

    Model edited =
        registry.editModel(chat.id(), ModelEdit.none().withRouting(RoutingStrategy.BALANCED));

    assertEquals(RoutingStrategy.FAILOVER, chat.routing());
    assertEquals(RoutingStrategy.BALANCED, balanced.routing());
    assertEquals(RoutingStrategy.BALANCED, registry.model(chat.id()).routing());
    assertEquals("gpt-main", edited.slug(), "an edit keeps what it leaves out");
    assertEquals(RoutingStrategy.BALANCED, RoutingStrategy.of("balanced"));
    assertEquals("balanced", RoutingStrategy.BALANCED.id());
    ValidationException unknown =
        assertThrows(ValidationException.class, () -> RoutingStrategy.of("round-robin"));
    assertEquals("routing", unknown.field());
    assertThrows(
        ValidationException.class,
        () -> registry.createModel("none", "None", ModelKind.CHAT, null));
  }

  @Test
  void backendToUnknownProviderModelIsRefused() {
    ProviderModelId unknown = ProviderModelId.random();

    assertThrows(
        ProviderModelNotFoundException.class,
        () -> registry.addBackend(chat.id(), BackendSpec.of(unknown, 10)));
  }

  @Test
  void sameProviderModelCannotBeWiredTwiceToOneModel() {
    ProviderModel target = test.providerModel(provider, "gpt-4o", ModelKind.CHAT);
    registry.addBackend(chat.id(), BackendSpec.of(target.id(), 10));

    assertThrows(
        AlreadyExistsException.class,
        () -> registry.addBackend(chat.id(), BackendSpec.of(target.id(), 20)));
    assertEquals(1, registry.model(chat.id()).backends().size());
  }

  @Test
  void backendPriorityAndDefaultsCanBeEdited() {
    ProviderModel target = test.providerModel(provider, "gpt-4o", ModelKind.CHAT);
    Backend backend = registry.addBackend(chat.id(), BackendSpec.of(target.id(), 10));

    Backend edited =
        registry.editBackend(
            chat.id(),
            backend.id(),
            BackendEdit.none()
                .withPriority(5)
                .withDefaults(BackendDefaults.none().withTemperature(0.7)));

    assertEquals(5, edited.priority());
    assertEquals(OptionalDouble.of(0.7), edited.defaults().temperature());
    assertEquals(OptionalInt.empty(), edited.defaults().maxTokens());
    assertEquals(edited, registry.model(chat.id()).backend(backend.id()).orElseThrow());
  }

  @Test
  void backendCanBeRemovedFromDraftModel() {
    ProviderModel target = test.providerModel(provider, "gpt-4o", ModelKind.CHAT);
    Backend backend = registry.addBackend(chat.id(), BackendSpec.of(target.id(), 10));

    registry.removeBackend(chat.id(), backend.id());

    assertEquals(List.of(), registry.model(chat.id()).backends());
    assertThrows(
        BackendNotFoundException.class, () -> registry.removeBackend(chat.id(), backend.id()));
  }

  @Test
  void removingLastBackendOfActiveModelIsRefused() {
    ProviderModel target = test.providerModel(provider, "gpt-4o", ModelKind.CHAT);
    Backend backend = registry.addBackend(chat.id(), BackendSpec.of(target.id(), 10));
    registry.changeStatus(chat.id(), ModelStatus.ACTIVE);

    LastBackendException e =
        assertThrows(
            LastBackendException.class, () -> registry.removeBackend(chat.id(), backend.id()));

    assertEquals(backend.id(), e.backendId());
    assertEquals(List.of(backend), registry.model(chat.id()).backends());
    assertEquals(ModelStatus.ACTIVE, registry.model(chat.id()).status());
  }

  @Test
  void removingOneOfTwoBackendsOfActiveModelKeepsItActive() {
    Backend first =
        registry.addBackend(
            chat.id(), BackendSpec.of(test.providerModel(provider, "a", ModelKind.CHAT).id(), 1));
    registry.addBackend(
        chat.id(), BackendSpec.of(test.providerModel(provider, "b", ModelKind.CHAT).id(), 2));
    registry.changeStatus(chat.id(), ModelStatus.ACTIVE);

    registry.removeBackend(chat.id(), first.id());

    Model after = registry.model(chat.id());
    assertEquals(ModelStatus.ACTIVE, after.status());
    assertEquals(1, after.backends().size());
  }

  @Test
  void deletingProviderReturnsActiveModelsLeftWithoutBackendsToDraft() {
    ProviderModel target = test.providerModel(provider, "gpt-4o", ModelKind.CHAT);
    registry.addBackend(chat.id(), BackendSpec.of(target.id(), 10));
    registry.changeStatus(chat.id(), ModelStatus.ACTIVE);

    registry.deleteProvider(provider.id());

    Model after = registry.model(chat.id());
    assertEquals(List.of(), after.backends());
    assertEquals(ModelStatus.DRAFT, after.status());
  }

  @Test
  void deletingProviderModelKeepsActiveModelWithOtherBackendsActive() {
    Provider other = test.openAi("other");
    ProviderModel doomed = test.providerModel(provider, "gpt-4o", ModelKind.CHAT);
    ProviderModel kept = test.providerModel(other, "gpt-4o", ModelKind.CHAT);
    registry.addBackend(chat.id(), BackendSpec.of(doomed.id(), 10));
    registry.addBackend(chat.id(), BackendSpec.of(kept.id(), 20));
    registry.changeStatus(chat.id(), ModelStatus.ACTIVE);

    registry.deleteProviderModel(doomed.id());

    Model after = registry.model(chat.id());
    assertEquals(ModelStatus.ACTIVE, after.status());
    assertEquals(
        List.of(kept.id()), after.backends().stream().map(Backend::providerModelId).toList());
  }

  @Test
  void deletingProviderModelReturnsActiveModelLeftWithoutBackendsToDraft() {
    ProviderModel target = test.providerModel(provider, "gpt-4o", ModelKind.CHAT);
    registry.addBackend(chat.id(), BackendSpec.of(target.id(), 10));
    registry.changeStatus(chat.id(), ModelStatus.ACTIVE);

    registry.deleteProviderModel(target.id());

    assertEquals(ModelStatus.DRAFT, registry.model(chat.id()).status());
  }

  @Test
  void deletingProviderLeavesDisabledModelDisabled() {
    ProviderModel target = test.providerModel(provider, "gpt-4o", ModelKind.CHAT);
    registry.addBackend(chat.id(), BackendSpec.of(target.id(), 10));
    registry.changeStatus(chat.id(), ModelStatus.ACTIVE);
    registry.changeStatus(chat.id(), ModelStatus.DISABLED);

    registry.deleteProvider(provider.id());

    assertEquals(ModelStatus.DISABLED, registry.model(chat.id()).status());
    assertEquals(List.of(), registry.model(chat.id()).backends());
  }
}
