package dev.codevector.usage;

import dev.codevector.access.ApiKeyId;
import dev.codevector.access.UserId;
import dev.codevector.registry.Pricing;
import dev.codevector.registry.ProviderId;
import dev.codevector.routing.Usage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one request used and cost: who sent it, which Model it asked for, which Provider answered
 * after which attempts, its tokens, the prices they were charged at, and how long it took. The
 * prices are kept with the record, so that spend can be recomputed after prices change. Instances
 * are immutable.
 *
 * @param requestId the request's id, unique: recording a request again changes nothing
 * @param time when the request arrived, to the microsecond
 * @param user the calling user, if the request was authenticated
 * @param key the API key that authenticated the request, if any
 * @param model the Model slug the client asked for
 * @param provider the Provider that answered, if one did
 * @param providerModel the upstream model id that answered, if one did
 * @param attempts every Backend tried, in order
 * @param status the HTTP status the client got
 * @param inputTokens input tokens read neither from nor into the prompt cache
 * @param cachedInputTokens input tokens read from the prompt cache
 * @param cacheWriteTokens input tokens written to the prompt cache
 * @param outputTokens output tokens, reasoning included
 * @param pricing the prices the tokens were charged at; zero prices when no Provider Model answered
 * @param cost what the request cost in US dollars, without trailing zeros; usually {@link
 *     #cost(Usage, Pricing)}
 * @param latency from the request's arrival to its last byte
 * @param timeToFirstToken from the request's arrival to the first byte of the answer, for streamed
 *     answers
 * @param client the program that sent the request, {@link Client#OTHER} when unknown, as for
 *     requests routed in-process
 * @param sessionId the client's session (an agent's conversation) the request belongs to, if it
 *     told one: 1 to {@value #MAX_SESSION_ID} characters, none of them a control character
 */
public record UsageRecord(
    String requestId,
    Instant time,
    Optional<UserId> user,
    Optional<ApiKeyId> key,
    String model,
    Optional<ProviderId> provider,
    Optional<String> providerModel,
    List<AttemptSummary> attempts,
    int status,
    long inputTokens,
    long cachedInputTokens,
    long cacheWriteTokens,
    long outputTokens,
    Pricing pricing,
    BigDecimal cost,
    Duration latency,
    Optional<Duration> timeToFirstToken,
    Client client,
    Optional<String> sessionId) {
  /** The most characters a session id may have. */
  public static final int MAX_SESSION_ID = 128;

  private static final int MAX_TEXT = 200;

  /**
   * Checks every field, truncates the time to the microsecond, copies the attempts and normalizes
   * the cost.
   */
  public UsageRecord {
    requestId = text("requestId", requestId);
    time = Objects.requireNonNull(time, "time").truncatedTo(ChronoUnit.MICROS);
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(key, "key");
    model = text("model", model);
    Objects.requireNonNull(provider, "provider");
    providerModel =
        Objects.requireNonNull(providerModel, "providerModel").map(m -> text("providerModel", m));
    attempts = List.copyOf(attempts);
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("HTTP status " + status + " is not between 100 and 599");
    }
    if (inputTokens < 0 || cachedInputTokens < 0 || cacheWriteTokens < 0 || outputTokens < 0) {
      throw new IllegalArgumentException("negative token count in usage record " + requestId);
    }
    Objects.requireNonNull(pricing, "pricing");
    cost = dollars(cost);
    nonNegative("latency", latency);
    Objects.requireNonNull(timeToFirstToken, "timeToFirstToken")
        .ifPresent(t -> nonNegative("timeToFirstToken", t));
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(sessionId, "sessionId").ifPresent(UsageRecord::checkSessionId);
  }

  /**
   * Returns the token counts.
   *
   * @return the four counts
   */
  public Usage usage() {
    return new Usage(inputTokens, cachedInputTokens, cacheWriteTokens, outputTokens);
  }

  /**
   * Returns what tokens cost at given prices, exactly: input × input price + cached input × (cached
   * input price, else input price) + cache writes × (cache-write price, else input price) + output
   * × output price, all divided by one million, since prices are per million tokens.
   *
   * @param usage the token counts
   * @param pricing the prices, per million tokens
   * @return the cost in US dollars, without trailing zeros
   */
  public static BigDecimal cost(Usage usage, Pricing pricing) {
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(pricing, "pricing");
    BigDecimal input = pricing.inputPerMTok();
    BigDecimal perMillion =
        input
            .multiply(BigDecimal.valueOf(usage.inputTokens()))
            .add(
                pricing
                    .cachedInputPerMTok()
                    .orElse(input)
                    .multiply(BigDecimal.valueOf(usage.cachedInputTokens())))
            .add(
                pricing
                    .cacheWritePerMTok()
                    .orElse(input)
                    .multiply(BigDecimal.valueOf(usage.cacheWriteTokens())))
            .add(pricing.outputPerMTok().multiply(BigDecimal.valueOf(usage.outputTokens())));
    // Dividing by 10^6 only moves the decimal point.
    return dollars(perMillion.movePointLeft(6));
  }

  /** Checks an amount of dollars and drops its trailing zeros, so equal amounts are equal. */
  static BigDecimal dollars(BigDecimal amount) {
    Objects.requireNonNull(amount, "cost");
    if (amount.signum() < 0) {
      throw new IllegalArgumentException("negative cost " + amount.toPlainString());
    }
    return amount.signum() == 0 ? BigDecimal.ZERO : amount.stripTrailingZeros();
  }

  private static String text(String field, String value) {
    Objects.requireNonNull(value, field);
    if (value.isBlank() || value.length() > MAX_TEXT) {
      throw new IllegalArgumentException(
          field + " must be 1 to " + MAX_TEXT + " characters and not blank");
    }
    return value;
  }

  private static void checkSessionId(String sessionId) {
    if (sessionId.isEmpty()
        || sessionId.length() > MAX_SESSION_ID
        || sessionId.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "sessionId must be 1 to " + MAX_SESSION_ID + " characters, none a control character");
    }
  }

  private static void nonNegative(String field, Duration value) {
    Objects.requireNonNull(value, field);
    if (value.isNegative()) {
      throw new IllegalArgumentException("negative " + field + " " + value);
    }
  }
}
