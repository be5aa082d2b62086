package dev.codevector.internal.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codevector.internal.Json;
import dev.codevector.registry.ProviderKind;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An upstream's refusal of a request as longer than its model's context window, recognized as each
 * provider kind words it, with the figures the upstream gave: the tokens the request came to and
 * the window's maximum, where its message says them.
 *
 * <p>By the time the router reads it, an adapter has put the upstream's error into a wire dialect's
 * error shape with the upstream's own message, so one recognizer per family of wording serves every
 * dialect.
 *
 * @param tokens the tokens the upstream counted for the request, input and requested output
 * @param maximum the upstream's context window
 */
record ContextOverflow(OptionalLong tokens, OptionalLong maximum) {

  /**
   * Anthropic on every cloud: "prompt is too long: N tokens > M maximum", "input length and
   * `max_tokens` exceed context limit: N + K > M"; Bedrock for other models: "Input is too long for
   * requested model", "too many input tokens".
   */
  private static final List<String> CLAUDE =
      List.of("prompt is too long", "exceed context limit", "input is too long", "too many input");

  /**
   * OpenAI and the servers that speak its API: "This model's maximum context length is M tokens.
   * However, your messages resulted in N tokens", "Your input exceeds the context window of this
   * model"; Moonshot: "exceeded model token limit"; llama.cpp: "exceeds the available context
   * size".
   */
  private static final List<String> OPENAI =
      List.of(
          "maximum context length",
          "context_length_exceeded",
          "exceeds the context window",
          "exceeded model token limit",
          "exceeds the available context size");

  /** Gemini: "The input token count (N) exceeds the maximum number of tokens allowed (M)". */
  private static final List<String> GEMINI =
      List.of("exceeds the maximum number of tokens", "input token count");

  /** Cohere: "too many tokens: size limit exceeded by N tokens". */
  private static final List<String> COHERE = List.of("too many tokens");

  private static final Pattern TOO_LONG =
      Pattern.compile("too long: (\\d{1,15}) tokens > (\\d{1,15})");
  private static final Pattern CONTEXT_LIMIT =
      Pattern.compile("context limit: (\\d{1,15}) \\+ (\\d{1,15}) > (\\d{1,15})");
  private static final Pattern MAXIMUM_CONTEXT =
      Pattern.compile("context length is (\\d{1,15}) tokens");
  private static final Pattern RESULTED_IN =
      Pattern.compile("(?:resulted in|requested) (\\d{1,15}) tokens");
  private static final Pattern GEMINI_COUNT =
      Pattern.compile(
          "token count \\((\\d{1,15})\\) exceeds the maximum number of tokens allowed \\((\\d{1,15})\\)");

  /**
   * Recognizes a context-length refusal in an upstream's error answer.
   *
   * @param kind the kind of the Provider that answered
   * @param status the answer's status
   * @param errorBody the answer's body, in a wire dialect's error shape
   * @return the refusal, or empty if the answer is another error
   */
  static Optional<ContextOverflow> in(ProviderKind kind, int status, byte[] errorBody) {
    if (status != 400 && status != 413 && status != 422) {
      return Optional.empty();
    }
    String text = errorText(errorBody).toLowerCase(Locale.ROOT);
    if (wordings(kind).stream().noneMatch(text::contains)) {
      return Optional.empty();
    }
    return Optional.of(figures(text));
  }

  private static List<String> wordings(ProviderKind kind) {
    return switch (kind) {
      case ANTHROPIC, VERTEX_ANTHROPIC, BEDROCK -> CLAUDE;
      case GOOGLE, VERTEX -> GEMINI;
      case COHERE -> COHERE;
      case OPENAI, AZURE, GROQ, DEEPSEEK, MOONSHOT, OPENAI_COMPATIBLE -> OPENAI;
    };
  }

  /** The error's message and code, from any dialect's error shape. */
  private static String errorText(byte[] body) {
    try {
      JsonNode root = Json.MAPPER.readTree(body);
      JsonNode error = root.path("error").isObject() ? root.path("error") : root;
      return error.path("message").asText("") + " " + error.path("code").asText("");
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static ContextOverflow figures(String text) {
    Matcher m = TOO_LONG.matcher(text);
    if (m.find()) {
      return of(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }
    m = CONTEXT_LIMIT.matcher(text);
    if (m.find()) {
      return of(
          Long.parseLong(m.group(1)) + Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
    }
    m = GEMINI_COUNT.matcher(text);
    if (m.find()) {
      return of(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }
    Matcher maximum = MAXIMUM_CONTEXT.matcher(text);
    Matcher tokens = RESULTED_IN.matcher(text);
    return new ContextOverflow(
        tokens.find() ? OptionalLong.of(Long.parseLong(tokens.group(1))) : OptionalLong.empty(),
        maximum.find() ? OptionalLong.of(Long.parseLong(maximum.group(1))) : OptionalLong.empty());
  }

  private static ContextOverflow of(long tokens, long maximum) {
    return new ContextOverflow(OptionalLong.of(tokens), OptionalLong.of(maximum));
  }
}
