package dev.codevector.spi;

import dev.codevector.routing.Cancellation;
import dev.codevector.vault.Secret;
import dev.codevector.wire.Dialect;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt's request to an upstream.
 *
 * <p>The body is not copied, for speed: neither the caller nor the upstream may change it.
 *
 * @param dialect the dialect of the body, one the upstream accepts
 * @param model the upstream model id; adapters whose API takes the model in the URL (Azure
 *     deployments) use it there
 * @param body the JSON request body, with {@code model} already set to the upstream model id
 * @param stream whether the body asks for a streamed answer
 * @param headers protocol headers from the client to pass on, such as {@code anthropic-beta}; names
 *     in lowercase
 * @param credentials the Provider's credentials, opened once per version of the Provider and held
 *     in memory only
 * @param cancellation given when the answer is no longer wanted; an upstream cancels its call on
 *     it, from whichever thread gives it, so that a wait for headers or a read of the body fails at
 *     once
 */
public record UpstreamRequest(
    Dialect dialect,
    String model,
    byte[] body,
    boolean stream,
    Map<String, List<String>> headers,
    Map<String, Secret> credentials,
    Cancellation cancellation) {

  /** Checks the fields and copies the maps. */
  public UpstreamRequest {
    Objects.requireNonNull(dialect, "dialect");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(cancellation, "cancellation");
    headers = Map.copyOf(headers);
    credentials = Map.copyOf(credentials);
  }

  /**
   * Returns the first value of a passed-on header.
   *
   * @param name the header's lowercase name
   * @return the value, or empty when absent
   */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Returns the dialect and model only; the body and credentials never print. */
  @Override
  public String toString() {
    return "UpstreamRequest[" + dialect + ", model=" + model + ", stream=" + stream + "]";
  }
}
