package dev.codevector.internal.upstream.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.codevector.Clock;
import dev.codevector.internal.Json;
import dev.codevector.vault.Secret;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * OAuth2 access tokens for Google Cloud service accounts, obtained with the JWT-bearer grant (RFC
 * 7523) and kept in memory per service-account key until a few minutes before they expire.
 *
 * <p>Tokens are cached under the SHA-256 digest of the key's JSON, so neither the key nor the token
 * ever appears in a map key. Callers that need a fresh token for the same key at the same time
 * share one request to the token endpoint; if it fails, they all get its failure and the next call
 * tries again. Failure messages name the endpoint's status and OAuth error code, never the key, the
 * assertion or a token.
 *
 * <p>This class is thread-safe.
 */
public final class GoogleAccessTokens {
  /** How long before its expiry a token is replaced. */
  private static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

  private static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

  private final OkHttpClient http;
  private final Clock clock;
  private final Cache<String, Slot> slots;

  /**
   * Creates the source of access tokens, caching each service account's until shortly before it
   * expires.
   *
   * @param http the shared HTTP client
   * @param clock the source of time
   */
  public GoogleAccessTokens(OkHttpClient http, Clock clock) {
    this.http = http.newBuilder().callTimeout(CALL_TIMEOUT).build();
    this.clock = clock;
    this.slots =
        Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(2))
            .ticker(clock::nanoTime)
            .build();
  }

  /**
   * Returns a token for a service-account key: the cached one while it has more than {@link
   * #REFRESH_MARGIN} to live, else a new one.
   *
   * @throws IOException if the key cannot be read or the token endpoint did not grant a token
   */
  String token(Secret serviceAccountJson) throws IOException {
    Slot slot = slots.get(digest(serviceAccountJson), key -> new Slot());
    CompletableFuture<Token> pending;
    boolean fetching = false;
    synchronized (slot) {
      if (slot.token != null && clock.nanoTime() - slot.token.refreshAtNanos() < 0) {
        return slot.token.value();
      }
      if (slot.refresh == null) {
        slot.refresh = new CompletableFuture<>();
        fetching = true;
      }
      pending = slot.refresh;
    }
    if (fetching) {
      fetch(serviceAccountJson, slot, pending);
    }
    return await(pending).value();
  }

  private void fetch(Secret serviceAccountJson, Slot slot, CompletableFuture<Token> pending) {
    Token token = null;
    try {
      token = request(GoogleServiceAccount.parse(serviceAccountJson));
    } catch (IOException | RuntimeException e) {
      pending.completeExceptionally(e);
    } finally {
      synchronized (slot) {
        if (token != null) {
          slot.token = token;
        }
        slot.refresh = null;
      }
    }
    if (token != null) {
      pending.complete(token);
    }
  }

  private Token request(GoogleServiceAccount account) throws IOException {
    long sentAt = clock.nanoTime();
    Request post =
        new Request.Builder()
            .url(account.tokenUri())
            .header("accept", "application/json")
            .post(
                new FormBody.Builder()
                    .add("grant_type", JWT_BEARER)
                    .add("assertion", account.assertion(clock.instant()))
                    .build())
            .build();
    try (Response response = http.newCall(post).execute()) {
      JsonNode answer = readJson(response.body().bytes());
      String accessToken = answer.path("access_token").asText("");
      if (!response.isSuccessful() || accessToken.isEmpty()) {
        String error = answer.path("error").asText("");
        throw new IOException(
            "the token endpoint of the service account refused a token: "
                + response.code()
                + (error.isEmpty() ? "" : " " + error));
      }
      long lifetimeSeconds = answer.path("expires_in").asLong(DEFAULT_LIFETIME.toSeconds());
      Duration lifetime = Duration.ofSeconds(lifetimeSeconds);
      Duration margin =
          lifetime.compareTo(REFRESH_MARGIN.multipliedBy(2)) > 0
              ? REFRESH_MARGIN
              : lifetime.dividedBy(2);
      return new Token(accessToken, sentAt + lifetime.minus(margin).toNanos());
    }
  }

  private static JsonNode readJson(byte[] body) {
    try {
      return Json.MAPPER.readTree(body);
    } catch (IOException e) {
      return Json.MAPPER.missingNode();
    }
  }

  private static Token await(CompletableFuture<Token> pending) throws IOException {
    try {
      return pending.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for an access token");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw new IOException(io.getMessage(), io);
      }
      throw new IOException("cannot get an access token", cause);
    }
  }

  private static String digest(Secret serviceAccountJson) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha256.digest(serviceAccountJson.reveal().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** The token of one service-account key, and the refresh under way, if any. */
  private static final class Slot {
    // Guarded by this.
    Token token;
    // Guarded by this.
    CompletableFuture<Token> refresh;
  }

  /** A token and the monotonic time from which it is replaced. */
  private record Token(String value, long refreshAtNanos) {
    @Override
    public String toString() {
      return "Token[redacted]";
    }
  }
}
