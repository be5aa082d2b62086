package dev.codevector.internal.upstream.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.vault.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import okhttp3.HttpUrl;

/**
 * A Google Cloud service account, read from its JSON key ({@code client_email}, {@code private_key}
 * as a PKCS#8 PEM, {@code private_key_id}, {@code token_uri}), and the RS256-signed assertion it
 * presents to the token endpoint in the JWT-bearer grant (RFC 7523). Signing uses the JDK's {@code
 * SHA256withRSA}.
 *
 * <p>Error messages name the field at fault, never a value of the key. Immutable; thread-safe.
 */
final class GoogleServiceAccount {
  private static final String CLOUD_PLATFORM_SCOPE =
      "https://www.googleapis.com/auth/cloud-platform";
  private static final Duration ASSERTION_LIFETIME = Duration.ofHours(1);
  private static final Base64.Encoder BASE64_URL = Base64.getUrlEncoder().withoutPadding();

  private final String clientEmail;
  private final String privateKeyId;
  private final PrivateKey privateKey;
  private final HttpUrl tokenUri;

  private GoogleServiceAccount(
      String clientEmail, String privateKeyId, PrivateKey privateKey, HttpUrl tokenUri) {
    this.clientEmail = clientEmail;
    this.privateKeyId = privateKeyId;
    this.privateKey = privateKey;
    this.tokenUri = tokenUri;
  }

  /**
   * Reads a service-account JSON key.
   *
   * @throws IOException if the key is not JSON, lacks a field, or its private key is not a PKCS#8
   *     RSA key; the message names the field only
   */
  static GoogleServiceAccount parse(Secret json) throws IOException {
    JsonNode key;
    try {
      key = Json.MAPPER.readTree(json.reveal());
    } catch (IOException e) {
      throw new IOException("the service-account key is not JSON");
    }
    HttpUrl tokenUri = HttpUrl.parse(field(key, "token_uri"));
    if (tokenUri == null) {
      throw new IOException("the service-account key's token_uri is not an http or https URL");
    }
    return new GoogleServiceAccount(
        field(key, "client_email"),
        key.path("private_key_id").asText(""),
        privateKey(field(key, "private_key")),
        tokenUri);
  }

  HttpUrl tokenUri() {
    return tokenUri;
  }

  /**
   * Returns the signed assertion asking for a {@code cloud-platform} token: issued now, valid for
   * one hour, addressed to the token endpoint.
   */
  String assertion(Instant now) throws IOException {
    ObjectNode header = Json.MAPPER.createObjectNode().put("alg", "RS256").put("typ", "JWT");
    if (!privateKeyId.isEmpty()) {
      header.put("kid", privateKeyId);
    }
    ObjectNode claims =
        Json.MAPPER
            .createObjectNode()
            .put("iss", clientEmail)
            .put("scope", CLOUD_PLATFORM_SCOPE)
            .put("aud", tokenUri.toString())
            .put("iat", now.getEpochSecond())
            .put("exp", now.plus(ASSERTION_LIFETIME).getEpochSecond());
    String signingInput = base64Url(header) + "." + base64Url(claims);
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(privateKey);
      rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + BASE64_URL.encodeToString(rs256.sign());
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot sign with the service-account key", e);
    }
  }

  /** Returns the account's e-mail only; the key never prints. */
  @Override
  public String toString() {
    return "GoogleServiceAccount[" + clientEmail + "]";
  }

  private static String field(JsonNode key, String name) throws IOException {
    String value = key.path(name).asText("");
    if (value.isBlank()) {
      throw new IOException("the service-account key has no " + name);
    }
    return value;
  }

  private static PrivateKey privateKey(String pem) throws IOException {
    String base64 =
        pem.replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    try {
      byte[] der = Base64.getDecoder().decode(base64);
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IOException("the service-account key's private_key is not a PKCS#8 RSA key");
    }
  }

  private static String base64Url(ObjectNode json) throws IOException {
    return BASE64_URL.encodeToString(Json.MAPPER.writeValueAsBytes(json));
  }
}
