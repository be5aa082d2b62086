package dev.codevector.internal.routing;

import dev.codevector.limits.Demand;
import dev.codevector.registry.Pricing;
import dev.codevector.registry.ProviderModel;
import dev.codevector.routing.Usage;
import dev.codevector.usage.UsageRecord;
import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalInt;

/**
 * The most a request may use, for the limits to reserve: its estimated input, its own maximum of
 * output tokens or else the largest maximum output of the Provider Models that may serve it, and
 * the dearest price of those for that much, input priced as cache writes where those cost more.
 */
final class Ceiling {
  private Ceiling() {}

  /**
   * Returns the demand of a request.
   *
   * @param estimate the request's token estimate
   * @param providerModels the Provider Models of the Model's routable Backends
   */
  static Demand of(TokenEstimate estimate, List<ProviderModel> providerModels) {
    long output =
        estimate.maxOutputTokens.orElseGet(
            () ->
                providerModels.stream()
                    .map(ProviderModel::maxOutputTokens)
                    .filter(OptionalInt::isPresent)
                    .mapToLong(OptionalInt::getAsInt)
                    .max()
                    .orElse(0));
    BigDecimal cost = BigDecimal.ZERO;
    for (ProviderModel providerModel : providerModels) {
      cost = cost.max(price(estimate.inputTokens, output, providerModel.pricing()));
    }
    return new Demand(estimate.inputTokens, output, cost);
  }

  private static BigDecimal price(long input, long output, Pricing pricing) {
    return UsageRecord.cost(new Usage(input, 0, 0, output), pricing)
        .max(UsageRecord.cost(new Usage(0, 0, input, output), pricing));
  }
}
