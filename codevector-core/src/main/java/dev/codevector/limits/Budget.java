package dev.codevector.limits;

import dev.codevector.registry.ValidationException;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * How much may be spent in each period, in US dollars at the Provider Models' prices.
 *
 * @param amount the most that may be spent in one period; positive, at most six decimal places
 * @param period the period, in UTC
 */
public record Budget(BigDecimal amount, BudgetPeriod period) {

  /** Checks the amount and normalizes its scale. */
  public Budget {
    Objects.requireNonNull(period, "period");
    if (amount == null) {
      throw new ValidationException("budget.amount", null, "is required");
    }
    if (amount.signum() <= 0) {
      throw new ValidationException("budget.amount", amount.toPlainString(), "must be positive");
    }
    if (amount.stripTrailingZeros().scale() > 6) {
      throw new ValidationException(
          "budget.amount", amount.toPlainString(), "must have at most 6 decimal places");
    }
    amount = amount.stripTrailingZeros();
  }
}
