package dev.codevector.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.codevector.testing.TestRegistry;
import dev.codevector.vault.Secret;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

final class BedrockCredentialsTest {
  private static final Map<String, String> REGION = Map.of("region", "us-east-1");
  private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
  private static final String SECRET = "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY";
  private static final String API_KEY = "ABSKQmVkcm9ja0FQSUtleS1leGFtcGxl";

  @Test
  void accessKeysAloneAreEnough() {
    ProviderSpec spec = bedrock(Map.of("accessKeyId", KEY_ID, "secretAccessKey", SECRET));

    assertEquals(
        List.of("accessKeyId", "secretAccessKey"), List.copyOf(spec.credentials().keySet()));
  }

  @Test
  void apiKeyAloneIsEnough() {
    ProviderSpec spec = bedrock(Map.of("apiKey", API_KEY));

    assertEquals(List.of("apiKey"), List.copyOf(spec.credentials().keySet()));
  }

  @Test
  void temporaryKeysComeWithASessionToken() {
    ProviderSpec spec =
        bedrock(
            Map.of(
                "accessKeyId", KEY_ID, "secretAccessKey", SECRET, "sessionToken", "FwoGZXIvYXdz"));

    assertEquals(3, spec.credentials().size());
  }

  @Test
  void providerWithoutCredentialsIsRefusedNamingBothWays() {
    ValidationException e = assertThrows(ValidationException.class, () -> bedrock(Map.of()));

    assertEquals("credentials", e.field());
    assertEquals(
        "credentials must hold accessKeyId and secretAccessKey, or apiKey", e.getMessage());
  }

  @Test
  void halfAKeyPairIsRefusedNamingTheMissingKeyWithoutShowingTheOther() {
    ValidationException e =
        assertThrows(ValidationException.class, () -> bedrock(Map.of("accessKeyId", KEY_ID)));

    assertEquals("credentials.secretAccessKey", e.field());
    assertEquals("credentials.secretAccessKey is required with accessKeyId", e.getMessage());
    assertEquals(Optional.empty(), e.value());
    assertFalse(e.getMessage().contains(KEY_ID));
  }

  @Test
  void halfAKeyPairIsRefusedEvenBesideAnApiKey() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> bedrock(Map.of("apiKey", API_KEY, "secretAccessKey", SECRET)));

    assertEquals("credentials.accessKeyId is required with secretAccessKey", e.getMessage());
    assertFalse(e.getMessage().contains(SECRET));
  }

  @Test
  void sessionTokenWithoutKeysIsRefused() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> bedrock(Map.of("apiKey", API_KEY, "sessionToken", "FwoGZXIvYXdz")));

    assertEquals("credentials.accessKeyId is required with sessionToken", e.getMessage());
  }

  @Test
  void storedProviderIsCheckedToo() {
    Provider provider =
        new TestRegistry().registry.createProvider(bedrock(Map.of("apiKey", API_KEY)));

    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> provider.withCredentials(Map.of(), provider.updatedAt()));

    assertEquals("credentials", e.field());
  }

  @Test
  void formLabelsNameEachCredential() {
    assertEquals(
        List.of(
            "AWS access key ID", "AWS secret access key", "AWS session token", "Bedrock API key"),
        ProviderKind.BEDROCK.credentialFields().stream().map(ProviderField::label).toList());
    assertEquals(
        List.of("region", "endpoint"),
        ProviderKind.BEDROCK.configFields().stream().map(ProviderField::name).limit(2).toList());
  }

  private static ProviderSpec bedrock(Map<String, String> credentials) {
    Map<String, Secret> secrets = new TreeMap<>();
    credentials.forEach((name, value) -> secrets.put(name, Secret.of(value)));
    return new ProviderSpec("aws", ProviderKind.BEDROCK, REGION, secrets);
  }
}
