package dev.codevector.registry;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Request parameters a Backend fills in when the client leaves them out; a value the client sends
 * always wins. {@code topK} is sent only to Anthropic-family upstreams; others ignore it.
 *
 * @param temperature sampling temperature, 0 to 2
 * @param maxTokens the most tokens to generate, 1 or more
 * @param topP nucleus sampling, 0 to 1
 * @param topK top-k sampling, 1 or more
 * @param stop stop sequences, at most 16, none blank
 */
public record BackendDefaults(
    OptionalDouble temperature,
    OptionalInt maxTokens,
    OptionalDouble topP,
    OptionalInt topK,
    List<String> stop) {
  private static final int MAX_STOP = 16;
  private static final BackendDefaults NONE =
      new BackendDefaults(
          OptionalDouble.empty(),
          OptionalInt.empty(),
          OptionalDouble.empty(),
          OptionalInt.empty(),
          List.of());

  /** Checks every value that is present. */
  public BackendDefaults {
    Objects.requireNonNull(temperature, "temperature")
        .ifPresent(t -> Checks.between("defaults.temperature", t, 0, 2));
    Objects.requireNonNull(maxTokens, "maxTokens")
        .ifPresent(n -> Checks.positive("defaults.maxTokens", n));
    Objects.requireNonNull(topP, "topP").ifPresent(p -> Checks.between("defaults.topP", p, 0, 1));
    Objects.requireNonNull(topK, "topK").ifPresent(k -> Checks.positive("defaults.topK", k));
    stop = List.copyOf(Objects.requireNonNull(stop, "stop"));
    if (stop.size() > MAX_STOP) {
      throw new ValidationException(
          "defaults.stop",
          String.valueOf(stop.size()),
          "must hold at most " + MAX_STOP + " entries");
    }
    for (String sequence : stop) {
      if (sequence.isEmpty()) {
        throw new ValidationException("defaults.stop", sequence, "must not hold an empty sequence");
      }
    }
  }

  /**
   * Returns defaults that fill in nothing.
   *
   * @return the empty defaults
   */
  public static BackendDefaults none() {
    return NONE;
  }

  /**
   * Returns a copy with a default temperature.
   *
   * @param value the temperature
   * @return the changed copy
   */
  public BackendDefaults withTemperature(double value) {
    return new BackendDefaults(OptionalDouble.of(value), maxTokens, topP, topK, stop);
  }

  /**
   * Returns a copy with a default output limit.
   *
   * @param value the most tokens to generate
   * @return the changed copy
   */
  public BackendDefaults withMaxTokens(int value) {
    return new BackendDefaults(temperature, OptionalInt.of(value), topP, topK, stop);
  }

  /**
   * Returns a copy with a default top_p.
   *
   * @param value the nucleus sampling value
   * @return the changed copy
   */
  public BackendDefaults withTopP(double value) {
    return new BackendDefaults(temperature, maxTokens, OptionalDouble.of(value), topK, stop);
  }

  /**
   * Returns a copy with a default top_k.
   *
   * @param value the top-k sampling value
   * @return the changed copy
   */
  public BackendDefaults withTopK(int value) {
    return new BackendDefaults(temperature, maxTokens, topP, OptionalInt.of(value), stop);
  }

  /**
   * Returns a copy with default stop sequences.
   *
   * @param sequences the stop sequences
   * @return the changed copy
   */
  public BackendDefaults withStop(List<String> sequences) {
    return new BackendDefaults(temperature, maxTokens, topP, topK, sequences);
  }
}
