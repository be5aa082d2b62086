package dev.codevector.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.testing.TestRegistry;
import dev.codevector.vault.SealedCredential;
import dev.codevector.vault.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class ProviderRulesTest {
  private static final String API_KEY = "sk-proj-Zx81hQ0aa7TTt9wq3LmNc2Yb5Ke4Rr6Pq0Ws8Ut3Vx";

  private final TestRegistry test = new TestRegistry();
  private final Registry registry = test.registry;

  @Test
  void newProviderIsActiveWithItsConfiguration() {
    Provider provider =
        registry.createProvider(
            ProviderSpec.withApiKey(
                "local",
                ProviderKind.OPENAI_COMPATIBLE,
                API_KEY,
                Map.of("baseUrl", "http://127.0.0.1:9000/v1/")));

    assertEquals(Status.ACTIVE, provider.status());
    assertTrue(provider.isRoutable());
    assertEquals(Optional.of("http://127.0.0.1:9000/v1"), provider.configValue("baseUrl"));
    assertEquals(provider, registry.provider(provider.id()));
  }

  @Test
  void credentialIsWriteOnlyShowingOnlyPrefixAndUpdateTime() {
    Provider provider =
        registry.createProvider(
            ProviderSpec.withApiKey("openai", ProviderKind.OPENAI, API_KEY, Map.of()));

    SealedCredential credential = provider.credentials().get("apiKey");
    assertEquals("sk-proj-", credential.prefix());
    assertEquals(provider.createdAt(), credential.updatedAt());
    assertFalse(provider.toString().contains(API_KEY));
    assertFalse(provider.toString().contains("Zx81"));
    assertFalse(contains(credential.ciphertext(), API_KEY));
    assertFalse(contains(credential.wrappedKey(), API_KEY));
  }

  @Test
  void credentialUpdateReSealsOnlyTheNamedCredential() {
    Provider provider =
        registry.createProvider(
            new ProviderSpec(
                "aws",
                ProviderKind.BEDROCK,
                Map.of("region", "us-east-1"),
                Map.of(
                    "accessKeyId", Secret.of("AKIAIOSFODNN7EXAMPLE"),
                    "secretAccessKey", Secret.of("wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY"))));
    test.clock.advance(Duration.ofHours(1));

    Provider updated =
        registry.editProvider(
            provider.id(),
            ProviderEdit.none()
                .withCredentials(Map.of("secretAccessKey", Secret.of("newSecretValue0123456789"))));

    assertEquals(
        provider.credentials().get("accessKeyId"), updated.credentials().get("accessKeyId"));
    SealedCredential secret = updated.credentials().get("secretAccessKey");
    assertNotEquals(provider.credentials().get("secretAccessKey"), secret);
    assertEquals("newSec", secret.prefix());
    assertEquals(provider.createdAt().plus(Duration.ofHours(1)), secret.updatedAt());
  }

  @Test
  void invalidCredentialIsRefusedWithoutShowingIt() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                registry.createProvider(
                    ProviderSpec.withApiKey(
                        "openai", ProviderKind.OPENAI, "sk-live secret-part", Map.of())));

    assertEquals("credentials.apiKey", e.field());
    assertEquals(Optional.empty(), e.value());
    assertFalse(e.getMessage().contains("secret-part"));
    assertEquals(
        "credentials.apiKey must contain only visible ASCII characters, without white space",
        e.getMessage());
  }

  @Test
  void requiredCredentialIsRefusedWhenMissing() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> new ProviderSpec("openai", ProviderKind.OPENAI, Map.of(), Map.of()));

    assertEquals("credentials.apiKey is required", e.getMessage());
  }

  @Test
  void fieldsFollowTheKindRequiredConfigurationIncluded() {
    ValidationException azure =
        assertThrows(
            ValidationException.class,
            () -> ProviderSpec.withApiKey("azure", ProviderKind.AZURE, API_KEY, Map.of()));
    ValidationException bedrock =
        assertThrows(
            ValidationException.class,
            () ->
                new ProviderSpec(
                    "aws",
                    ProviderKind.BEDROCK,
                    Map.of(),
                    Map.of(
                        "accessKeyId", Secret.of("AKIAIOSFODNN7EXAMPLE"),
                        "secretAccessKey", Secret.of("wJalrXUtnFEMIK7MDENG"))));

    assertEquals("config.baseUrl is required", azure.getMessage());
    assertEquals("config.region is required", bedrock.getMessage());
  }

  @Test
  void configurationFieldOfAnotherKindIsRefused() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                ProviderSpec.withApiKey(
                    "anthropic", ProviderKind.ANTHROPIC, API_KEY, Map.of("region", "us-east-1")));

    assertEquals("config 'region' is not a config field of kind anthropic", e.getMessage());
  }

  @Test
  void baseUrlMustBeAnHttpUrl() {
    for (String url :
        List.of("ftp://example.com", "not a url", "http://user:pw@host/v1", "https://h/v1?x=1")) {
      ValidationException e =
          assertThrows(
              ValidationException.class,
              () ->
                  ProviderSpec.withApiKey(
                      "local", ProviderKind.OPENAI_COMPATIBLE, API_KEY, Map.of("baseUrl", url)),
              url);
      assertEquals("config.baseUrl", e.field());
      assertEquals(Optional.of(url), e.value());
    }
  }

  @Test
  void optionalConfigurationFallsBackToTheKindDefault() {
    Provider provider =
        registry.createProvider(
            ProviderSpec.withApiKey(
                "azure",
                ProviderKind.AZURE,
                API_KEY,
                Map.of("baseUrl", "https://my-resource.openai.azure.com")));

    assertEquals(Optional.of("2024-10-21"), provider.configValue("apiVersion"));
    assertEquals(Map.of("baseUrl", "https://my-resource.openai.azure.com"), provider.config());
  }

  @Test
  void duplicateProviderNameIsRefused() {
    test.openAi("openai");

    AlreadyExistsException e =
        assertThrows(AlreadyExistsException.class, () -> test.openAi("openai"));

    assertEquals("provider name 'openai' already exists", e.getMessage());
  }

  @Test
  void providerCanBeRenamedAndReconfigured() {
    Provider provider = test.openAi("openai");

    Provider edited =
        registry.editProvider(
            provider.id(),
            ProviderEdit.none()
                .withName("openai-prod")
                .withConfig(Map.of("organization", "org-123")));

    assertEquals("openai-prod", edited.name());
    assertEquals(Optional.of("org-123"), edited.configValue("organization"));
    assertEquals(provider.credentials(), edited.credentials());
  }

  @Test
  void disabledProviderIsExcludedFromRoutingAndCanBeEnabled() {
    Provider provider = test.openAi("openai");

    Provider disabled = registry.changeProviderStatus(provider.id(), Status.DISABLED);
    assertFalse(disabled.isRoutable());

    Provider enabled = registry.changeProviderStatus(provider.id(), Status.ACTIVE);
    assertTrue(enabled.isRoutable());
  }

  @Test
  void searchFiltersProvidersByNameIgnoringCaseSortedByName() {
    test.openAi("OpenAI prod");
    test.openAi("anthropic-main");
    test.openAi("openai-qa");

    assertEquals(
        List.of("OpenAI prod", "openai-qa"),
        registry.providers("openai").stream().map(Provider::name).toList());
    assertEquals(3, registry.providers(" ").size());
  }

  @Test
  void deletingProviderRemovesItsProviderModels() {
    Provider provider = test.openAi("openai");
    ProviderModel model = test.providerModel(provider, "gpt-4o", ModelKind.CHAT);

    registry.deleteProvider(provider.id());

    assertEquals(Optional.empty(), registry.findProvider(provider.id()));
    assertEquals(Optional.empty(), registry.findProviderModel(model.id()));
    assertThrows(ProviderNotFoundException.class, () -> registry.deleteProvider(provider.id()));
  }

  private static boolean contains(byte[] haystack, String needle) {
    byte[] bytes = needle.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + bytes.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + bytes.length, bytes, 0, bytes.length)) {
        return true;
      }
    }
    return false;
  }
}
