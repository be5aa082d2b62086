package dev.codevector.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.testing.TestRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class ModelLifecycleTest {
  private final TestRegistry test = new TestRegistry();
  private final Registry registry = test.registry;

  private Model modelWithBackend(String slug) {
    Model model = registry.createModel(slug, "Model " + slug, ModelKind.CHAT);
    ProviderModel target =
        test.providerModel(test.openAi("provider-" + slug), "gpt-4o", ModelKind.CHAT);
    registry.addBackend(model.id(), BackendSpec.of(target.id(), 10));
    return registry.model(model.id());
  }

  @Test
  void newModelStartsInDraftWithFailoverRouting() {
    Model model = registry.createModel("claude-sonnet", "Claude Sonnet", ModelKind.CHAT);

    assertEquals(ModelStatus.DRAFT, model.status());
    assertEquals(RoutingStrategy.FAILOVER, model.routing());
    assertFalse(model.isRoutable());
    assertEquals(model.createdAt(), model.updatedAt());
  }

  @Test
  void publishingModelWithoutBackendIsRefused() {
    Model model = registry.createModel("empty", "Empty", ModelKind.CHAT);

    IllegalTransitionException e =
        assertThrows(
            IllegalTransitionException.class,
            () -> registry.changeStatus(model.id(), ModelStatus.ACTIVE));

    assertEquals(ModelStatus.DRAFT, e.from());
    assertEquals(ModelStatus.ACTIVE, e.to());
    assertEquals(
        "model 'empty' cannot move from DRAFT to ACTIVE: it has no backend; add one first",
        e.getMessage());
    assertEquals(ModelStatus.DRAFT, registry.model(model.id()).status());
  }

  @Test
  void publishingModelWithBackendMakesItActiveAndRoutable() {
    Model model = modelWithBackend("gpt-main");

    Model published = registry.changeStatus(model.id(), ModelStatus.ACTIVE);

    assertEquals(ModelStatus.ACTIVE, published.status());
    assertTrue(published.isRoutable());
  }

  @Test
  void activeModelCanBeDisabledAndKeepsItsBackends() {
    Model model = modelWithBackend("gpt-main");
    registry.changeStatus(model.id(), ModelStatus.ACTIVE);

    Model disabled = registry.changeStatus(model.id(), ModelStatus.DISABLED);

    assertEquals(ModelStatus.DISABLED, disabled.status());
    assertFalse(disabled.isRoutable());
    assertEquals(model.backends(), disabled.backends());
  }

  @Test
  void activeModelCanReturnToDraft() {
    Model model = modelWithBackend("gpt-main");
    registry.changeStatus(model.id(), ModelStatus.ACTIVE);

    assertEquals(ModelStatus.DRAFT, registry.changeStatus(model.id(), ModelStatus.DRAFT).status());
  }

  @Test
  void disabledModelCanReturnToDraftAndBePublishedAgain() {
    Model model = modelWithBackend("gpt-main");
    registry.changeStatus(model.id(), ModelStatus.ACTIVE);
    registry.changeStatus(model.id(), ModelStatus.DISABLED);

    registry.changeStatus(model.id(), ModelStatus.DRAFT);
    Model republished = registry.changeStatus(model.id(), ModelStatus.ACTIVE);

    assertEquals(ModelStatus.ACTIVE, republished.status());
  }

  @Test
  void disabledModelCannotBePublishedWithoutReturningToDraft() {
    Model model = modelWithBackend("gpt-main");
    registry.changeStatus(model.id(), ModelStatus.ACTIVE);
    registry.changeStatus(model.id(), ModelStatus.DISABLED);

    IllegalTransitionException e =
        assertThrows(
            IllegalTransitionException.class,
            () -> registry.changeStatus(model.id(), ModelStatus.ACTIVE));

    assertEquals(ModelStatus.DISABLED, e.from());
    assertEquals(ModelStatus.DISABLED, registry.model(model.id()).status());
  }

  @Test
  void draftModelCannotBeDisabled() {
    Model model = modelWithBackend("gpt-main");

    assertThrows(
        IllegalTransitionException.class,
        () -> registry.changeStatus(model.id(), ModelStatus.DISABLED));
  }

  @Test
  void activeModelCannotBePublishedAgain() {
    Model model = modelWithBackend("gpt-main");
    registry.changeStatus(model.id(), ModelStatus.ACTIVE);

    assertThrows(
        IllegalTransitionException.class,
        () -> registry.changeStatus(model.id(), ModelStatus.ACTIVE));
  }

  @Test
  void lifecycleTableAllowsExactlyTheDocumentedMoves() {
    assertTrue(ModelStatus.DRAFT.canMoveTo(ModelStatus.ACTIVE));
    assertTrue(ModelStatus.ACTIVE.canMoveTo(ModelStatus.DISABLED));
    assertTrue(ModelStatus.ACTIVE.canMoveTo(ModelStatus.DRAFT));
    assertTrue(ModelStatus.DISABLED.canMoveTo(ModelStatus.DRAFT));

    assertFalse(ModelStatus.DRAFT.canMoveTo(ModelStatus.DISABLED));
    assertFalse(ModelStatus.DRAFT.canMoveTo(ModelStatus.DRAFT));
    assertFalse(ModelStatus.ACTIVE.canMoveTo(ModelStatus.ACTIVE));
    assertFalse(ModelStatus.DISABLED.canMoveTo(ModelStatus.ACTIVE));
    assertFalse(ModelStatus.DISABLED.canMoveTo(ModelStatus.DISABLED));
  }

  @Test
  void statusChangeUpdatesUpdatedAtAndKeepsCreatedAt() {
    Model model = modelWithBackend("gpt-main");
    test.clock.advance(Duration.ofMinutes(5));

    Model published = registry.changeStatus(model.id(), ModelStatus.ACTIVE);

    assertEquals(model.createdAt(), published.createdAt());
    assertEquals(model.updatedAt().plus(Duration.ofMinutes(5)), published.updatedAt());
  }
}
