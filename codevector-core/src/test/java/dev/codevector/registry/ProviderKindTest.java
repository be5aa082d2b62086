package dev.codevector.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ProviderKindTest {

  @Test
  void theTwelveDocumentedKindsExistWithTheirWireNames() {
    assertEquals(
        List.of(
            "openai",
            "anthropic",
            "azure",
            "bedrock",
            "google",
            "vertex",
            "vertex-anthropic",
            "groq",
            "cohere",
            "deepseek",
            "moonshot",
            "openai-compatible"),
        Arrays.stream(ProviderKind.values()).map(ProviderKind::id).toList());
  }

  @Test
  void wireNameParsesBackToTheKind() {
    for (ProviderKind kind : ProviderKind.values()) {
      assertEquals(kind, ProviderKind.of(kind.id()));
    }
  }

  @Test
  void unknownKindIsRefusedListingTheKnownOnes() {
    ValidationException e = assertThrows(ValidationException.class, () -> ProviderKind.of("xai"));

    assertEquals("kind", e.field());
    assertTrue(e.getMessage().startsWith("kind 'xai' must be one of openai, anthropic,"));
  }

  @Test
  void everyKindTakesCredentialsAndEveryCredentialIsSecret() {
    for (ProviderKind kind : ProviderKind.values()) {
      assertTrue(!kind.credentialFields().isEmpty(), kind.id());
      assertTrue(kind.credentialFields().stream().allMatch(ProviderField::secret), kind.id());
      assertTrue(kind.configFields().stream().noneMatch(ProviderField::secret), kind.id());
    }
  }

  @Test
  void eachKindDeclaresWhichConfigurationItTakesAndRequires() {
    assertEquals(List.of("baseUrl"), required(ProviderKind.OPENAI_COMPATIBLE));
    assertEquals(List.of("baseUrl"), required(ProviderKind.AZURE));
    assertEquals(List.of("region"), required(ProviderKind.BEDROCK));
    assertEquals(List.of("project", "region"), required(ProviderKind.VERTEX));
    assertEquals(List.of("project", "region"), required(ProviderKind.VERTEX_ANTHROPIC));
    assertEquals(List.of(), required(ProviderKind.OPENAI));
    assertEquals(
        List.of(
            "baseUrl",
            "organization",
            "project",
            "connectTimeoutSeconds",
            "firstByteTimeoutSeconds",
            "idleTimeoutSeconds",
            "totalTimeoutSeconds"),
        ProviderKind.OPENAI.configFields().stream().map(ProviderField::name).toList());
  }

  private static List<String> required(ProviderKind kind) {
    return kind.configFields().stream()
        .filter(ProviderField::required)
        .map(ProviderField::name)
        .toList();
  }

  @Test
  void everyKindTakesTimeoutsWithDefaults() {
    for (ProviderKind kind : ProviderKind.values()) {
      ProviderField idle =
          kind.configFields().stream()
              .filter(f -> f.name().equals("idleTimeoutSeconds"))
              .findFirst()
              .orElseThrow();
      assertEquals(java.util.Optional.of("300"), idle.defaultValue(), kind.id());
    }
  }

  @Test
  void timeoutMustBeAWholeNumberOfSecondsInRange() {
    ProviderField connect =
        ProviderKind.ANTHROPIC.configFields().stream()
            .filter(f -> f.name().equals("connectTimeoutSeconds"))
            .findFirst()
            .orElseThrow();

    assertEquals("30", connect.check("config.connectTimeoutSeconds", " 030 "));
    for (String bad : List.of("0", "-5", "1.5", "ten", "86401")) {
      ValidationException e =
          assertThrows(
              ValidationException.class, () -> connect.check("config.connectTimeoutSeconds", bad));
      assertEquals("config.connectTimeoutSeconds", e.field());
    }
  }
}
