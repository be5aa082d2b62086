package dev.codevector.internal.upstream.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.codevector.testing.AwsSigV4;
import dev.codevector.testing.FakeClock;
import dev.codevector.vault.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The signer against AWS's published SigV4 test suite ({@code aws-sig-v4-test-suite}: credentials
 * AKIDEXAMPLE, 2015-08-30T12:36:00Z, us-east-1, service {@code service}). The AWS SDK's signer also
 * signs {@code x-amz-content-sha256}, which the suite's requests lack, so each case checks the
 * suite's canonical request and signature first, then the signer's signature of that canonical
 * request with the body hash header added.
 */
final class BedrockSignerTest {
  private static final String ACCESS_KEY_ID = "AKIDEXAMPLE";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final String AMZ_DATE = "20150830T123600Z";
  private static final String TOKEN =
      "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

  /** The cases used from the suite, with their published canonical request and signature. */
  enum Vector {
    GET_VANILLA(
        "GET",
        "/",
        "",
        Map.of(),
        "",
        "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
            + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
    GET_VANILLA_QUERY_ORDER_KEY_CASE(
        "GET",
        "/?Param2=value2&Param1=value1",
        "Param1=value1&Param2=value2",
        Map.of(),
        "",
        "GET\n/\nParam1=value1&Param2=value2\nhost:example.amazonaws.com\n"
            + "x-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
            + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
    POST_VANILLA(
        "POST",
        "/",
        "",
        Map.of(),
        "",
        "POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
            + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
    POST_X_WWW_FORM_URLENCODED(
        "POST",
        "/",
        "",
        Map.of("content-type", "application/x-www-form-urlencoded"),
        "Param1=value1",
        "POST\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:example.amazonaws.com\n"
            + "x-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\n"
            + "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e",
        "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"),
    POST_STS_HEADER_BEFORE(
        "POST",
        "/",
        "",
        Map.of("x-amz-security-token", TOKEN),
        "",
        "POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n"
            + "x-amz-security-token:"
            + TOKEN
            + "\n\nhost;x-amz-date;x-amz-security-token\n"
            + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead");

    final String method;
    final String pathAndQuery;
    final String canonicalQuery;
    final Map<String, String> headers;
    final String body;
    final String canonicalRequest;
    final String signature;

    Vector(
        String method,
        String pathAndQuery,
        String canonicalQuery,
        Map<String, String> headers,
        String body,
        String canonicalRequest,
        String signature) {
      this.method = method;
      this.pathAndQuery = pathAndQuery;
      this.canonicalQuery = canonicalQuery;
      this.headers = headers;
      this.body = body;
      this.canonicalRequest = canonicalRequest;
      this.signature = signature;
    }

    /** The request's signed headers, lowercase, as the suite lists them. */
    TreeMap<String, String> signedHeaders() {
      TreeMap<String, String> signed = new TreeMap<>(headers);
      signed.put("host", "example.amazonaws.com");
      signed.put("x-amz-date", AMZ_DATE);
      return signed;
    }
  }

  private final BedrockSigner signer =
      new BedrockSigner(
          "service", "us-east-1", new FakeClock(Instant.parse("2015-08-30T12:36:00Z")));

  @ParameterizedTest
  @EnumSource(Vector.class)
  void referenceComputationReproducesThePublishedSignature(Vector vector) {
    String canonical =
        AwsSigV4.canonicalRequest(
            vector.method,
            "/",
            vector.canonicalQuery,
            vector.signedHeaders(),
            AwsSigV4.sha256Hex(vector.body.getBytes(StandardCharsets.UTF_8)));

    assertEquals(vector.canonicalRequest, canonical);
    assertEquals(
        vector.signature, AwsSigV4.signature(SECRET, AMZ_DATE, "us-east-1", "service", canonical));
  }

  @ParameterizedTest
  @EnumSource(Vector.class)
  void signerSignsTheSuiteRequestWithItsBodyHash(Vector vector) {
    byte[] body = vector.body.getBytes(StandardCharsets.UTF_8);
    Headers unsigned =
        vector.headers.containsKey("content-type")
            ? Headers.of("Content-Type", vector.headers.get("content-type"))
            : Headers.of();
    Optional<Secret> token =
        vector.headers.containsKey("x-amz-security-token")
            ? Optional.of(Secret.of(TOKEN))
            : Optional.empty();

    Headers signed =
        signer.sign(
            vector.method,
            HttpUrl.get("https://example.amazonaws.com" + vector.pathAndQuery),
            unsigned,
            body,
            new BedrockSigner.Keys(Secret.of(ACCESS_KEY_ID), Secret.of(SECRET), token));

    TreeMap<String, String> headers = vector.signedHeaders();
    headers.put("x-amz-content-sha256", AwsSigV4.sha256Hex(body));
    String canonical =
        AwsSigV4.canonicalRequest(
            vector.method, "/", vector.canonicalQuery, headers, AwsSigV4.sha256Hex(body));
    assertEquals(AMZ_DATE, signed.get("X-Amz-Date"));
    assertEquals(AwsSigV4.sha256Hex(body), signed.get("x-amz-content-sha256"));
    assertEquals(token.map(Secret::reveal).orElse(null), signed.get("X-Amz-Security-Token"));
    assertEquals(
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            + "SignedHeaders="
            + String.join(";", headers.keySet())
            + ", Signature="
            + AwsSigV4.signature(SECRET, AMZ_DATE, "us-east-1", "service", canonical),
        signed.get("Authorization"));
  }
}
