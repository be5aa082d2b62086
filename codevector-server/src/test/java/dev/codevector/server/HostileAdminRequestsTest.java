package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codevector.server.HostileGateway.Call;
import dev.codevector.server.HostileGateway.Expect;
import dev.codevector.server.HostileGateway.Shape;
import dev.codevector.server.RawHttp.Answer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile requests to the admin API: credentials with invisible or non-ASCII characters, oversized
 * and deeply nested bodies, path tricks, odd slugs and tokens in the wrong places. Each gets the
 * admin error shape {@code {"error":{"type","message"}}} with its status, names the field at fault
 * without echoing the value, changes nothing and leaves the server serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class HostileAdminRequestsTest {
  private static final String ADMIN = "Authorization: Bearer {admin}";
  private static final String JSON_TYPE = Call.JSON_TYPE;
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final HostileGateway GATEWAY = new HostileGateway();

  private static final AtomicInteger NAMES = new AtomicInteger();

  private String providerId;

  /** One hostile admin request, what it must get, and the field a 400 must name (or null). */
  record Case(String name, Call call, Expect expect, String field) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A Provider of its own for the PATCH cases, so that no case can break the healthy Models. */
  @BeforeAll
  void addAProviderToChange() throws IOException {
    providerId =
        GATEWAY
            .harness
            .admin(
                "POST",
                "/providers",
                "{\"kind\":\"openai-compatible\",\"name\":\"to-change\",\"config\":"
                    + "{\"baseUrl\":\"http://127.0.0.1:9/v1\"}}")
            .expect(201)
            .get("id")
            .asText();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void hostileAdminRequestGetsAnAdminErrorAndChangesNothing(Case each) throws IOException {
    String before = registrySnapshot();

    Answer answer = GATEWAY.expect(each.call().withProvider(providerId), each.expect(), 0);

    if (each.field() != null) {
      JsonNode error = JSON.readTree(answer.text()).get("error");
      assertEquals(each.field(), error.path("field").asText(), answer.text());
      assertFalse(answer.text().contains("hostile-credential"), answer.text());
    }
    assertEquals(before, registrySnapshot());
  }

  /** The Providers and Models as the admin API lists them. */
  private String registrySnapshot() throws IOException {
    return GATEWAY.harness.admin("GET", "/providers", null).expect(200).toString()
        + GATEWAY.harness.admin("GET", "/models", null).expect(200);
  }

  private static Case refused(String name, Call call, int status) {
    return new Case(name, call, Expect.error(status, Shape.ADMIN), null);
  }

  private static Case badField(String name, Call call, String field) {
    return new Case(name, call, Expect.error(400, Shape.ADMIN), field);
  }

  private static Call post(String path, Supplier<byte[]> body, String... headers) {
    return Call.post("/admin/api" + path, body, headers);
  }

  private static Call post(String path, String json) {
    return post(path, () -> json.getBytes(StandardCharsets.UTF_8), ADMIN, JSON_TYPE);
  }

  /**
   * Creates a Provider (POST) or changes the credential of one made for this (PATCH) with an API
   * key that is a registered secret with {@code odd} in it.
   */
  private static Call providerWithKey(String method, String odd) {
    String credential = TestSecrets.register("sk-hostile-credential-0123456789") + odd + "-tail";
    String credentials = "\"credentials\":{\"apiKey\":" + quoted(credential) + "}";
    if (method.equals("PATCH")) {
      return new Call(
          List.of("PATCH /admin/api/providers/{provider} HTTP/1.1", ADMIN, JSON_TYPE),
          () -> ("{" + credentials + "}").getBytes(StandardCharsets.UTF_8),
          false);
    }
    String json =
        "{\"kind\":\"openai-compatible\",\"name\":\"odd-key-"
            + NAMES.incrementAndGet()
            + "\","
            + credentials
            + ",\"config\":{\"baseUrl\":\"http://127.0.0.1:9/v1\"}}";
    return post("/providers", json);
  }

  private static String quoted(String text) {
    return JSON.getNodeFactory().textNode(text).toString();
  }

  Stream<Case> cases() {
    return Stream.of(
        badField(
            "a credential with a no-break space",
            providerWithKey("POST", "\u00a0"),
            "credentials.apiKey"),
        badField(
            "a credential with a zero-width space",
            providerWithKey("POST", "\u200b"),
            "credentials.apiKey"),
        badField(
            "a credential with a newline", providerWithKey("POST", "\n"), "credentials.apiKey"),
        badField(
            "a credential with a non-ASCII letter",
            providerWithKey("POST", "é"),
            "credentials.apiKey"),
        badField(
            "a credential with a control character",
            providerWithKey("POST", "\u0007"),
            "credentials.apiKey"),
        badField(
            "a credential with a byte-order mark",
            providerWithKey("POST", "\ufeff"),
            "credentials.apiKey"),
        badField(
            "a changed credential with a no-break space",
            providerWithKey("PATCH", "\u00a0"),
            "credentials.apiKey"),
        badField(
            "a credential of one megabyte",
            providerWithKey("POST", "k".repeat(1 << 20)),
            "credentials.apiKey"),
        badField(
            "a Provider name of 20 million characters",
            post(
                "/providers",
                () ->
                    ("{\"kind\":\"openai-compatible\",\"name\":\""
                            + "n".repeat(20_000_000)
                            + "\",\"config\":{\"baseUrl\":\"http://127.0.0.1:9/v1\"}}")
                        .getBytes(StandardCharsets.UTF_8),
                ADMIN,
                JSON_TYPE),
            "name"),
        refused(
            "a duplicate slug in one Model",
            post(
                "/models",
                "{\"slug\":\"dup-one\",\"slug\":\"dup-two\",\"displayName\":\"x\",\"kind\":\"chat\"}"),
            400),
        badField(
            "a slug of 65 characters",
            post(
                "/models",
                "{\"slug\":\"" + "a".repeat(65) + "\",\"displayName\":\"x\",\"kind\":\"chat\"}"),
            "slug"),
        badField(
            "a slug with unicode letters",
            post("/models", "{\"slug\":\"modèle\",\"displayName\":\"x\",\"kind\":\"chat\"}"),
            "slug"),
        badField(
            "a slug with a zero-width space",
            post("/models", "{\"slug\":\"model\u200b\",\"displayName\":\"x\",\"kind\":\"chat\"}"),
            "slug"),
        badField(
            "100k nested arrays",
            post(
                "/models",
                () -> "[".repeat(100_000).getBytes(StandardCharsets.UTF_8),
                ADMIN,
                JSON_TYPE),
            "body"),
        refused(
            "a 33 MB body",
            post(
                "/models",
                () ->
                    ("{\"slug\":\"big\",\"x\":\"" + "a".repeat(33 * 1024 * 1024) + "\"}")
                        .getBytes(StandardCharsets.UTF_8),
                ADMIN,
                JSON_TYPE),
            413),
        new Case(
            "encoded dot segments as a slug",
            Call.get("/admin/api/models/%2e%2e", ADMIN),
            Expect.among(Shape.ADMIN, 400, 404),
            null),
        new Case(
            "encoded dot segments and slash as a slug",
            Call.get("/admin/api/models/%2e%2e%2fproviders", ADMIN),
            Expect.among(Shape.ADMIN, 400, 404),
            null),
        refused(
            "a slug of 65 characters in the path",
            Call.get("/admin/api/models/" + "a".repeat(65), ADMIN),
            404),
        new Case(
            "a slug of 100k characters in the path",
            Call.get("/admin/api/models/" + "a".repeat(100_000), ADMIN),
            Expect.among(Shape.ADMIN, 414, 431),
            null),
        refused(
            "an API key as admin token",
            Call.get("/admin/api/providers", "Authorization: Bearer {key}"),
            401),
        refused(
            "the admin token with a trailing no-break space",
            Call.get("/admin/api/providers", "Authorization: Bearer {admin}\u00a0"),
            401),
        refused(
            "the admin token in the query string",
            Call.get("/admin/api/providers?token={admin}&access_token={admin}"),
            401),
        refused(
            "the admin token as x-api-key",
            Call.get("/admin/api/providers", "x-api-key: {admin}"),
            401),
        refused(
            "a non-ASCII Authorization header",
            Call.get("/admin/api/providers", "Authorization: Bearer tökén-0123456789"),
            401));
  }
}
