package dev.codevector.internal.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class StopReasonTest {

  @ParameterizedTest
  @CsvSource({
    "end_turn, stop",
    "stop_sequence, stop",
    "max_tokens, length",
    "tool_use, tool_calls",
    "pause_turn, stop",
    "refusal, content_filter",
    "model_context_window_exceeded, length"
  })
  void anthropicStopReasonMapsToOpenAisFinishReason(String stopReason, String finishReason) {
    String mapped = StopReason.fromAnthropic(stopReason).openAi();

    assertEquals(finishReason, mapped);
  }

  @ParameterizedTest
  @CsvSource({
    "stop, end_turn",
    "length, max_tokens",
    "tool_calls, tool_use",
    "function_call, tool_use",
    "content_filter, refusal",
    "something_new, end_turn"
  })
  void openAiFinishReasonMapsToAnthropicsStopReason(String finishReason, String stopReason) {
    String mapped = StopReason.fromOpenAi(finishReason).anthropic();

    assertEquals(stopReason, mapped);
  }

  @Test
  void missingFinishReasonIsEndTurn() {
    String mapped = StopReason.fromOpenAi(null).anthropic();

    assertEquals("end_turn", mapped);
  }

  @Test
  void missingStopReasonIsStop() {
    String mapped = StopReason.fromAnthropic(null).openAi();

    assertEquals("stop", mapped);
  }

  @ParameterizedTest
  @CsvSource({"stop, tool_use", "length, max_tokens", "content_filter, refusal"})
  void aTurnWithToolCallsThatEndedIsATurnThatUsesTools(String finishReason, String stopReason) {
    String mapped = StopReason.fromOpenAi(finishReason).withToolCalls(true).anthropic();

    assertEquals(stopReason, mapped);
  }

  @ParameterizedTest
  @CsvSource({
    "END_TURN, false, ''",
    "MAX_TOKENS, true, max_output_tokens",
    "CONTEXT_WINDOW, true, max_output_tokens",
    "REFUSAL, true, content_filter",
    "TOOL_USE, false, ''"
  })
  void responsesCallsTheOutputCapAndAFilterIncomplete(
      StopReason reason, boolean incomplete, String incompleteReason) {
    assertEquals(incomplete, reason.incomplete());
    if (incomplete) {
      assertEquals(incompleteReason, reason.responsesIncompleteReason());
    }
  }
}
