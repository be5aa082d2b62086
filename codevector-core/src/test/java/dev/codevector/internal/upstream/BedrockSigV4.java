package dev.codevector.internal.upstream;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 computed step by step as AWS documents it, to check the signatures the
 * adapter sends: the canonical request, the string to sign, and the HMAC chain of the signing key.
 */
final class BedrockSigV4 {
  private BedrockSigV4() {}

  /** Returns the canonical request; {@code headers} are lowercase names with trimmed values. */
  static String canonicalRequest(
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
  static String signature(
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

  static String sha256Hex(byte[] bytes) {
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
