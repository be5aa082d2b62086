package dev.codevector.limits;

import dev.codevector.CodeVectorException;
import java.util.Objects;

/**
 * Thrown when a request is refused because its limits could not be checked: the store failed and
 * the {@link LimitPolicy} is {@link LimitPolicy#CLOSED}. Nothing was reserved and no upstream was
 * called; the request may succeed once the store is back.
 */
public final class LimitsUnavailableException extends CodeVectorException {
  private static final long serialVersionUID = 1L;

  /** The slug of the Model the request asked for. */
  private final String model;

  /**
   * Creates an exception for a request whose limits could not be checked.
   *
   * @param model the requested Model's slug
   * @param cause the store's failure
   */
  public LimitsUnavailableException(String model, Throwable cause) {
    super(
        "the limits of requests on model '"
            + Objects.requireNonNull(model, "model")
            + "' cannot be checked now: the store failed; retry later",
        cause);
    this.model = model;
  }

  /**
   * Returns the Model the refused request was for.
   *
   * @return the Model's slug
   */
  public String model() {
    return model;
  }
}
