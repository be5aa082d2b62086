package dev.codevector.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.codevector.testing.TestRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ModelRulesTest {
  private final TestRegistry test = new TestRegistry();
  private final Registry registry = test.registry;

  @Test
  void slugOfLowercaseLettersDigitsAndHyphensIsAccepted() {
    Model model = registry.createModel("claude-haiku-3-5", "Claude Haiku", ModelKind.CHAT);

    assertEquals("claude-haiku-3-5", model.slug());
    assertEquals(model, registry.findModelBySlug("claude-haiku-3-5").orElseThrow());
  }

  @Test
  void slugWithUppercaseLettersIsRefusedNamingFieldAndValue() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> registry.createModel("Claude", "Claude", ModelKind.CHAT));

    assertEquals("slug", e.field());
    assertEquals(
        "slug 'Claude' must contain only lowercase letters, digits and hyphens", e.getMessage());
    assertEquals(List.of(), registry.models());
  }

  @Test
  void slugWithSpacesUnderscoresOrDotsIsRefused() {
    for (String slug : List.of("gpt main", "gpt_main", "gpt.main", "gpt/main", "")) {
      assertThrows(
          ValidationException.class, () -> registry.createModel(slug, "GPT", ModelKind.CHAT), slug);
    }
  }

  @Test
  void duplicateSlugIsRefused() {
    registry.createModel("gpt-main", "GPT main", ModelKind.CHAT);

    AlreadyExistsException e =
        assertThrows(
            AlreadyExistsException.class,
            () -> registry.createModel("gpt-main", "Another", ModelKind.CHAT));

    assertEquals("model slug 'gpt-main' already exists", e.getMessage());
  }

  @Test
  void blankDisplayNameIsRefused() {
    ValidationException e =
        assertThrows(
            ValidationException.class, () -> registry.createModel("gpt", "  ", ModelKind.CHAT));

    assertEquals("displayName", e.field());
  }

  @Test
  void slugAndDisplayNameCanBeEditedAndKindStays() {
    Model model = registry.createModel("old-slug", "Old", ModelKind.EMBEDDING);
    test.clock.advance(Duration.ofSeconds(30));

    Model edited =
        registry.editModel(
            model.id(), ModelEdit.none().withSlug("new-slug").withDisplayName("New name"));

    assertEquals("new-slug", edited.slug());
    assertEquals("New name", edited.displayName());
    assertEquals(ModelKind.EMBEDDING, edited.kind());
    assertEquals(model.id(), registry.findModelBySlug("new-slug").orElseThrow().id());
    assertEquals(model.createdAt(), edited.createdAt());
    assertEquals(model.createdAt().plusSeconds(30), edited.updatedAt());
  }

  @Test
  void editingSlugToTakenSlugIsRefused() {
    registry.createModel("taken", "Taken", ModelKind.CHAT);
    Model other = registry.createModel("other", "Other", ModelKind.CHAT);

    assertThrows(
        AlreadyExistsException.class,
        () -> registry.editModel(other.id(), ModelEdit.none().withSlug("taken")));
    assertEquals("other", registry.model(other.id()).slug());
  }

  @Test
  void editingSlugToInvalidSlugIsRefused() {
    assertThrows(ValidationException.class, () -> ModelEdit.none().withSlug("Not Valid"));
  }

  @Test
  void searchMatchesSlugOrDisplayNameIgnoringCaseSortedBySlug() {
    registry.createModel("gpt-main", "Primary chat", ModelKind.CHAT);
    registry.createModel("claude-sonnet", "Claude Sonnet", ModelKind.CHAT);
    registry.createModel("embed", "Embeddings", ModelKind.EMBEDDING);

    assertEquals(List.of("claude-sonnet", "gpt-main"), slugs(registry.models("a")));
    assertEquals(List.of("gpt-main"), slugs(registry.models("PRIMARY")));
    assertEquals(List.of("claude-sonnet"), slugs(registry.models("sonnet")));
    assertEquals(List.of("claude-sonnet", "embed", "gpt-main"), slugs(registry.models()));
  }

  @Test
  void deletedModelIsGone() {
    Model model = registry.createModel("doomed", "Doomed", ModelKind.CHAT);

    registry.deleteModel(model.id());

    assertEquals(List.of(), registry.models());
    assertThrows(ModelNotFoundException.class, () -> registry.deleteModel(model.id()));
    assertThrows(ModelNotFoundException.class, () -> registry.model(model.id()));
  }

  private static List<String> slugs(List<Model> models) {
    return models.stream().map(Model::slug).toList();
  }
}
