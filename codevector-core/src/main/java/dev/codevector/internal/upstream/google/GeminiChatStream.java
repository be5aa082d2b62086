package dev.codevector.internal.upstream.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.internal.SseReader;
import dev.codevector.internal.translate.ChatChunks;
import dev.codevector.internal.upstream.http.ConvertedBody;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.ErrorBody;
import dev.codevector.wire.SseEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Gemini {@code streamGenerateContent} stream read as an OpenAI Chat chunk stream: each Gemini
 * event is converted when the reader asks for more bytes, so chunks reach the client as the events
 * arrive and nothing is buffered beyond one event.
 *
 * <p>Chunks share one id, {@code created} and model; with {@code include_usage} each carries {@code
 * "usage":null}. Per candidate (choice), in order: a chunk with the assistant role; {@code content}
 * deltas for text parts and {@code reasoning_content} deltas for thought parts; for each {@code
 * functionCall} part one {@code tool_calls} delta with its index, id, name and whole arguments
 * (Gemini sends each call whole); one chunk with the finish reason. After Gemini's stream ends (it
 * sends no terminator): the usage chunk ({@code "choices":[]}, from the last {@code usageMetadata})
 * only if the request asked for it, then {@code data: [DONE]}.
 *
 * <p>Ends with an error: a Gemini error event becomes {@code data: {"error":{…}}} in OpenAI's
 * shape, and nothing follows; so does a stream that ends before every choice it began finished.
 *
 * <p>Not thread-safe; confine to the reading thread.
 */
final class GeminiChatStream extends ConvertedBody {
  private final SseReader events;
  private final ChatChunks chunks;
  private final String id;
  private final Map<Integer, Choice> choices = new TreeMap<>();
  private ObjectNode usage;
  private boolean ended;
  // The first event's chunks, converted when the stream was opened.
  private byte[] head;

  /** What the client has seen of one choice. */
  private static final class Choice {
    int toolCalls;
    boolean finished;
  }

  /**
   * Starts the conversion with the stream's first event, already read.
   *
   * @param events the rest of Gemini's events
   * @param first the first event
   * @param model the model to name in every chunk
   * @param created the chunks' {@code created} time, in epoch seconds
   * @param includeUsage whether the request asked for a usage chunk
   */
  GeminiChatStream(
      SseReader events, JsonNode first, String model, long created, boolean includeUsage) {
    this.events = events;
    this.chunks = new ChatChunks(model, created, includeUsage);
    this.id = GeminiAnswers.completionId(first);
    StringBuilder out = new StringBuilder();
    convert(first, out);
    head = out.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected byte[] next() throws IOException {
    if (head != null) {
      byte[] converted = head;
      head = null;
      return converted;
    }
    if (ended) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    Optional<String> data = events.next().map(SseEvent::data);
    if (data.isEmpty()) {
      end(out);
    } else {
      Optional<JsonNode> event = GeminiChat.parse(data.get());
      if (event.isPresent()) {
        convert(event.get(), out);
      } else {
        fail(502, "the upstream sent an unreadable stream event", out);
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void convert(JsonNode event, StringBuilder out) {
    Optional<JsonNode> error = GoogleErrors.errorOf(event);
    if (error.isPresent()) {
      byte[] body =
          GoogleErrors.convert(
              Dialect.OPENAI_CHAT, GoogleErrors.statusOf(error.get(), 500), error.get());
      emit(new String(body, StandardCharsets.UTF_8), out);
      ended = true;
      return;
    }
    if (event.has("usageMetadata")) {
      usage = GeminiAnswers.usage(event.get("usageMetadata"));
    }
    JsonNode candidates = event.path("candidates");
    for (int i = 0; i < candidates.size(); i++) {
      JsonNode candidate = candidates.get(i);
      int index = candidate.path("index").asInt(i);
      Choice choice = choices.get(index);
      if (choice == null) {
        choice = new Choice();
        choices.put(index, choice);
        emit(chunk(index, delta().put("role", "assistant").put("content", ""), null), out);
      }
      parts(candidate.path("content").path("parts"), index, choice, out);
      String finishReason = candidate.path("finishReason").asText("");
      if (!finishReason.isEmpty() && !choice.finished) {
        choice.finished = true;
        String reason = GeminiAnswers.finishReason(finishReason, choice.toolCalls > 0);
        emit(chunk(index, delta(), reason), out);
      }
    }
  }

  private void parts(JsonNode parts, int index, Choice choice, StringBuilder out) {
    for (JsonNode part : parts) {
      if (part.has("functionCall")) {
        ObjectNode toolCall = Json.MAPPER.createObjectNode().put("index", choice.toolCalls++);
        toolCall.setAll(GeminiAnswers.toolCall(part));
        ObjectNode delta = delta();
        delta.putArray("tool_calls").add(toolCall);
        emit(chunk(index, delta, null), out);
      } else if (part.path("text").isTextual() && !part.get("text").asText().isEmpty()) {
        String field = GeminiAnswers.isThought(part) ? "reasoning_content" : "content";
        emit(chunk(index, delta().put(field, part.get("text").asText()), null), out);
      }
    }
  }

  private void end(StringBuilder out) {
    if (choices.isEmpty() || choices.values().stream().anyMatch(choice -> !choice.finished)) {
      fail(502, "the upstream stream ended before it finished", out);
      return;
    }
    chunks
        .usage(id, usage == null ? GeminiAnswers.usage(Json.MAPPER.missingNode()) : usage)
        .ifPresent(chunk -> emit(chunk, out));
    emit("[DONE]", out);
    ended = true;
  }

  private void fail(int status, String message, StringBuilder out) {
    byte[] body = ErrorBody.of(Dialect.OPENAI_CHAT, status, message);
    emit(new String(body, StandardCharsets.UTF_8), out);
    ended = true;
  }

  private ObjectNode chunk(int index, ObjectNode delta, String finishReason) {
    return chunks.choice(id, index, delta, finishReason);
  }

  private static ObjectNode delta() {
    return Json.MAPPER.createObjectNode();
  }

  private static void emit(ObjectNode chunk, StringBuilder out) {
    emit(GeminiAnswers.write(chunk), out);
  }

  private static void emit(String data, StringBuilder out) {
    out.append(SseEvent.data(data).toText());
  }
}
