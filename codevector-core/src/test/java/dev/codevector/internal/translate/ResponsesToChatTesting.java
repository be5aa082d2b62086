package dev.codevector.internal.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.registry.ProviderKind;
import dev.codevector.wire.SseEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Shared setup of the Responses-to-Chat tests: routes, JSON, the Codex fixtures and a stream
 * runner. Stateless.
 */
final class ResponsesToChatTesting {

  static final long CREATED_AT = 1_767_225_600L;

  /** A request that offers one function tool, {@code ls}. */
  static final String LS_REQUEST =
      "{\"input\":\"go\",\"tools\":[{\"type\":\"function\",\"name\":\"ls\"}]}";

  /** The function tools Codex offers in its recorded requests, in order, namespaces flattened. */
  static final List<String> CODEX_TOOL_NAMES =
      List.of(
          "exec_command",
          "write_stdin",
          "request_user_input",
          "view_image",
          "close_agent",
          "resume_agent",
          "send_input",
          "spawn_agent",
          "wait_agent",
          "get_goal",
          "create_goal",
          "update_goal");

  private ResponsesToChatTesting() {}

  /** Returns a translation to an OpenAI upstream, serving the client model {@code codex-model}. */
  static Translation openAi() {
    return translation(ProviderKind.OPENAI);
  }

  /** Returns a translation to an OpenAI-compatible upstream. */
  static Translation compatible() {
    return translation(ProviderKind.OPENAI_COMPATIBLE);
  }

  private static Translation translation(ProviderKind kind) {
    return new CodecTranslation(
        new ResponsesClient("codex-model", CREATED_AT),
        new ChatUpstream(
            new TranslationContext("codex-model", "upstream-model", kind, OptionalInt.empty())));
  }

  /** Returns an OpenAI translation that has translated the given request. */
  static Translation afterRequest(String request) {
    Translation translation = openAi();
    translation.request(json(request));
    return translation;
  }

  /** Parses a JSON object. */
  static ObjectNode json(String text) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns a copy of an output item without its generated id. */
  static ObjectNode withoutId(JsonNode item) {
    ObjectNode copy = item.deepCopy();
    copy.remove("id");
    return copy;
  }

  /** Returns a completed assistant message item with the given text, without its id. */
  static ObjectNode completedMessage(String text) {
    ObjectNode item = Json.MAPPER.createObjectNode().put("type", "message");
    item.put("status", "completed").put("role", "assistant");
    item.putArray("content")
        .addObject()
        .put("type", "output_text")
        .put("text", text)
        .putArray("annotations");
    return item;
  }

  /** Returns the body of the recorded request at {@code index} of a fixture file. */
  static ObjectNode codexRequest(String file, int index) {
    try (InputStream in = ResponsesToChatTesting.class.getResourceAsStream("/fixtures/" + file)) {
      if (in == null) {
        throw new IllegalStateException("no fixture " + file);
      }
      return (ObjectNode) Json.MAPPER.readTree(in).get(index).get("body");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Plays upstream Chat chunks, each a {@code data:} payload, through the translation's stream and
   * then ends it; returns the data of every client event, checking each event's name is its type.
   */
  static List<JsonNode> play(Translation translation, String... upstream) {
    List<SseEvent> events = new ArrayList<>();
    StreamTranslator stream = translation.stream();
    for (String data : upstream) {
      stream.onEvent(SseEvent.data(data), events::add);
    }
    stream.onEnd(events::add);
    List<JsonNode> data = new ArrayList<>();
    for (SseEvent event : events) {
      JsonNode parsed = json(event.data());
      assertEquals(event.name().orElseThrow(), parsed.path("type").asText());
      data.add(parsed);
    }
    return data;
  }

  /** Returns the types of the events, in order. */
  static List<String> types(List<JsonNode> events) {
    List<String> types = new ArrayList<>();
    for (JsonNode event : events) {
      types.add(event.path("type").asText());
    }
    return types;
  }

  /** Returns the events of one type, in order. */
  static List<JsonNode> ofType(List<JsonNode> events, String type) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode event : events) {
      if (event.path("type").asText().equals(type)) {
        found.add(event);
      }
    }
    return found;
  }

  /** Returns a Chat stream chunk whose {@code choices[0].delta} is the given JSON. */
  static String delta(String delta) {
    return chunk(delta, "null");
  }

  /** Returns a Chat stream chunk that finishes {@code choices[0]} for the given reason. */
  static String finish(String reason) {
    return chunk("{}", "\"" + reason + "\"");
  }

  /** Returns a Chat stream chunk with the first fragment of the tool call at {@code index}. */
  static String callStart(int index, String id, String name, String arguments) {
    ObjectNode call = Json.MAPPER.createObjectNode().put("index", index);
    call.put("id", id).put("type", "function");
    call.putObject("function").put("name", name).put("arguments", arguments);
    return toolCallDelta(call);
  }

  /** Returns a Chat stream chunk with more arguments of the tool call at {@code index}. */
  static String callArguments(int index, String arguments) {
    ObjectNode call = Json.MAPPER.createObjectNode().put("index", index);
    call.putObject("function").put("arguments", arguments);
    return toolCallDelta(call);
  }

  private static String toolCallDelta(ObjectNode call) {
    ObjectNode delta = Json.MAPPER.createObjectNode();
    delta.putArray("tool_calls").add(call);
    return delta(delta.toString());
  }

  private static String chunk(String delta, String finishReason) {
    return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
        + "\"model\":\"upstream-model\",\"choices\":[{\"index\":0,\"delta\":"
        + delta
        + ",\"finish_reason\":"
        + finishReason
        + "}],\"usage\":null}";
  }

  /** Returns a Chat usage chunk. */
  static String usageChunk(int prompt, int cached, int completion) {
    return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
        + "\"model\":\"upstream-model\",\"choices\":[],\"usage\":{\"prompt_tokens\":"
        + prompt
        + ",\"completion_tokens\":"
        + completion
        + ",\"total_tokens\":"
        + (prompt + completion)
        + ",\"prompt_tokens_details\":{\"cached_tokens\":"
        + cached
        + "}}}";
  }
}
