package dev.codevector.internal.routing;

import dev.codevector.registry.BackendDefaults;
import dev.codevector.wire.Dialect;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The request fields a Backend's defaults fill in, named as the client's dialect names them, for
 * the fields the client left out. A client value always wins. Sampling defaults (temperature,
 * top_p, top_k) are not added to an Anthropic request that sets {@code thinking}, which refuses
 * them.
 */
final class DefaultFields {
  private DefaultFields() {}

  /**
   * Returns the fields to add, in a stable order.
   *
   * @param dialect the client's dialect
   * @param defaults the Backend's defaults
   * @param present the top-level fields the client sent
   * @param maxCompletionTokens whether an OpenAI Chat output cap is named {@code
   *     max_completion_tokens} (OpenAI, Azure) rather than {@code max_tokens}
   */
  static Map<String, Object> missing(
      Dialect dialect, BackendDefaults defaults, Set<String> present, boolean maxCompletionTokens) {
    return missing(dialect, defaults, present, maxCompletionTokens, false);
  }

  /**
   * Returns the fields to add, and, when {@code askForUsage} is set, {@code stream_options} asking
   * an OpenAI Chat stream to end with its usage (only if the client sent no {@code
   * stream_options}).
   */
  static Map<String, Object> missing(
      Dialect dialect,
      BackendDefaults defaults,
      Set<String> present,
      boolean maxCompletionTokens,
      boolean askForUsage) {
    Map<String, Object> fields = new LinkedHashMap<>();
    switch (dialect) {
      case OPENAI_CHAT:
        sampling(fields, defaults, present, false);
        if (!present.contains("max_tokens") && !present.contains("max_completion_tokens")) {
          defaults
              .maxTokens()
              .ifPresent(
                  n -> fields.put(maxCompletionTokens ? "max_completion_tokens" : "max_tokens", n));
        }
        putIfAbsent(fields, present, "stop", defaults.stop().isEmpty() ? null : defaults.stop());
        if (askForUsage) {
          putIfAbsent(fields, present, "stream_options", Map.of("include_usage", true));
        }
        break;
      case ANTHROPIC_MESSAGES:
        if (!present.contains("thinking")) {
          sampling(fields, defaults, present, true);
        }
        defaults.maxTokens().ifPresent(n -> putIfAbsent(fields, present, "max_tokens", n));
        putIfAbsent(
            fields, present, "stop_sequences", defaults.stop().isEmpty() ? null : defaults.stop());
        break;
      case OPENAI_RESPONSES:
        sampling(fields, defaults, present, false);
        defaults.maxTokens().ifPresent(n -> putIfAbsent(fields, present, "max_output_tokens", n));
        break;
      default:
        break;
    }
    return fields;
  }

  private static void sampling(
      Map<String, Object> fields, BackendDefaults defaults, Set<String> present, boolean topK) {
    defaults.temperature().ifPresent(t -> putIfAbsent(fields, present, "temperature", t));
    defaults.topP().ifPresent(p -> putIfAbsent(fields, present, "top_p", p));
    if (topK) {
      defaults.topK().ifPresent(k -> putIfAbsent(fields, present, "top_k", k));
    }
  }

  private static void putIfAbsent(
      Map<String, Object> fields, Set<String> present, String name, Object value) {
    if (value != null && !present.contains(name)) {
      fields.put(name, value);
    }
  }
}
