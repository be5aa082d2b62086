package dev.codevector.internal.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class StopReasonsTest {

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
    String mapped = StopReasons.toOpenAi(stopReason);

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
    String mapped = StopReasons.toAnthropic(finishReason, false);

    assertEquals(stopReason, mapped);
  }

  @Test
  void missingFinishReasonIsEndTurn() {
    String mapped = StopReasons.toAnthropic(null, false);

    assertEquals("end_turn", mapped);
  }

  @Test
  void missingStopReasonIsStop() {
    String mapped = StopReasons.toOpenAi(null);

    assertEquals("stop", mapped);
  }
}
