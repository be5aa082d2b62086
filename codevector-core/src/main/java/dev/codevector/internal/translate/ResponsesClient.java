package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.routing.InvalidRequestException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The client side of an OpenAI Responses client, such as Codex CLI: reads its request into a {@link
 * Conversation} and writes the answer as a Responses {@code response} or stream.
 *
 * <p>The request: {@code instructions} and {@code input} become turns (see {@link ResponsesInput}),
 * {@code tools} become function tools (see {@link ResponsesTools}), and:
 *
 * <ul>
 *   <li>{@code tool_choice} {@code auto|none|required} is kept, {@code {"type":"function",name}}
 *       and {@code {"type":"custom",name}} force that function, {@code allowed_tools} keeps only
 *       its mode, and a choice of a hosted tool is left out; {@code tool_choice} and {@code
 *       parallel_tool_calls} are kept only when a tool remains (OpenAI rejects them otherwise).
 *   <li>{@code max_output_tokens}, {@code temperature} and {@code top_p} are kept.
 *   <li>{@code reasoning} asks for reasoning at its {@code effort} (or the upstream's default when
 *       it gives only a {@code summary}); its {@code summary}, other than {@code none}, asks for
 *       the reasoning's text. An {@code effort} of {@code none} asks for no reasoning.
 *   <li>{@code text.format} {@code json_schema} gives the answer's schema; {@code json_object} has
 *       no counterpart in every upstream and is dropped. {@code safety_identifier}, else {@code
 *       user}, is the end user's id.
 *   <li>{@code previous_response_id} is refused: CodeVector stores no responses and no upstream can
 *       resolve one, so the client must send the whole conversation with {@code store: false}, as
 *       Codex does.
 *   <li>Everything else is dropped: {@code store}, {@code include}, {@code prompt_cache_key},
 *       {@code truncation}, {@code metadata}, {@code service_tier}, {@code text.verbosity}, and
 *       Codex's {@code client_metadata}.
 * </ul>
 *
 * <p>The answer, whole or streamed (see {@link ResponsesStreamWriter}), is a {@code response}
 * object with a fresh {@code resp_} id, {@code created_at} from the constructor, the client's model
 * name, a reasoning item per reasoning part, a message item for the text and one item per tool call
 * (see {@link ResponsesItems}); the output cap, the context window and a content filter leave it
 * {@code incomplete}.
 *
 * <p>Holds the client's model, the creation time, and what the request said that the answer needs
 * (its tools, whether it asked for reasoning summaries). Not thread-safe; one instance serves one
 * request.
 */
final class ResponsesClient implements ClientCodec {

  private final String model;
  private final long createdAt;
  private ResponsesItems items;

  /**
   * Creates the client side of one request.
   *
   * @param model the model name the client asked for, echoed in the answer
   * @param createdAt the response's {@code created_at}, in epoch seconds
   */
  ResponsesClient(String model, long createdAt) {
    this.model = Objects.requireNonNull(model, "model");
    this.createdAt = createdAt;
    this.items =
        new ResponsesItems(createdAt, model, new ResponsesTools(MissingNode.getInstance()), false);
  }

  @Override
  public Conversation read(ObjectNode request) {
    if (request.hasNonNull("previous_response_id")) {
      throw new InvalidRequestException(
          "previous_response_id",
          "this model's upstream cannot resolve stored responses; send the whole conversation as"
              + " input, with store: false");
    }
    ResponsesTools tools = new ResponsesTools(request.path("tools"));
    Conversation.Builder conversation = Conversation.builder();
    ResponsesInput.of(request, tools).forEach(conversation::turn);
    tools.specs().forEach(conversation::tool);
    if (!tools.specs().isEmpty()) {
      toolChoice(request.path("tool_choice"), tools).ifPresent(conversation::toolChoice);
      JsonNode parallel = request.path("parallel_tool_calls");
      if (parallel.isBoolean()) {
        conversation.parallelToolCalls(parallel.asBoolean());
      }
    }
    JsonNode maxOutputTokens = request.path("max_output_tokens");
    if (maxOutputTokens.canConvertToLong()) {
      conversation.maxOutputTokens(maxOutputTokens.asLong());
    }
    JsonText.number(request, "temperature").ifPresent(conversation::temperature);
    JsonText.number(request, "top_p").ifPresent(conversation::topP);
    Optional<ReasoningRequest> reasoning = reasoning(request.path("reasoning"));
    reasoning.ifPresent(conversation::reasoning);
    JsonNode format = request.path("text").path("format");
    if (JsonText.text(format, "type").equals("json_schema") && format.path("schema").isObject()) {
      conversation.jsonSchema((ObjectNode) format.get("schema").deepCopy());
    }
    String user = JsonText.text(request, "safety_identifier");
    user = user.isEmpty() ? JsonText.text(request, "user") : user;
    if (!user.isEmpty()) {
      conversation.user(user);
    }
    conversation.stream(request.path("stream").asBoolean(false));
    items =
        new ResponsesItems(
            createdAt, model, tools, reasoning.map(ReasoningRequest::showText).orElse(false));
    return conversation.build();
  }

  @Override
  public ObjectNode write(Reply reply) {
    return items.response(Objects.requireNonNull(reply, "reply"));
  }

  @Override
  public ReplyStreamWriter streamWriter() {
    return new ResponsesStreamWriter(items);
  }

  private static Optional<ToolChoice> toolChoice(JsonNode choice, ResponsesTools tools) {
    if (choice.isTextual()) {
      return switch (choice.asText()) {
        case "auto" -> Optional.of(ToolChoice.AUTO);
        case "none" -> Optional.of(ToolChoice.NONE);
        case "required" -> Optional.of(ToolChoice.REQUIRED);
        default -> Optional.empty();
      };
    }
    return switch (JsonText.text(choice, "type")) {
      case "function" -> named(tools.specName(choice));
      case "custom" -> named(JsonText.text(choice, "name"));
      case "allowed_tools" -> toolChoice(choice.path("mode"), tools);
      default -> Optional.empty();
    };
  }

  private static Optional<ToolChoice> named(String name) {
    return name.isEmpty() ? Optional.empty() : Optional.of(ToolChoice.named(name));
  }

  private static Optional<ReasoningRequest> reasoning(JsonNode reasoning) {
    String effort = JsonText.text(reasoning, "effort");
    String summary = JsonText.text(reasoning, "summary");
    if (effort.equals("none") || (effort.isEmpty() && summary.isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(
        new ReasoningRequest(
            effort.isEmpty() ? Optional.empty() : Optional.of(effort),
            OptionalLong.empty(),
            false,
            !summary.isEmpty() && !summary.equals("none")));
  }
}
