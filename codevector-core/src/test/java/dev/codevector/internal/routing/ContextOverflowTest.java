package dev.codevector.internal.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.codevector.registry.ProviderKind;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.ErrorBody;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Each provider kind's words for a request longer than its window, as its adapter hands them to the
 * router, are recognized with the figures they give; other errors are not.
 */
final class ContextOverflowTest {

  private static Optional<ContextOverflow> in(ProviderKind kind, int status, String body) {
    return ContextOverflow.in(kind, status, body.getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<ContextOverflow> converted(
      ProviderKind kind, Dialect dialect, String message, String code) {
    byte[] body = ErrorBody.of(dialect, 400, message, null, code);
    return ContextOverflow.in(kind, 400, body);
  }

  private static Optional<ContextOverflow> figures(long tokens, long maximum) {
    return Optional.of(new ContextOverflow(OptionalLong.of(tokens), OptionalLong.of(maximum)));
  }

  private static final Optional<ContextOverflow> NO_FIGURES =
      Optional.of(new ContextOverflow(OptionalLong.empty(), OptionalLong.empty()));

  @Test
  void anthropicSaysThePromptIsTooLongWithBothFigures() {
    String body =
        "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
            + "\"message\":\"prompt is too long: 210417 tokens > 200000 maximum\"}}";
    assertEquals(figures(210_417, 200_000), in(ProviderKind.ANTHROPIC, 400, body));
    assertEquals(figures(210_417, 200_000), in(ProviderKind.VERTEX_ANTHROPIC, 400, body));
  }

  @Test
  void anthropicCountsTheRequestedOutputWhenInputAndMaxTokensExceedTheLimit() {
    String body =
        "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":"
            + "\"input length and `max_tokens` exceed context limit: 188059 + 20000 > 200000,"
            + " decrease input length or `max_tokens` and try again\"}}";
    assertEquals(figures(208_059, 200_000), in(ProviderKind.ANTHROPIC, 400, body));
  }

  @Test
  void bedrockSaysTheInputIsTooLongThroughItsValidationException() {
    assertEquals(
        NO_FIGURES,
        converted(
            ProviderKind.BEDROCK,
            Dialect.ANTHROPIC_MESSAGES,
            "Input is too long for requested model.",
            "ValidationException"));
    assertEquals(
        figures(250_000, 200_000),
        converted(
            ProviderKind.BEDROCK,
            Dialect.OPENAI_CHAT,
            "prompt is too long: 250000 tokens > 200000 maximum",
            "ValidationException"));
  }

  @Test
  void openAiAndTheServersThatSpeakItsApiSayTheMaximumContextLength() {
    String openAi =
        "{\"error\":{\"message\":\"This model's maximum context length is 128000 tokens. However,"
            + " your messages resulted in 131072 tokens. Please reduce the length of the"
            + " messages.\",\"type\":\"invalid_request_error\",\"param\":\"messages\","
            + "\"code\":\"context_length_exceeded\"}}";
    for (ProviderKind kind :
        new ProviderKind[] {
          ProviderKind.OPENAI,
          ProviderKind.AZURE,
          ProviderKind.GROQ,
          ProviderKind.DEEPSEEK,
          ProviderKind.OPENAI_COMPATIBLE
        }) {
      assertEquals(figures(131_072, 128_000), in(kind, 400, openAi), kind.name());
    }
    String responses =
        "{\"error\":{\"message\":\"Your input exceeds the context window of this model. Please"
            + " adjust your input and try again.\",\"type\":\"invalid_request_error\","
            + "\"param\":\"input\",\"code\":\"context_length_exceeded\"}}";
    assertEquals(NO_FIGURES, in(ProviderKind.OPENAI, 400, responses));
    String vllm =
        "{\"object\":\"error\",\"message\":\"This model's maximum context length is 32768 tokens."
            + " However, you requested 40000 tokens (36000 in the messages, 4000 in the"
            + " completion).\",\"type\":\"BadRequestError\",\"code\":400}";
    assertEquals(figures(40_000, 32_768), in(ProviderKind.OPENAI_COMPATIBLE, 400, vllm));
    String moonshot =
        "{\"error\":{\"message\":\"Invalid request: Your request exceeded model token limit:"
            + " 131072\",\"type\":\"invalid_request_error\"}}";
    assertEquals(NO_FIGURES, in(ProviderKind.MOONSHOT, 400, moonshot));
    String llamaCpp =
        "{\"error\":{\"code\":400,\"message\":\"the request exceeds the available context size,"
            + " try increasing it\",\"type\":\"exceed_context_size_error\"}}";
    assertEquals(NO_FIGURES, in(ProviderKind.OPENAI_COMPATIBLE, 400, llamaCpp));
  }

  @Test
  void geminiSaysTheInputTokenCountExceedsTheMaximum() {
    assertEquals(
        figures(1_200_000, 1_048_576),
        converted(
            ProviderKind.GOOGLE,
            Dialect.OPENAI_CHAT,
            "The input token count (1200000) exceeds the maximum number of tokens allowed"
                + " (1048576).",
            "invalid_argument"));
    assertEquals(
        figures(1_200_000, 1_048_576),
        converted(
            ProviderKind.VERTEX,
            Dialect.ANTHROPIC_MESSAGES,
            "The input token count (1200000) exceeds the maximum number of tokens allowed"
                + " (1048576).",
            "invalid_argument"));
  }

  @Test
  void cohereSaysThereAreTooManyTokens() {
    assertEquals(
        NO_FIGURES,
        converted(
            ProviderKind.COHERE,
            Dialect.OPENAI_CHAT,
            "too many tokens: size limit exceeded by 1523 tokens. Try using shorter or fewer"
                + " inputs, or setting prompt_truncation='AUTO'.",
            null));
  }

  @Test
  void otherErrorsAreNotOverflows() {
    String temperature =
        "{\"error\":{\"message\":\"Invalid value for 'temperature'.\","
            + "\"type\":\"invalid_request_error\",\"param\":\"temperature\",\"code\":null}}";
    assertEquals(Optional.empty(), in(ProviderKind.OPENAI, 400, temperature));
    String maxTokens =
        "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":"
            + "\"max_tokens: 100000 > 64000, which is the maximum allowed number of output tokens"
            + " for claude-sonnet-4-5\"}}";
    assertEquals(Optional.empty(), in(ProviderKind.ANTHROPIC, 400, maxTokens));
    String tooLong =
        "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
            + "\"message\":\"prompt is too long: 1 tokens > 0 maximum\"}}";
    assertEquals(Optional.empty(), in(ProviderKind.ANTHROPIC, 429, tooLong), "not a 4xx refusal");
    assertEquals(Optional.empty(), in(ProviderKind.ANTHROPIC, 400, "<html>prompt is too long"));
    String openAiWording =
        "{\"error\":{\"message\":\"This model's maximum context length is 8 tokens.\"}}";
    assertEquals(
        Optional.empty(), in(ProviderKind.COHERE, 400, openAiWording), "another kind's wording");
  }

  @Test
  void figuresTooLongToBeCountsAreLeftOut() {
    String body =
        "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":"
            + "\"prompt is too long: 99999999999999999999999 tokens > 200000 maximum\"}}";
    assertEquals(NO_FIGURES, in(ProviderKind.ANTHROPIC, 400, body));
  }
}
