package dev.codevector.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.RecordedRequest;

/**
 * AWS Signature Version 4 computed step by step as AWS documents it, to check the signatures an
 * adapter sends: the canonical request, the string to sign, and the HMAC chain of the signing key.
 */
public final class AwsSigV4 {
  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "AWS4-HMAC-SHA256 Credential=([A-Z0-9]+)/([0-9]{8})/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request,"
              + " SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");

  private AwsSigV4() {}

  /**
   * Checks that a received request carries a valid signature of the access keys for the service in
   * the region: recomputes it from the request's method, path (encoded once more, as AWS does for
   * every service but S3), signed headers and body.
   */
  public static void assertSigned(
      RecordedRequest received,
      String accessKeyId,
      String secretAccessKey,
      String region,
      String service) {
    String authorization = received.getHeaders().get("Authorization");
    Matcher parts = AUTHORIZATION.matcher(String.valueOf(authorization));
    assertTrue(parts.matches(), authorization);
    assertEquals(accessKeyId, parts.group(1));
    String amzDate = received.getHeaders().get("X-Amz-Date");
    assertEquals(amzDate.substring(0, 8), parts.group(2));
    assertEquals(region, parts.group(3));
    assertEquals(service, parts.group(4));
    TreeMap<String, String> signed = new TreeMap<>();
    for (String name : parts.group(5).split(";")) {
      signed.put(name, received.getHeaders().get(name).strip());
    }
    assertTrue(signed.keySet().containsAll(List.of("host", "x-amz-date", "content-type")));
    byte[] body = received.getBody().toByteArray();
    String canonical =
        canonicalRequest(
            received.getMethod(),
            received.getUrl().encodedPath().replace("%", "%25"),
            "",
            signed,
            sha256Hex(body));
    assertEquals(
        signature(secretAccessKey, amzDate, region, service, canonical),
        parts.group(6),
        "SigV4 signature");
  }

  /** Returns the canonical request; {@code headers} are lowercase names with trimmed values. */
  public static String canonicalRequest(
      String method,
      String canonicalUri,
      String canonicalQuery,
      SortedMap<String, String> headers,
      String payloadHash) {
    StringBuilder canonical = new StringBuilder();
    canonical.append(method).append('\n').append(canonicalUri).append('\n');
    canonical.append(canonicalQuery).append('\n');
    for (Map.Entry<String, String> header : headers.entrySet()) {
      canonical.append(header.getKey()).append(':').append(header.getValue()).append('\n');
    }
    canonical.append('\n').append(String.join(";", headers.keySet())).append('\n');
    return canonical.append(payloadHash).toString();
  }

  /** Returns the hex signature of a canonical request. */
  public static String signature(
      String secretAccessKey,
      String amzDate,
      String region,
      String service,
      String canonicalRequest) {
    String date = amzDate.substring(0, 8);
    String scope = date + "/" + region + "/" + service + "/aws4_request";
    String toSign =
        "AWS4-HMAC-SHA256\n"
            + amzDate
            + "\n"
            + scope
            + "\n"
            + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    return HexFormat.of().formatHex(hmac(key, toSign));
  }

  /** Returns the lowercase hex SHA-256 of the bytes. */
  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
