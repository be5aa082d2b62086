package dev.codevector.benchmarks;

import dev.codevector.wire.Dialect;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Requests and canned answers of a realistic size for a coding agent's turn: a 4 KB system prompt,
 * a short history with a tool call, three tool definitions, and an answer of 8 chunks.
 */
public final class Payloads {
  private static final String TEXT = "The README explains the build. ";
  private static final String SYSTEM = "You are a careful coding agent. ".repeat(128);
  private static final String TOOLS_CHAT =
      "[{\"type\":\"function\",\"function\":{\"name\":\"shell\",\"description\":\"Run a command\","
          + "\"parameters\":{\"type\":\"object\",\"properties\":{\"cmd\":{\"type\":\"string\"}},"
          + "\"required\":[\"cmd\"]}}},"
          + "{\"type\":\"function\",\"function\":{\"name\":\"read\",\"description\":\"Read a file\","
          + "\"parameters\":{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}}}}},"
          + "{\"type\":\"function\",\"function\":{\"name\":\"write\",\"description\":\"Write a file\","
          + "\"parameters\":{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"},"
          + "\"text\":{\"type\":\"string\"}}}}}]";
  private static final String TOOLS_RESPONSES =
      "[{\"type\":\"function\",\"name\":\"shell\",\"description\":\"Run a command\","
          + "\"parameters\":{\"type\":\"object\",\"properties\":{\"cmd\":{\"type\":\"string\"}},"
          + "\"required\":[\"cmd\"]}},"
          + "{\"type\":\"function\",\"name\":\"read\",\"description\":\"Read a file\","
          + "\"parameters\":{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}}}},"
          + "{\"type\":\"function\",\"name\":\"write\",\"description\":\"Write a file\","
          + "\"parameters\":{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"},"
          + "\"text\":{\"type\":\"string\"}}}}]";

  private Payloads() {}

  /**
   * Returns a request of an agent's turn for the given Model.
   *
   * @param model the Model's slug
   * @param stream whether to ask for a stream
   * @return the JSON request body
   */
  public static String chatRequest(String model, boolean stream) {
    return "{\"model\":\""
        + model
        + "\",\"stream\":"
        + stream
        + ",\"messages\":[{\"role\":\"system\",\"content\":\""
        + SYSTEM
        + "\"},{\"role\":\"user\",\"content\":\"List the files.\"},"
        + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\","
        + "\"type\":\"function\",\"function\":{\"name\":\"shell\",\"arguments\":\"{\\\"cmd\\\":\\\"ls\\\"}\"}}]},"
        + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"README.md\\npom.xml\"},"
        + "{\"role\":\"user\",\"content\":\"Summarise the README.\"}],\"tools\":"
        + TOOLS_CHAT
        + ",\"tool_choice\":\"auto\"}";
  }

  /**
   * Returns a request of an agent's turn for the given Model.
   *
   * @param model the Model's slug
   * @param stream whether to ask for a stream
   * @return the JSON request body
   */
  public static String responsesRequest(String model, boolean stream) {
    return "{\"model\":\""
        + model
        + "\",\"stream\":"
        + stream
        + ",\"store\":false,\"instructions\":\""
        + SYSTEM
        + "\",\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
        + "\"text\":\"List the files.\"}]},{\"type\":\"function_call\",\"call_id\":\"call_1\","
        + "\"name\":\"shell\",\"arguments\":\"{\\\"cmd\\\":\\\"ls\\\"}\"},"
        + "{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"README.md\\npom.xml\"},"
        + "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
        + "\"text\":\"Summarise the README.\"}]}],\"tools\":"
        + TOOLS_RESPONSES
        + ",\"tool_choice\":\"auto\",\"parallel_tool_calls\":true}";
  }

  /**
   * Returns a request of an agent's turn for the given Model.
   *
   * @param model the Model's slug
   * @param stream whether to ask for a stream
   * @return the JSON request body
   */
  public static String messagesRequest(String model, boolean stream) {
    return "{\"model\":\""
        + model
        + "\",\"stream\":"
        + stream
        + ",\"max_tokens\":8192,\"system\":[{\"type\":\"text\",\"text\":\""
        + SYSTEM
        + "\",\"cache_control\":{\"type\":\"ephemeral\"}}],\"messages\":[{\"role\":\"user\","
        + "\"content\":\"List the files.\"},{\"role\":\"assistant\",\"content\":[{\"type\":"
        + "\"tool_use\",\"id\":\"toolu_1\",\"name\":\"shell\",\"input\":{\"cmd\":\"ls\"}}]},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\","
        + "\"content\":\"README.md\\npom.xml\"},{\"type\":\"text\",\"text\":"
        + "\"Summarise the README.\"}]}],\"tools\":[{\"name\":\"shell\",\"description\":"
        + "\"Run a command\",\"input_schema\":{\"type\":\"object\",\"properties\":{\"cmd\":"
        + "{\"type\":\"string\"}},\"required\":[\"cmd\"]}}]}";
  }

  /**
   * Returns the canned answers to chat requests in OpenAI Chat.
   *
   * @return the answers
   */
  public static CannedAnswers chatAnswers() {
    return new CannedAnswers(
        bytes(
            "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":"
                + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                + TEXT.repeat(8)
                + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1200,"
                + "\"completion_tokens\":64,\"total_tokens\":1264,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":1024}}}"),
        bytes(
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"finish_reason\":null}]}\n\n"),
        bytes(
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
                + TEXT
                + "\"},\"finish_reason\":null}]}\n\n"),
        bytes(
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[],\"usage\":{\"prompt_tokens\":1200,\"completion_tokens\":64,"
                + "\"total_tokens\":1264,\"prompt_tokens_details\":{\"cached_tokens\":1024}}}\n\n"
                + "data: [DONE]\n\n"));
  }

  /**
   * Returns the canned answers to chat requests in Anthropic Messages.
   *
   * @return the answers
   */
  public static CannedAnswers messagesAnswers() {
    return new CannedAnswers(
        bytes(
            "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\","
                + "\"content\":[{\"type\":\"text\",\"text\":\""
                + TEXT.repeat(8)
                + "\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":"
                + "{\"input_tokens\":176,\"cache_read_input_tokens\":1024,"
                + "\"cache_creation_input_tokens\":0,\"output_tokens\":64}}"),
        bytes(
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
                + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\",\"content\":[],"
                + "\"stop_reason\":null,\"usage\":{\"input_tokens\":176,\"cache_read_input_tokens\":1024,"
                + "\"cache_creation_input_tokens\":0,\"output_tokens\":1}}}\n\n"
                + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"),
        bytes(
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\""
                + TEXT
                + "\"}}\n\n"),
        bytes(
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
                + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                + "\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":64}}\n\n"
                + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
  }

  static Map<String, byte[]> answers() {
    return Map.of(
        MemoryUpstreams.key(Dialect.OPENAI_CHAT, false), chatAnswers().json(),
        MemoryUpstreams.key(Dialect.OPENAI_CHAT, true), chatAnswers().stream(8),
        MemoryUpstreams.key(Dialect.ANTHROPIC_MESSAGES, false), messagesAnswers().json(),
        MemoryUpstreams.key(Dialect.ANTHROPIC_MESSAGES, true), messagesAnswers().stream(8));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
