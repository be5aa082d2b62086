package dev.codevector.internal.upstream.bedrock;

import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderKind;
import dev.codevector.registry.ProviderSpec;
import dev.codevector.testing.AwsSigV4;
import dev.codevector.testing.RouterHarness;
import dev.codevector.vault.Secret;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Bedrock Providers whose endpoint is a mock server, the answers it gives, and checks of the
 * signatures it receives.
 */
final class BedrockProviders {
  static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
  static final String SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  static final String REGION = "eu-west-3";

  private BedrockProviders() {}

  /** A Provider with AWS access keys. */
  static Provider withKeys(RouterHarness harness, String name, MockWebServer server) {
    return create(
        harness,
        name,
        server,
        Map.of(
            "accessKeyId", Secret.of(ACCESS_KEY_ID),
            "secretAccessKey", Secret.of(SECRET_ACCESS_KEY)));
  }

  /** A Provider with any credentials. */
  static Provider create(
      RouterHarness harness, String name, MockWebServer server, Map<String, Secret> credentials) {
    return harness.registry.createProvider(
        new ProviderSpec(
            name,
            ProviderKind.BEDROCK,
            Map.of(
                "region",
                REGION,
                "endpoint",
                server.url("/").toString(),
                "firstByteTimeoutSeconds",
                "10"),
            credentials));
  }

  /** An answer with a JSON body. */
  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("content-type", "application/json")
        .body(body)
        .build();
  }

  /** An error answer as Bedrock gives it: its type in {@code x-amzn-ErrorType}. */
  static MockResponse error(int code, String errorType, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("x-amzn-ErrorType", errorType)
        .body(body)
        .build();
  }

  /** Checks that a received request carries a valid SigV4 signature of the test keys. */
  static void assertSigned(RecordedRequest received) {
    AwsSigV4.assertSigned(received, ACCESS_KEY_ID, SECRET_ACCESS_KEY, REGION, "bedrock");
  }
}
