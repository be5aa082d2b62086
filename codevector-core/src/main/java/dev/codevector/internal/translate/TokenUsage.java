package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;

/**
 * Token counts of one answer, read from and written to every dialect's usage object. Input is
 * counted as Anthropic counts it, without cache reads and writes; OpenAI's {@code prompt_tokens}
 * and Responses' {@code input_tokens} include both. Missing counts read as 0.
 *
 * @param input the input tokens that were neither read from nor written to a prompt cache
 * @param cacheRead the input tokens read from a prompt cache
 * @param cacheWrite the input tokens written to a prompt cache
 * @param output the output tokens, reasoning included
 * @param reasoning the output tokens spent on reasoning; 0 when the upstream does not say
 */
public record TokenUsage(long input, long cacheRead, long cacheWrite, long output, long reasoning) {

  /** No tokens. */
  public static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0, 0);

  /**
   * Returns all input tokens, cached or not: OpenAI's {@code prompt_tokens}.
   *
   * @return the total input
   */
  public long totalInput() {
    return input + cacheRead + cacheWrite;
  }

  /**
   * Reads Anthropic's {@code usage}.
   *
   * @param usage the usage object; a missing node reads as no tokens
   * @return the usage
   */
  public static TokenUsage fromAnthropic(JsonNode usage) {
    return fromAnthropic(usage, NONE);
  }

  /**
   * Reads Anthropic's {@code usage} over an earlier report of the same answer: a stream's {@code
   * message_start} carries the input counts and its {@code message_delta} the output, so a count
   * the later report leaves out keeps its earlier value.
   *
   * @param usage the later usage object
   * @param earlier the usage reported so far
   * @return the combined usage
   */
  public static TokenUsage fromAnthropic(JsonNode usage, TokenUsage earlier) {
    return new TokenUsage(
        count(usage.path("input_tokens"), earlier.input),
        count(usage.path("cache_read_input_tokens"), earlier.cacheRead),
        count(usage.path("cache_creation_input_tokens"), earlier.cacheWrite),
        count(usage.path("output_tokens"), earlier.output),
        earlier.reasoning);
  }

  /**
   * Reads OpenAI Chat's {@code usage}; {@code prompt_tokens_details.cache_write_tokens} is what
   * some compatible servers report for cache writes.
   *
   * @param usage the usage object; a missing node reads as no tokens
   * @return the usage
   */
  public static TokenUsage fromOpenAi(JsonNode usage) {
    JsonNode details = usage.path("prompt_tokens_details");
    long cacheRead = count(details.path("cached_tokens"));
    long cacheWrite = count(details.path("cache_write_tokens"));
    return new TokenUsage(
        Math.max(count(usage.path("prompt_tokens")) - cacheRead - cacheWrite, 0),
        cacheRead,
        cacheWrite,
        count(usage.path("completion_tokens")),
        count(usage.path("completion_tokens_details").path("reasoning_tokens")));
  }

  /**
   * Reads Responses' {@code usage}.
   *
   * @param usage the usage object; a missing node reads as no tokens
   * @return the usage
   */
  public static TokenUsage fromResponses(JsonNode usage) {
    long cacheRead = count(usage.path("input_tokens_details").path("cached_tokens"));
    return new TokenUsage(
        Math.max(count(usage.path("input_tokens")) - cacheRead, 0),
        cacheRead,
        0,
        count(usage.path("output_tokens")),
        count(usage.path("output_tokens_details").path("reasoning_tokens")));
  }

  /**
   * Returns Anthropic's {@code usage}.
   *
   * @return {@code input_tokens}, {@code cache_creation_input_tokens}, {@code
   *     cache_read_input_tokens} and {@code output_tokens}
   */
  ObjectNode toAnthropic() {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("input_tokens", input);
    out.put("cache_creation_input_tokens", cacheWrite);
    out.put("cache_read_input_tokens", cacheRead);
    out.put("output_tokens", output);
    return out;
  }

  /**
   * Returns OpenAI Chat's {@code usage}.
   *
   * @return {@code prompt_tokens}, {@code completion_tokens}, {@code total_tokens}, {@code
   *     prompt_tokens_details.cached_tokens}, and {@code
   *     completion_tokens_details.reasoning_tokens} when there were any
   */
  ObjectNode toOpenAi() {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("prompt_tokens", totalInput());
    out.put("completion_tokens", output);
    out.put("total_tokens", totalInput() + output);
    out.putObject("prompt_tokens_details").put("cached_tokens", cacheRead);
    if (reasoning > 0) {
      out.putObject("completion_tokens_details").put("reasoning_tokens", reasoning);
    }
    return out;
  }

  /**
   * Returns Responses' {@code usage}.
   *
   * @return {@code input_tokens} with {@code input_tokens_details.cached_tokens}, {@code
   *     output_tokens} with {@code output_tokens_details.reasoning_tokens}, and {@code
   *     total_tokens}
   */
  ObjectNode toResponses() {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("input_tokens", totalInput());
    out.putObject("input_tokens_details").put("cached_tokens", cacheRead);
    out.put("output_tokens", output);
    out.putObject("output_tokens_details").put("reasoning_tokens", reasoning);
    out.put("total_tokens", totalInput() + output);
    return out;
  }

  private static long count(JsonNode node) {
    return count(node, 0);
  }

  private static long count(JsonNode node, long missing) {
    return node.canConvertToLong() ? Math.max(node.asLong(), 0) : missing;
  }
}
