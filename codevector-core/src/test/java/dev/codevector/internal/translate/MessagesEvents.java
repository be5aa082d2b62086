package dev.codevector.internal.translate;

/**
 * Anthropic Messages stream events as the lines {@link TranslateTesting#assertEvents} compares, for
 * the tests of streams written to a Messages client.
 */
final class MessagesEvents {
  static final String STOP = "message_stop {\"type\":\"message_stop\"}";

  private MessagesEvents() {}

  /** Returns {@code message_start} of the client's model, with zero usage. */
  static String messageStart(String id) {
    return ("message_start {\"type\":\"message_start\",\"message\":{\"id\":\"%s\","
            + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"smart\",\"content\":[],"
            + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":0,"
            + "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":0}}}")
        .formatted(id);
  }

  static String blockStart(int index, String block) {
    return "content_block_start {\"type\":\"content_block_start\",\"index\":%d,\"content_block\":%s}"
        .formatted(index, block);
  }

  static String blockDelta(int index, String delta) {
    return "content_block_delta {\"type\":\"content_block_delta\",\"index\":%d,\"delta\":%s}"
        .formatted(index, delta);
  }

  static String textDelta(int index, String text) {
    return blockDelta(index, "{\"type\":\"text_delta\",\"text\":\"%s\"}".formatted(text));
  }

  static String jsonDelta(int index, String json) {
    return blockDelta(
        index, "{\"type\":\"input_json_delta\",\"partial_json\":\"%s\"}".formatted(json));
  }

  static String blockStop(int index) {
    return "content_block_stop {\"type\":\"content_block_stop\",\"index\":" + index + "}";
  }

  /** Returns {@code message_delta} with a stop reason and the JSON text {@code "usage":{…}}}. */
  static String messageDelta(String stopReason, String usage) {
    return "message_delta {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\""
        + stopReason
        + "\",\"stop_sequence\":null},"
        + usage;
  }

  /** Returns the {@code content_block} of a tool call, with an empty input. */
  static String tool(String id, String name) {
    return "{\"type\":\"tool_use\",\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"input\":{}}";
  }
}
