package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;

/**
 * Maps token usage between the dialects. OpenAI's {@code prompt_tokens} include cached tokens;
 * Anthropic's {@code input_tokens} exclude both cache reads and cache writes. Missing counts read
 * as 0, so the mapped usage always has every field.
 *
 * <p>Stateless; thread-safe.
 */
final class Usages {
  private Usages() {}

  /**
   * Returns Anthropic usage for OpenAI usage.
   *
   * @param usage OpenAI's {@code usage} object; a missing node reads as all zeros
   * @return {@code input_tokens}, {@code cache_creation_input_tokens}, {@code
   *     cache_read_input_tokens} and {@code output_tokens}
   */
  static ObjectNode toAnthropic(JsonNode usage) {
    JsonNode details = usage.path("prompt_tokens_details");
    long cacheRead = details.path("cached_tokens").asLong(0);
    long cacheWrite = details.path("cache_write_tokens").asLong(0);
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put(
        "input_tokens",
        Math.max(usage.path("prompt_tokens").asLong(0) - cacheRead - cacheWrite, 0));
    out.put("cache_creation_input_tokens", cacheWrite);
    out.put("cache_read_input_tokens", cacheRead);
    out.put("output_tokens", usage.path("completion_tokens").asLong(0));
    return out;
  }

  /**
   * Returns OpenAI usage for Anthropic usage.
   *
   * @param usage Anthropic's {@code usage} object; a missing node reads as all zeros
   * @return {@code prompt_tokens} (input plus both cache counts), {@code completion_tokens}, {@code
   *     total_tokens} and {@code prompt_tokens_details.cached_tokens}
   */
  static ObjectNode toOpenAi(JsonNode usage) {
    long cacheRead = usage.path("cache_read_input_tokens").asLong(0);
    long prompt =
        usage.path("input_tokens").asLong(0)
            + cacheRead
            + usage.path("cache_creation_input_tokens").asLong(0);
    long completion = usage.path("output_tokens").asLong(0);
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("prompt_tokens", prompt);
    out.put("completion_tokens", completion);
    out.put("total_tokens", prompt + completion);
    out.putObject("prompt_tokens_details").put("cached_tokens", cacheRead);
    return out;
  }
}
