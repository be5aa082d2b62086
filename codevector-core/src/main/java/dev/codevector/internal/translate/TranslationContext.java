package dev.codevector.internal.translate;

import dev.codevector.registry.ProviderKind;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a translation needs to know about the request's route.
 *
 * @param clientModel the model name the client asked for (a Model's slug); echoed in responses
 * @param upstreamModel the upstream model id sent to the provider
 * @param upstreamKind the kind of the upstream Provider; Anthropic-family kinds ({@code anthropic},
 *     {@code vertex-anthropic}, and Claude on {@code bedrock}) understand {@code cache_control},
 *     {@code top_k} and thinking
 * @param maxOutputTokens the upstream model's output limit, the default for a required {@code
 *     max_tokens} the client left out
 */
public record TranslationContext(
    String clientModel,
    String upstreamModel,
    ProviderKind upstreamKind,
    OptionalInt maxOutputTokens) {

  /** Checks the fields. */
  public TranslationContext {
    Objects.requireNonNull(clientModel, "clientModel");
    Objects.requireNonNull(upstreamModel, "upstreamModel");
    Objects.requireNonNull(upstreamKind, "upstreamKind");
    Objects.requireNonNull(maxOutputTokens, "maxOutputTokens");
  }
}
