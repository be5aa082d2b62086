package dev.codevector.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A Google Cloud service account made for a test: a fresh RSA key, its JSON key file pointing at a
 * token endpoint of the test's choosing, the token endpoint's answer, and the check of the signed
 * assertion the token endpoint receives. Immutable; thread-safe.
 */
public final class ServiceAccountKey {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KeyPair keyPair = rsaKeyPair();

  /** Returns the JSON key file, with this account's private key and the given token endpoint. */
  public String json(HttpUrl tokenUri) {
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keyPair.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    ObjectNode key = JSON.createObjectNode();
    key.put("type", "service_account")
        .put("project_id", "acme-prod-1")
        .put("private_key_id", "key-id-42")
        .put("private_key", pem)
        .put("client_email", "gateway@acme-prod-1.iam.gserviceaccount.com")
        .put("token_uri", tokenUri.toString());
    return key.toString();
  }

  /** Returns the token endpoint's answer granting an access token. */
  public static MockResponse token(String accessToken, long expiresInSeconds) {
    return new MockResponse.Builder()
        .addHeader("content-type", "application/json")
        .body(
            "{\"access_token\":\""
                + accessToken
                + "\",\"expires_in\":"
                + expiresInSeconds
                + ",\"token_type\":\"Bearer\"}")
        .build();
  }

  /**
   * Checks that a token request is a JWT-bearer grant whose assertion this account's key signed
   * with RS256, and returns the assertion's header and claims.
   */
  public JsonNode[] verifiedAssertion(RecordedRequest tokenRequest)
      throws GeneralSecurityException {
    assertEquals("POST", tokenRequest.getMethod());
    assertTrue(
        tokenRequest
            .getHeaders()
            .get("content-type")
            .startsWith("application/x-www-form-urlencoded"));
    HttpUrl form = HttpUrl.get("http://form/?" + tokenRequest.getBody().utf8());
    assertEquals("urn:ietf:params:oauth:grant-type:jwt-bearer", form.queryParameter("grant_type"));
    String[] jwt = form.queryParameter("assertion").split("\\.");
    assertEquals(3, jwt.length);
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initVerify(keyPair.getPublic());
    rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
    assertTrue(rs256.verify(Base64.getUrlDecoder().decode(jwt[2])), "RS256 signature");
    return new JsonNode[] {base64UrlJson(jwt[0]), base64UrlJson(jwt[1])};
  }

  private static JsonNode base64UrlJson(String part) {
    try {
      return JSON.readTree(Base64.getUrlDecoder().decode(part));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
