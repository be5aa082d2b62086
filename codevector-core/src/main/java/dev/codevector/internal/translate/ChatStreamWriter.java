package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.wire.ErrorBody;
import dev.codevector.wire.SseEvent;
import java.util.function.Consumer;

/**
 * Writes {@link ReplyEvent}s as an OpenAI Chat chunk stream, each chunk as soon as its event
 * arrives.
 *
 * <p>Chunks share one id ({@code chatcmpl-} and the upstream's id), {@code created} and the
 * client's model name; with {@code include_usage}, each carries {@code "usage":null} except the
 * usage chunk. Event order guaranteed to the client: a first chunk with the assistant role; content
 * and tool-call chunks, tool calls numbered by {@code index} counting tool calls only; one chunk
 * with the {@code finish_reason} ({@code stop} at the end if the upstream gave none); the usage
 * chunk ({@code choices:[]}) only if the client asked for it; then {@code data: [DONE]}. Reasoning
 * sends nothing.
 *
 * <p>Ends: a failure becomes {@code data: {"error":{"message","type","code":null}}}, its type
 * Anthropic's name for the failure's status (OpenAI SDKs pass it on as it is), and nothing follows,
 * no {@code [DONE]} either; so does an end of stream before the upstream completed it.
 *
 * <p>Holds the state of one stream. Not thread-safe; confine to the request's thread.
 */
final class ChatStreamWriter extends ReplyStreamWriter {
  private final ChatChunks chunks;

  private String chunkId = ChatClient.chatId("");
  private TokenUsage usage = TokenUsage.NONE;
  private boolean finishSent;

  /**
   * Creates the writer of one stream.
   *
   * @param clientModel the model name to echo in every chunk
   * @param created the chunks' {@code created} time, in epoch seconds
   * @param includeUsage whether the client asked for a usage chunk
   */
  ChatStreamWriter(String clientModel, long created, boolean includeUsage) {
    this.chunks = new ChatChunks(clientModel, created, includeUsage);
  }

  @Override
  void write(ReplyEvent event, Consumer<SseEvent> client) {
    if (event instanceof ReplyEvent.Started started) {
      chunkId = ChatClient.chatId(started.id());
      ObjectNode delta = Json.MAPPER.createObjectNode().put("role", "assistant");
      emit(chunk(delta.put("content", ""), null), client);
    } else if (event instanceof ReplyEvent.TextDelta text) {
      emit(chunk(Json.MAPPER.createObjectNode().put("content", text.text()), null), client);
    } else if (event instanceof ReplyEvent.ReasoningDelta reasoning) {
      emit(
          chunk(Json.MAPPER.createObjectNode().put("reasoning_content", reasoning.text()), null),
          client);
    } else if (event instanceof ReplyEvent.ToolCallStarted call) {
      ObjectNode toolCall = Json.MAPPER.createObjectNode().put("index", call.index());
      toolCall.put("id", call.id()).put("type", "function");
      toolCall.putObject("function").put("name", call.name()).put("arguments", "");
      emit(chunks.toolCall(chunkId, toolCall), client);
    } else if (event instanceof ReplyEvent.ToolArgumentsDelta arguments) {
      ObjectNode toolCall = Json.MAPPER.createObjectNode().put("index", arguments.index());
      toolCall.putObject("function").put("arguments", arguments.fragment());
      emit(chunks.toolCall(chunkId, toolCall), client);
    } else if (event instanceof ReplyEvent.Finished finished) {
      finish(finished.reason(), client);
    } else if (event instanceof ReplyEvent.UsageReported reported) {
      usage = reported.usage();
    } else if (event instanceof ReplyEvent.Completed) {
      complete(client);
    } else if (event instanceof ReplyEvent.Failed failed) {
      fail(ErrorBody.anthropicType(failed.status()), failed.message(), client);
    }
    // A seal stays behind: no Chat client sends reasoning back.
  }

  @Override
  void end(Consumer<SseEvent> client) {
    if (finishSent) {
      complete(client);
    } else {
      fail("api_error", StreamErrors.ENDED_EARLY, client);
    }
  }

  /** Ends the stream cleanly: the finish chunk if none went yet, usage if asked, {@code [DONE]}. */
  private void complete(Consumer<SseEvent> client) {
    finish(StopReason.END_TURN, client);
    chunks.usage(chunkId, usage.toOpenAi()).ifPresent(chunk -> emit(chunk, client));
    client.accept(SseEvent.data("[DONE]"));
    markEnded();
  }

  /** Sends the finish chunk once, for the first stop reason seen. */
  private void finish(StopReason reason, Consumer<SseEvent> client) {
    if (!finishSent) {
      finishSent = true;
      emit(chunk(Json.MAPPER.createObjectNode(), reason.openAi()), client);
    }
  }

  private void fail(String type, String message, Consumer<SseEvent> client) {
    client.accept(StreamErrors.openAi(message, type));
    markEnded();
  }

  private ObjectNode chunk(ObjectNode delta, String finishReason) {
    return chunks.choice(chunkId, 0, delta, finishReason);
  }

  private static void emit(ObjectNode chunk, Consumer<SseEvent> client) {
    client.accept(SseEvent.data(JsonText.write(chunk)));
  }
}
