package dev.codevector.internal.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderKind;
import dev.codevector.registry.ProviderSpec;
import dev.codevector.testing.RouterHarness;
import dev.codevector.vault.Secret;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "AWS4-HMAC-SHA256 Credential=([A-Z0-9]+)/([0-9]{8})/([a-z0-9-]+)/bedrock/aws4_request,"
              + " SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");

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

  /** An answer whose body is an AWS event stream. */
  static MockResponse eventStream(BedrockFrames frames) {
    return new MockResponse.Builder()
        .addHeader("content-type", "application/vnd.amazon.eventstream")
        .body(frames.body())
        .build();
  }

  /**
   * Checks that a received request carries a valid SigV4 signature of the test keys: recomputes it
   * from the request's method, path (encoded once more, as AWS does), signed headers and body.
   */
  static void assertSigned(RecordedRequest received) {
    String authorization = received.getHeaders().get("Authorization");
    Matcher parts = AUTHORIZATION.matcher(authorization);
    assertTrue(parts.matches(), authorization);
    assertEquals(ACCESS_KEY_ID, parts.group(1));
    String amzDate = received.getHeaders().get("X-Amz-Date");
    assertEquals(amzDate.substring(0, 8), parts.group(2));
    assertEquals(REGION, parts.group(3));
    TreeMap<String, String> signed = new TreeMap<>();
    for (String name : parts.group(4).split(";")) {
      signed.put(name, received.getHeaders().get(name).strip());
    }
    assertTrue(
        signed.keySet().containsAll(java.util.List.of("host", "x-amz-date", "content-type")));
    byte[] body = received.getBody().toByteArray();
    String canonical =
        BedrockSigV4.canonicalRequest(
            received.getMethod(),
            received.getUrl().encodedPath().replace("%", "%25"),
            "",
            signed,
            BedrockSigV4.sha256Hex(body));
    assertEquals(
        BedrockSigV4.signature(SECRET_ACCESS_KEY, amzDate, REGION, "bedrock", canonical),
        parts.group(5));
  }
}
