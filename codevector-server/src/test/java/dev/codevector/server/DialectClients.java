package dev.codevector.server;

import static dev.codevector.server.ConformanceTest.ARGUMENTS;
import static dev.codevector.server.ConformanceTest.DATA_URL;
import static dev.codevector.server.ConformanceTest.INSTRUCTION;
import static dev.codevector.server.ConformanceTest.PNG;
import static dev.codevector.server.ConformanceTest.QUESTION;
import static dev.codevector.server.ConformanceTest.RESULT;
import static dev.codevector.server.ConformanceTest.TOOL;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.server.ConformanceTest.Answer;
import dev.codevector.server.ConformanceTest.ClientDialect;
import dev.codevector.server.ConformanceTest.ToolCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client side of {@link ConformanceTest}: the requests each client dialect sends for each
 * feature, and the reading of its answers, whole or streamed, into one {@link Answer}.
 *
 * <p>Stateless; thread-safe.
 */
final class DialectClients {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String ASSISTANT_TURN = "Hello! How can I help?";

  private DialectClients() {}

  private static ObjectNode base(ClientDialect dialect, String model) {
    ObjectNode request = MAPPER.createObjectNode().put("model", model);
    if (dialect == ClientDialect.MESSAGES) {
      request.put("max_tokens", 1024);
    }
    return request;
  }

  /** An instruction and three turns: user, assistant, user. */
  static ObjectNode text(ClientDialect dialect, String model) {
    ObjectNode request = base(dialect, model);
    switch (dialect) {
      case CHAT -> {
        ArrayNode messages = request.putArray("messages");
        messages.addObject().put("role", "system").put("content", INSTRUCTION);
        messages.addObject().put("role", "user").put("content", "Hi");
        messages.addObject().put("role", "assistant").put("content", ASSISTANT_TURN);
        messages.addObject().put("role", "user").put("content", "Say hello.");
      }
      case MESSAGES -> {
        request.put("system", INSTRUCTION);
        ArrayNode messages = request.putArray("messages");
        messages.addObject().put("role", "user").put("content", "Hi");
        messages.addObject().put("role", "assistant").put("content", ASSISTANT_TURN);
        messages.addObject().put("role", "user").put("content", "Say hello.");
      }
      case RESPONSES -> {
        request.put("instructions", INSTRUCTION).put("store", false);
        ArrayNode input = request.putArray("input");
        input.addObject().put("type", "message").put("role", "user").put("content", "Hi");
        ObjectNode assistant = input.addObject().put("type", "message").put("role", "assistant");
        assistant
            .putArray("content")
            .addObject()
            .put("type", "output_text")
            .put("text", ASSISTANT_TURN);
        input.addObject().put("type", "message").put("role", "user").put("content", "Say hello.");
      }
      default -> throw new IllegalArgumentException(dialect.name());
    }
    return request;
  }

  /** One user turn. */
  static ObjectNode plain(ClientDialect dialect, String model) {
    ObjectNode request = base(dialect, model);
    if (dialect == ClientDialect.RESPONSES) {
      request.put("store", false).put("input", "Say hello.");
    } else {
      request.putArray("messages").addObject().put("role", "user").put("content", "Say hello.");
    }
    return request;
  }

  /** Asks for high-effort reasoning (a 4096-token thinking budget for Messages). */
  static ObjectNode reasoning(ClientDialect dialect, String model) {
    ObjectNode request = plain(dialect, model);
    switch (dialect) {
      case CHAT -> request.put("reasoning_effort", "high");
      case MESSAGES -> {
        request.put("max_tokens", 8192);
        request.putObject("thinking").put("type", "enabled").put("budget_tokens", 4096);
      }
      case RESPONSES -> request.putObject("reasoning").put("effort", "high").put("summary", "auto");
      default -> throw new IllegalArgumentException(dialect.name());
    }
    return request;
  }

  /** A user turn with a question and a base64 PNG. */
  static ObjectNode image(ClientDialect dialect, String model) {
    ObjectNode request = base(dialect, model);
    ArrayNode content;
    if (dialect == ClientDialect.RESPONSES) {
      request.put("store", false);
      ObjectNode message =
          request.putArray("input").addObject().put("type", "message").put("role", "user");
      content = message.putArray("content");
    } else {
      content = request.putArray("messages").addObject().put("role", "user").putArray("content");
    }
    switch (dialect) {
      case CHAT -> {
        content.addObject().put("type", "text").put("text", "What is in this image?");
        content.addObject().put("type", "image_url").putObject("image_url").put("url", DATA_URL);
      }
      case MESSAGES -> {
        content
            .addObject()
            .put("type", "image")
            .putObject("source")
            .put("type", "base64")
            .put("media_type", "image/png")
            .put("data", PNG);
        content.addObject().put("type", "text").put("text", "What is in this image?");
      }
      case RESPONSES -> {
        content.addObject().put("type", "input_text").put("text", "What is in this image?");
        content.addObject().put("type", "input_image").put("image_url", DATA_URL);
      }
      default -> throw new IllegalArgumentException(dialect.name());
    }
    return request;
  }

  /**
   * The tool {@code get_weather} with a choice naming it; with {@code answered}, the conversation
   * also holds the client's call of it and its result, and the choice is left to the model.
   */
  static ObjectNode tools(ClientDialect dialect, String model, boolean answered) {
    ObjectNode request = base(dialect, model);
    ObjectNode parameters = MAPPER.createObjectNode().put("type", "object");
    parameters.putObject("properties").putObject("city").put("type", "string");
    parameters.putArray("required").add("city");
    String id = dialect.toolCallId;
    switch (dialect) {
      case CHAT -> {
        ObjectNode function =
            request
                .putArray("tools")
                .addObject()
                .put("type", "function")
                .putObject("function")
                .put("name", TOOL)
                .put("description", "The weather in a city");
        function.set("parameters", parameters);
        ArrayNode messages = request.putArray("messages");
        messages.addObject().put("role", "user").put("content", QUESTION);
        if (answered) {
          ObjectNode assistant = messages.addObject().put("role", "assistant");
          assistant.putNull("content");
          assistant
              .putArray("tool_calls")
              .addObject()
              .put("id", id)
              .put("type", "function")
              .putObject("function")
              .put("name", TOOL)
              .put("arguments", ARGUMENTS);
          messages.addObject().put("role", "tool").put("tool_call_id", id).put("content", RESULT);
        } else {
          request
              .putObject("tool_choice")
              .put("type", "function")
              .putObject("function")
              .put("name", TOOL);
        }
      }
      case MESSAGES -> {
        ObjectNode tool =
            request
                .putArray("tools")
                .addObject()
                .put("name", TOOL)
                .put("description", "The weather in a city");
        tool.set("input_schema", parameters);
        ArrayNode messages = request.putArray("messages");
        messages.addObject().put("role", "user").put("content", QUESTION);
        if (answered) {
          ObjectNode call =
              messages
                  .addObject()
                  .put("role", "assistant")
                  .putArray("content")
                  .addObject()
                  .put("type", "tool_use")
                  .put("id", id)
                  .put("name", TOOL);
          call.set("input", NativeFormat.parse(ARGUMENTS));
          messages
              .addObject()
              .put("role", "user")
              .putArray("content")
              .addObject()
              .put("type", "tool_result")
              .put("tool_use_id", id)
              .put("content", RESULT);
        } else {
          request.putObject("tool_choice").put("type", "tool").put("name", TOOL);
        }
      }
      case RESPONSES -> {
        request.put("store", false);
        ObjectNode tool =
            request
                .putArray("tools")
                .addObject()
                .put("type", "function")
                .put("name", TOOL)
                .put("description", "The weather in a city");
        tool.set("parameters", parameters);
        ArrayNode input = request.putArray("input");
        input.addObject().put("type", "message").put("role", "user").put("content", QUESTION);
        if (answered) {
          input
              .addObject()
              .put("type", "function_call")
              .put("call_id", id)
              .put("name", TOOL)
              .put("arguments", ARGUMENTS);
          input
              .addObject()
              .put("type", "function_call_output")
              .put("call_id", id)
              .put("output", RESULT);
        } else {
          request.putObject("tool_choice").put("type", "function").put("name", TOOL);
        }
      }
      default -> throw new IllegalArgumentException(dialect.name());
    }
    return request;
  }

  // ---------------------------------------------------------------------------------------------
  // Reading answers

  /** Reads a whole answer. */
  static void read(ClientDialect dialect, JsonNode body, Answer answer) {
    switch (dialect) {
      case CHAT -> {
        JsonNode message = body.path("choices").path(0).path("message");
        answer.text = message.path("content").asText("");
        answer.stop = body.path("choices").path(0).path("finish_reason").asText("");
        answer.reasoning = message.path("reasoning_content").asText("");
        for (JsonNode call : message.path("tool_calls")) {
          answer.calls.add(
              new ToolCall(
                  call.path("id").asText(),
                  call.path("function").path("name").asText(),
                  call.path("function").path("arguments").asText()));
        }
        chatUsage(body.path("usage"), answer);
      }
      case MESSAGES -> {
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        for (JsonNode block : body.path("content")) {
          switch (block.path("type").asText()) {
            case "text" -> text.append(block.path("text").asText());
            case "thinking" -> reasoning.append(block.path("thinking").asText());
            case "tool_use" ->
                answer.calls.add(
                    new ToolCall(
                        block.path("id").asText(),
                        block.path("name").asText(),
                        block.path("input").toString()));
            default -> {}
          }
        }
        answer.text = text.toString();
        answer.reasoning = reasoning.toString();
        answer.stop = body.path("stop_reason").asText("");
        messagesUsage(body.path("usage"), answer);
      }
      case RESPONSES -> {
        responsesOutput(body.path("output"), answer, true);
        answer.stop = body.path("status").asText("");
        responsesUsage(body.path("usage"), answer);
      }
      default -> throw new IllegalArgumentException(dialect.name());
    }
  }

  /** Reads a streamed answer from its events, each {event name or null, data}. */
  static void readStream(ClientDialect dialect, List<String[]> events, Answer answer) {
    switch (dialect) {
      case CHAT -> readChatStream(events, answer);
      case MESSAGES -> readMessagesStream(events, answer);
      case RESPONSES -> readResponsesStream(events, answer);
      default -> throw new IllegalArgumentException(dialect.name());
    }
  }

  private static void readChatStream(List<String[]> events, Answer answer) {
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    Map<Integer, String[]> calls = new LinkedHashMap<>();
    boolean done = false;
    for (String[] event : events) {
      if (event[1].equals("[DONE]")) {
        done = true;
        continue;
      }
      JsonNode chunk = NativeFormat.parse(event[1]);
      assertTrue(!chunk.has("error"), "error in the stream: " + event[1]);
      for (JsonNode choice : chunk.path("choices")) {
        JsonNode delta = choice.path("delta");
        if (choice.path("finish_reason").isTextual()) {
          answer.stop = choice.path("finish_reason").asText();
        }
        text.append(delta.path("content").asText(""));
        reasoning.append(delta.path("reasoning_content").asText(""));
        for (JsonNode call : delta.path("tool_calls")) {
          String[] parts =
              calls.computeIfAbsent(call.path("index").asInt(), i -> new String[] {"", "", ""});
          if (call.has("id")) {
            parts[0] = call.path("id").asText();
          }
          parts[1] += call.path("function").path("name").asText("");
          parts[2] += call.path("function").path("arguments").asText("");
        }
      }
      if (chunk.path("usage").isObject()) {
        chatUsage(chunk.path("usage"), answer);
      }
    }
    assertTrue(done, "the stream ended without [DONE]");
    answer.text = text.toString();
    answer.reasoning = reasoning.toString();
    calls.values().forEach(c -> answer.calls.add(new ToolCall(c[0], c[1], c[2])));
  }

  private static void readMessagesStream(List<String[]> events, Answer answer) {
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    Map<Integer, String[]> calls = new LinkedHashMap<>();
    boolean stopped = false;
    for (String[] event : events) {
      JsonNode data = NativeFormat.parse(event[1]);
      String type = data.path("type").asText();
      assertTrue(!type.equals("error"), "error in the stream: " + event[1]);
      switch (type) {
        case "message_start" -> messagesUsage(data.path("message").path("usage"), answer);
        case "content_block_start" -> {
          JsonNode block = data.path("content_block");
          if (block.path("type").asText().equals("tool_use")) {
            calls.put(
                data.path("index").asInt(),
                new String[] {block.path("id").asText(), block.path("name").asText(), ""});
          }
        }
        case "content_block_delta" -> {
          JsonNode delta = data.path("delta");
          switch (delta.path("type").asText()) {
            case "text_delta" -> text.append(delta.path("text").asText());
            case "thinking_delta" -> reasoning.append(delta.path("thinking").asText());
            case "input_json_delta" ->
                calls.get(data.path("index").asInt())[2] += delta.path("partial_json").asText();
            default -> {}
          }
        }
        case "message_delta" -> {
          answer.stop = data.path("delta").path("stop_reason").asText("");
          messagesUsage(data.path("usage"), answer);
        }
        case "message_stop" -> stopped = true;
        default -> {}
      }
    }
    assertTrue(stopped, "the stream ended without message_stop");
    answer.text = text.toString();
    answer.reasoning = reasoning.toString();
    calls.values().forEach(c -> answer.calls.add(new ToolCall(c[0], c[1], c[2])));
  }

  private static void readResponsesStream(List<String[]> events, Answer answer) {
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    List<JsonNode> done = new ArrayList<>();
    boolean completed = false;
    for (String[] event : events) {
      JsonNode data = NativeFormat.parse(event[1]);
      String type = data.path("type").asText();
      assertTrue(
          !type.equals("error") && !type.equals("response.failed"),
          "error in the stream: " + event[1]);
      switch (type) {
        case "response.output_text.delta" -> text.append(data.path("delta").asText());
        case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" ->
            reasoning.append(data.path("delta").asText());
        case "response.output_item.done" -> done.add(data.path("item"));
        case "response.completed" -> {
          completed = true;
          answer.stop = data.path("response").path("status").asText("");
          responsesUsage(data.path("response").path("usage"), answer);
        }
        default -> {}
      }
    }
    assertTrue(completed, "the stream ended without response.completed");
    answer.text = text.toString();
    answer.reasoning = reasoning.toString();
    responsesOutput(MAPPER.valueToTree(done), answer, false);
  }

  /** Reads output items; the text and reasoning only when {@code whole}. */
  private static void responsesOutput(JsonNode output, Answer answer, boolean whole) {
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    for (JsonNode item : output) {
      switch (item.path("type").asText()) {
        case "message" -> {
          for (JsonNode part : item.path("content")) {
            if (part.path("type").asText().equals("output_text")) {
              text.append(part.path("text").asText());
            }
          }
        }
        case "reasoning" -> {
          for (JsonNode part : item.path("summary")) {
            reasoning.append(part.path("text").asText());
          }
          for (JsonNode part : item.path("content")) {
            reasoning.append(part.path("text").asText());
          }
        }
        case "function_call" ->
            answer.calls.add(
                new ToolCall(
                    item.path("call_id").asText(),
                    item.path("name").asText(),
                    item.path("arguments").asText()));
        default -> {}
      }
    }
    if (whole) {
      answer.text = text.toString();
      answer.reasoning = reasoning.toString();
    }
  }

  private static void chatUsage(JsonNode usage, Answer answer) {
    answer.input = usage.path("prompt_tokens").asLong();
    answer.cached = usage.path("prompt_tokens_details").path("cached_tokens").asLong(0);
    answer.output = usage.path("completion_tokens").asLong();
  }

  private static void messagesUsage(JsonNode usage, Answer answer) {
    if (usage.has("input_tokens")) {
      answer.input = usage.path("input_tokens").asLong();
    }
    if (usage.has("cache_read_input_tokens") || answer.cached == null) {
      answer.cached = usage.path("cache_read_input_tokens").asLong(0);
    }
    if (usage.has("output_tokens")) {
      answer.output = usage.path("output_tokens").asLong();
    }
  }

  private static void responsesUsage(JsonNode usage, Answer answer) {
    answer.input = usage.path("input_tokens").asLong();
    answer.cached = usage.path("input_tokens_details").path("cached_tokens").asLong(0);
    answer.output = usage.path("output_tokens").asLong();
  }
}
