package dev.codevector.usage;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The sums of the usage records grouped under one key. Instances are immutable.
 *
 * @param key the group's key, as {@link GroupBy#keyOf(UsageRecord)} gives it
 * @param requests how many records
 * @param inputTokens their input tokens read neither from nor into the prompt cache
 * @param cachedInputTokens their input tokens read from the prompt cache
 * @param cacheWriteTokens their input tokens written to the prompt cache
 * @param outputTokens their output tokens
 * @param cost their cost in US dollars, without trailing zeros
 */
public record UsageTotal(
    String key,
    long requests,
    long inputTokens,
    long cachedInputTokens,
    long cacheWriteTokens,
    long outputTokens,
    BigDecimal cost) {

  /** Checks the fields and normalizes the cost. */
  public UsageTotal {
    Objects.requireNonNull(key, "key");
    if (requests < 0
        || inputTokens < 0
        || cachedInputTokens < 0
        || cacheWriteTokens < 0
        || outputTokens < 0) {
      throw new IllegalArgumentException("negative count in the usage total of '" + key + "'");
    }
    cost = UsageRecord.dollars(cost);
  }
}
