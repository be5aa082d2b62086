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

  /**
   * Returns whether the upstream is a Claude model, which understands {@code cache_control}, {@code
   * top_k}, thinking blocks and their signatures.
   *
   * @return true for Anthropic, Vertex Anthropic, and Claude models on Bedrock
   */
  public boolean anthropicFamily() {
    return switch (upstreamKind) {
      case ANTHROPIC, VERTEX_ANTHROPIC -> true;
      case BEDROCK -> upstreamModel.contains("anthropic.");
      default -> false;
    };
  }

  /**
   * Returns whether the upstream takes the output cap as {@code max_completion_tokens} (OpenAI and
   * Azure, whose reasoning models reject {@code max_tokens}) rather than {@code max_tokens}.
   *
   * @return true for OpenAI and Azure
   */
  public boolean usesMaxCompletionTokens() {
    return upstreamKind == ProviderKind.OPENAI || upstreamKind == ProviderKind.AZURE;
  }

  /**
   * Returns whether the upstream's Chat streams report usage only when the request asks with {@code
   * stream_options.include_usage}: OpenAI and Azure, and the kinds whose adapters present their
   * native API as OpenAI Chat (Google, Vertex AI, Cohere, and models other than Claude on Bedrock).
   *
   * @return true when the router must ask for usage on the client's behalf
   */
  public boolean streamUsageOnRequest() {
    return switch (upstreamKind) {
      case OPENAI, AZURE, GOOGLE, VERTEX, COHERE -> true;
      case BEDROCK -> !anthropicFamily();
      default -> false;
    };
  }
}
