package dev.codevector.registry;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * What a Provider Model costs, in US dollars per million tokens. Amounts are kept without trailing
 * zeros, so {@code 2.50} and {@code 2.5} are equal.
 *
 * @param inputPerMTok price of a million input tokens
 * @param outputPerMTok price of a million output tokens (zero for embedding models)
 * @param cachedInputPerMTok price of a million input tokens read from the provider's prompt cache,
 *     where the provider publishes one
 * @param cacheWritePerMTok price of a million input tokens written to the provider's prompt cache,
 *     where the provider publishes one
 */
public record Pricing(
    BigDecimal inputPerMTok,
    BigDecimal outputPerMTok,
    Optional<BigDecimal> cachedInputPerMTok,
    Optional<BigDecimal> cacheWritePerMTok) {

  /** Checks that every price is zero or more and normalizes the amounts. */
  public Pricing {
    inputPerMTok = price("pricing.inputPerMTok", inputPerMTok);
    outputPerMTok = price("pricing.outputPerMTok", outputPerMTok);
    cachedInputPerMTok =
        Objects.requireNonNull(cachedInputPerMTok, "cachedInputPerMTok")
            .map(p -> price("pricing.cachedInputPerMTok", p));
    cacheWritePerMTok =
        Objects.requireNonNull(cacheWritePerMTok, "cacheWritePerMTok")
            .map(p -> price("pricing.cacheWritePerMTok", p));
  }

  /**
   * Returns the pricing with input and output prices only.
   *
   * @param inputPerMTok price of a million input tokens
   * @param outputPerMTok price of a million output tokens
   * @return the pricing
   * @throws ValidationException if a price is negative
   */
  public static Pricing of(BigDecimal inputPerMTok, BigDecimal outputPerMTok) {
    return new Pricing(inputPerMTok, outputPerMTok, Optional.empty(), Optional.empty());
  }

  /**
   * Returns a copy with the given price for cached input tokens.
   *
   * @param perMTok price of a million cached input tokens
   * @return the changed pricing
   */
  public Pricing withCachedInput(BigDecimal perMTok) {
    return new Pricing(inputPerMTok, outputPerMTok, Optional.of(perMTok), cacheWritePerMTok);
  }

  /**
   * Returns a copy with the given price for cache writes.
   *
   * @param perMTok price of a million tokens written to the cache
   * @return the changed pricing
   */
  public Pricing withCacheWrite(BigDecimal perMTok) {
    return new Pricing(inputPerMTok, outputPerMTok, cachedInputPerMTok, Optional.of(perMTok));
  }

  private static BigDecimal price(String field, BigDecimal value) {
    if (value == null) {
      throw new ValidationException(field, null, "is required");
    }
    if (value.signum() < 0) {
      throw new ValidationException(field, value.toPlainString(), "must not be negative");
    }
    return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
  }
}
