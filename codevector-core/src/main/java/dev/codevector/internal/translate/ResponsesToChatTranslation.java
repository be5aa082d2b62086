package dev.codevector.internal.translate;

import static dev.codevector.internal.translate.ResponsesJson.copy;
import static dev.codevector.internal.translate.ResponsesJson.object;
import static dev.codevector.internal.translate.ResponsesJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Objects;
import java.util.Optional;

/**
 * Serves an OpenAI Responses client, such as Codex CLI, from an OpenAI Chat Completions upstream.
 *
 * <p>The request: {@code instructions} and {@code input} become {@code messages} (see {@link
 * ResponsesMessages}), {@code tools} become function tools (see {@link ResponsesTools}), and:
 *
 * <ul>
 *   <li>{@code tool_choice} {@code auto|none|required} is kept, {@code {"type":"function",name}}
 *       and {@code {"type":"custom",name}} force that function, {@code allowed_tools} keeps only
 *       its mode, and a choice of a hosted tool is left out; {@code tool_choice} and {@code
 *       parallel_tool_calls} are sent only when a tool remains (OpenAI rejects them otherwise).
 *   <li>{@code max_output_tokens} becomes {@code max_completion_tokens} for OpenAI and Azure, else
 *       {@code max_tokens}; {@code temperature} and {@code top_p} are copied; {@code
 *       reasoning.effort} becomes {@code reasoning_effort} for OpenAI and Azure only.
 *   <li>{@code text.format} {@code json_schema} and {@code json_object} become {@code
 *       response_format}; {@code safety_identifier}, else {@code user}, becomes {@code user}.
 *   <li>{@code stream} is kept, with {@code stream_options.include_usage} when true, since {@code
 *       response.completed} must carry usage.
 *   <li>Everything else is dropped: {@code store}, {@code include}, {@code prompt_cache_key},
 *       {@code truncation}, {@code metadata}, {@code service_tier}, {@code text.verbosity}, {@code
 *       reasoning.summary}, Codex's {@code client_metadata}, and {@code previous_response_id}:
 *       Codex sends the full history with {@code store:false} on every turn and never relies on it.
 * </ul>
 *
 * <p>The answer, whole or streamed (see {@link ResponsesStream}), is a {@code response} object with
 * a fresh {@code resp_} id, {@code created_at} from the constructor, the client's model name, a
 * message item for the text and one item per tool call; {@code length} and {@code content_filter}
 * leave it {@code incomplete}.
 *
 * <p>Holds the route, the creation time, and the tools learned from the request for naming and
 * unwrapping the upstream's calls. Not thread-safe; one instance serves one request.
 */
final class ResponsesToChatTranslation implements Translation {

  private final TranslationContext context;
  private final long createdAt;
  private ResponsesTools tools = new ResponsesTools(MissingNode.getInstance());
  private ResponsesStream stream;

  /**
   * Creates the translation of one request.
   *
   * @param context the request's route
   * @param createdAt the response's {@code created_at}, in epoch seconds
   */
  ResponsesToChatTranslation(TranslationContext context, long createdAt) {
    this.context = Objects.requireNonNull(context, "context");
    this.createdAt = createdAt;
  }

  @Override
  public ObjectNode request(ObjectNode clientRequest) {
    tools = new ResponsesTools(clientRequest.path("tools"));
    ObjectNode chat = object().put("model", context.upstreamModel());
    chat.set("messages", ResponsesMessages.of(clientRequest, tools));
    if (!tools.isEmpty()) {
      chat.set("tools", tools.chatTools());
      toolChoice(clientRequest.path("tool_choice")).ifPresent(c -> chat.set("tool_choice", c));
      copy(clientRequest, "parallel_tool_calls", chat, "parallel_tool_calls");
    }
    boolean openAi = context.usesMaxCompletionTokens();
    copy(clientRequest, "max_output_tokens", chat, openAi ? "max_completion_tokens" : "max_tokens");
    copy(clientRequest, "temperature", chat, "temperature");
    copy(clientRequest, "top_p", chat, "top_p");
    if (openAi) {
      copy(clientRequest.path("reasoning"), "effort", chat, "reasoning_effort");
    }
    responseFormat(clientRequest.path("text").path("format"))
        .ifPresent(format -> chat.set("response_format", format));
    copy(clientRequest, "user", chat, "user");
    copy(clientRequest, "safety_identifier", chat, "user");
    copy(clientRequest, "stream", chat, "stream");
    if (clientRequest.path("stream").asBoolean(false)) {
      chat.putObject("stream_options").put("include_usage", true);
    }
    return chat;
  }

  @Override
  public ObjectNode response(ObjectNode upstreamResponse) {
    return output().translate(upstreamResponse);
  }

  @Override
  public StreamTranslator stream() {
    if (stream == null) {
      stream = new ResponsesStream(output());
    }
    return stream;
  }

  private ResponsesOutput output() {
    return new ResponsesOutput(createdAt, context.clientModel(), tools);
  }

  private Optional<JsonNode> toolChoice(JsonNode choice) {
    if (choice.isTextual()) {
      String mode = choice.asText();
      return isMode(mode) ? Optional.of(TextNode.valueOf(mode)) : Optional.empty();
    }
    return switch (text(choice.path("type"))) {
      case "function" -> Optional.of(forcedFunction(tools.chatName(choice)));
      case "custom" -> Optional.of(forcedFunction(text(choice.path("name"))));
      case "allowed_tools" -> toolChoice(choice.path("mode"));
      default -> Optional.empty();
    };
  }

  private static boolean isMode(String mode) {
    return mode.equals("auto") || mode.equals("none") || mode.equals("required");
  }

  private static JsonNode forcedFunction(String name) {
    ObjectNode choice = object().put("type", "function");
    choice.putObject("function").put("name", name);
    return choice;
  }

  /**
   * Returns Chat's {@code response_format} for a Responses {@code text.format}; plain text needs
   * none.
   */
  private static Optional<JsonNode> responseFormat(JsonNode format) {
    return switch (text(format.path("type"))) {
      case "json_object" -> Optional.of(object().put("type", "json_object"));
      case "json_schema" -> {
        ObjectNode schema = object();
        String name = text(format.path("name"));
        schema.put("name", name.isEmpty() ? "response" : name);
        copy(format, "description", schema, "description");
        copy(format, "schema", schema, "schema");
        copy(format, "strict", schema, "strict");
        ObjectNode responseFormat = object().put("type", "json_schema");
        responseFormat.set("json_schema", schema);
        yield Optional.of(responseFormat);
      }
      default -> Optional.empty();
    };
  }
}
