package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codevector.CodeVector;
import dev.codevector.access.IssuedKey;
import dev.codevector.access.Principal;
import dev.codevector.access.User;
import dev.codevector.limits.Budget;
import dev.codevector.limits.Limit;
import dev.codevector.limits.LimitPolicy;
import dev.codevector.limits.LimitScope;
import dev.codevector.limits.LimitSpec;
import dev.codevector.registry.BackendSpec;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelKind;
import dev.codevector.registry.ModelStatus;
import dev.codevector.registry.Pricing;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderKind;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelSpec;
import dev.codevector.registry.ProviderSpec;
import dev.codevector.routing.UpstreamLimits;
import dev.codevector.usage.UsageRecord;
import dev.codevector.vault.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A running server on a random loopback port with H2 in a temporary directory, plus shortcuts to
 * set up Providers, Models, users and keys through the Java API and to call the server over HTTP.
 */
final class ServerHarness implements AutoCloseable {
  static final String ADMIN_TOKEN = "admin-token-for-tests-0123456789";
  private static final MediaType JSON = MediaType.get("application/json");

  final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  final CodeVectorServer server;
  final CodeVector codeVector;
  final OkHttpClient http = new OkHttpClient();

  ServerHarness(Path dataDir) {
    this(config(dataDir, Optional.of(Secret.of(ADMIN_TOKEN))));
  }

  ServerHarness(ServerConfig config) {
    server = CodeVectorServer.start(config, new PrintStream(printed, true, StandardCharsets.UTF_8));
    codeVector = server.codeVector();
    registerKek(config);
  }

  /** Registers the key material of the server's key-encryption key with {@link TestSecrets}. */
  private static void registerKek(ServerConfig config) {
    try {
      TestSecrets.registerKeyset(
          config.kek().isPresent()
              ? config.kek().get().reveal()
              : Files.readString(config.kekFile(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ServerConfig config(Path dataDir, Optional<Secret> adminToken) {
    return new ServerConfig(
        "127.0.0.1",
        0,
        dataDir,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        dataDir.resolve("kek.json"),
        Optional.empty(),
        adminToken,
        Optional.empty(),
        false,
        Optional.empty(),
        ServerConfig.DEFAULT_STOP_GRACE,
        UpstreamLimits.ofDefaults(),
        LimitPolicy.OPEN,
        ServerConfig.DEFAULT_AUDIT_RETENTION);
  }

  /**
   * Settings as {@link ServerConfig#fromEnvironment} reads them: the harness's loopback address,
   * random port, data directory and admin token, and the given variables.
   */
  static ServerConfig config(Path dataDir, Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put("CODEVECTOR_HOST", "127.0.0.1");
    all.putIfAbsent("CODEVECTOR_PORT", "0");
    all.put("CODEVECTOR_DATA_DIR", dataDir.toString());
    all.putIfAbsent("CODEVECTOR_ADMIN_TOKEN", ADMIN_TOKEN);
    return ServerConfig.fromEnvironment(all);
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  /** An OpenAI-compatible Provider at the mock's /v1 with one chat model, published as a Model. */
  Model chatModel(String slug, MockWebServer upstream) {
    return publish(slug, ProviderKind.OPENAI_COMPATIBLE, upstream, "/v1");
  }

  /** An Anthropic Provider at the mock with one chat model, published as a Model. */
  Model anthropicModel(String slug, MockWebServer upstream) {
    return publish(slug, ProviderKind.ANTHROPIC, upstream, "/");
  }

  private Model publish(String slug, ProviderKind kind, MockWebServer upstream, String path) {
    return publish(
        slug, kind, Map.of("firstByteTimeoutSeconds", "10"), List.of(upstream.url(path)));
  }

  /**
   * A chat Model with one Backend per upstream, tried in the order given, each through a Provider
   * of its own of the given kind and extra config, published.
   */
  Model publish(
      String slug, ProviderKind kind, Map<String, String> config, List<HttpUrl> upstreams) {
    Model model = codeVector.registry().createModel(slug, slug, ModelKind.CHAT);
    for (int i = 0; i < upstreams.size(); i++) {
      String name = i == 0 ? slug : slug + "-" + i;
      Map<String, String> providerConfig = new HashMap<>(config);
      providerConfig.put("baseUrl", upstreams.get(i).toString());
      String credential = TestSecrets.register("sk-upstream-secret-for-" + name + "-0123456789");
      Provider provider =
          codeVector
              .registry()
              .createProvider(
                  new ProviderSpec(
                      "provider-" + name,
                      kind,
                      providerConfig,
                      Map.of("apiKey", Secret.of(credential))));
      ProviderModel target =
          codeVector
              .registry()
              .addProviderModel(
                  provider.id(),
                  new ProviderModelSpec(
                      "upstream-" + name,
                      ModelKind.CHAT,
                      128_000,
                      OptionalInt.of(8192),
                      Pricing.of(new BigDecimal("3"), new BigDecimal("15"))
                          .withCachedInput(new BigDecimal("0.3"))));
      codeVector.registry().addBackend(model.id(), BackendSpec.of(target.id(), 10 * (i + 1)));
    }
    return codeVector.registry().changeStatus(model.id(), ModelStatus.ACTIVE);
  }

  /** A user granted the given Models, and a key of theirs. */
  IssuedKey keyFor(String userName, Model... models) {
    User user = codeVector.access().createUser(userName, Optional.empty());
    for (Model model : models) {
      codeVector.access().grant(model.id(), Principal.ofUser(user.id()));
    }
    IssuedKey key = codeVector.access().issueKey(user.id(), Optional.empty(), Optional.empty());
    TestSecrets.register(key.plaintext().reveal());
    return key;
  }

  /** A limit on requests for every Model, with the caps given. */
  Limit limit(
      LimitScope scope,
      OptionalLong requestsPerMinute,
      OptionalLong tokensPerMinute,
      Optional<Budget> budget) {
    return codeVector
        .limits()
        .create(new LimitSpec(scope, Optional.empty(), requestsPerMinute, tokensPerMinute, budget));
  }

  Response post(String path, String key, String json, Map<String, String> headers)
      throws IOException {
    Request.Builder request =
        new Request.Builder().url(url(path)).post(RequestBody.create(json, JSON));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    // Headers go as given, non-ASCII included, as a hostile client would send them.
    headers.forEach(
        (name, value) ->
            request.headers(
                request.build().headers().newBuilder().addUnsafeNonAscii(name, value).build()));
    return http.newCall(request.build()).execute();
  }

  Response get(String path, Map<String, String> headers) throws IOException {
    Request.Builder request = new Request.Builder().url(url(path));
    // Headers go as given, non-ASCII included, as a hostile client would send them.
    headers.forEach(
        (name, value) ->
            request.headers(
                request.build().headers().newBuilder().addUnsafeNonAscii(name, value).build()));
    return http.newCall(request.build()).execute();
  }

  /**
   * Returns the one usage record of the requests for a Model, once it is written; fails if there is
   * none within ten seconds, or more than one.
   */
  UsageRecord usageOf(String model) throws InterruptedException {
    return usageOf(model, 1).get(0);
  }

  /**
   * Returns the usage records of the requests for a Model, by time, once {@code count} are written
   * (a stream's is recorded after its last byte); fails if fewer are within ten seconds, or more.
   */
  List<UsageRecord> usageOf(String model, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      codeVector.usage().flush();
      List<UsageRecord> records =
          codeVector
              .usageRecords(Instant.now().minusSeconds(600), Instant.now().plusSeconds(60), 10_000)
              .stream()
              .filter(r -> r.model().equals(model))
              .toList();
      if (records.size() >= count || System.nanoTime() > deadline) {
        assertEquals(count, records.size(), "usage records of " + model + ": " + records);
        return records;
      }
      Thread.sleep(20);
    }
  }

  /**
   * Asserts that the one request for a Model was recorded with the error status its client got, and
   * billed nothing: no output tokens, no cost.
   */
  UsageRecord assertRefused(String model, int status) throws InterruptedException {
    UsageRecord record = usageOf(model);
    assertEquals(status, record.status(), record.toString());
    assertEquals(0, record.outputTokens(), record.toString());
    assertEquals(BigDecimal.ZERO, record.cost(), record.toString());
    return record;
  }

  /**
   * Asserts that the one request for a {@linkplain #publish published} Model was recorded as served
   * by its second Backend, after its first failed.
   */
  UsageRecord assertServedBySecond(String model) throws InterruptedException {
    UsageRecord record = usageOf(model);
    assertEquals(200, record.status(), record.toString());
    assertEquals(2, record.attempts().size(), record.toString());
    assertEquals(Optional.of("upstream-" + model + "-1"), record.providerModel());
    return record;
  }

  String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  /** Every admin API answer this harness received, status line, headers and body, for scans. */
  final StringBuilder adminTranscript = new StringBuilder();

  /** Registers the key an answer shows once, if it shows one, with {@link TestSecrets}. */
  private static void registerIssuedKey(Reply reply) {
    if (reply.body().contains("\"key\":\"cv-")) {
      try {
        TestSecrets.register(reply.json().get("key").asText());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** One admin API answer. */
  record Reply(int code, Headers headers, String body) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    JsonNode json() throws IOException {
      return MAPPER.readTree(body);
    }

    /** Checks the status, showing the body if it differs, and returns the body as JSON. */
    JsonNode expect(int expected) throws IOException {
      assertEquals(expected, code, body);
      return json();
    }
  }

  /** Calls the admin API with the admin token; {@code json} may be null for no body. */
  Reply admin(String method, String path, String json) throws IOException {
    return adminWith(ADMIN_TOKEN, method, path, json);
  }

  /** Calls the admin API presenting a token, or none if it is null. */
  Reply adminWith(String token, String method, String path, String json) throws IOException {
    Request.Builder request = new Request.Builder().url(url("/admin/api" + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    boolean needsBody = method.equals("POST") || method.equals("PATCH") || method.equals("PUT");
    RequestBody body =
        json != null
            ? RequestBody.create(json, JSON)
            : needsBody ? RequestBody.create(new byte[0], null) : null;
    try (Response response = http.newCall(request.method(method, body).build()).execute()) {
      Reply reply = new Reply(response.code(), response.headers(), response.body().string());
      registerIssuedKey(reply);
      adminTranscript
          .append(response.code())
          .append('\n')
          .append(reply.headers())
          .append(reply.body())
          .append('\n');
      return reply;
    }
  }
}
