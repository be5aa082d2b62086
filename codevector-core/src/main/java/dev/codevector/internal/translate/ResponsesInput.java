package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.routing.InvalidRequestException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the {@code instructions} and {@code input} of one Responses request into {@link Turn}s.
 *
 * <ul>
 *   <li>{@code instructions} become the leading system turn; an {@code input} string becomes one
 *       user turn.
 *   <li>{@code message} items keep their place: {@code system} and {@code developer} become system
 *       turns (text parts joined by a blank line), {@code user} messages keep text, image ({@code
 *       image_url}, a {@code data:} URL or any other) and file ({@code file_data}) parts, and
 *       {@code assistant} messages keep their text, refusals included, as one text part. Images and
 *       files by {@code file_id}, and files by URL, are refused: nothing stored can be fetched.
 *   <li>{@code function_call} and {@code custom_tool_call} items become tool calls of the assistant
 *       turn just before them, or of a new one; a custom call's raw input travels as the arguments
 *       {@code {"input": …}}, and a call without arguments takes {@code {}}.
 *   <li>{@code function_call_output} and {@code custom_tool_call_output} items become tool results
 *       of one user turn per run of outputs: their text parts joined by a blank line, then their
 *       images. An output whose call is not in the input is dropped, since every upstream rejects a
 *       result that answers no call.
 *   <li>{@code reasoning} items become reasoning parts (see {@link ResponsesReasoning}) opening an
 *       assistant turn, which the assistant message and calls after them join.
 *   <li>{@code item_reference} is refused, since nothing stored can be referenced; the other items
 *       only OpenAI's Responses service can read ({@code web_search_call}, {@code compaction} and
 *       the like) are dropped.
 * </ul>
 *
 * <p>Prompt caching: the last text of the system turns and the last text of the conversation (in
 * the last tool result when that is where it is) carry a cache breakpoint. Codex resends its long
 * instructions and the whole history on every turn, so an Anthropic upstream then reads all of it
 * but the newest turn from its cache; other upstreams ignore breakpoints.
 *
 * <p>Holds the turns built so far, the call ids seen and the turn that a following call joins. Not
 * thread-safe; one instance reads one request.
 */
final class ResponsesInput {

  /** A turn while it is being built. */
  private record Draft(Turn.Role role, List<Part> parts) {}

  private final ResponsesTools tools;
  private final List<Draft> drafts = new ArrayList<>();
  private final Set<String> callIds = new HashSet<>();

  /** The assistant turn the next call joins; null when another role came last. */
  private Draft assistant;

  /** The user turn the next tool output joins; null when another item came last. */
  private Draft results;

  private ResponsesInput(ResponsesTools tools) {
    this.tools = tools;
  }

  /**
   * Returns the turns of a Responses request.
   *
   * @param request the Responses request
   * @param tools the request's tools, which name the calls in its history
   * @return the turns, never empty
   * @throws InvalidRequestException if an item or content part cannot be sent to any upstream, or
   *     nothing is left to send
   */
  static List<Turn> of(JsonNode request, ResponsesTools tools) {
    ResponsesInput reader = new ResponsesInput(tools);
    String instructions = JsonText.text(request, "instructions");
    if (!instructions.isEmpty()) {
      reader.add(Turn.Role.SYSTEM, Part.Text.of(instructions));
    }
    JsonNode input = request.path("input");
    if (input.isTextual()) {
      reader.add(Turn.Role.USER, Part.Text.of(input.asText()));
    }
    JsonNode items = JsonText.array(input);
    for (int i = 0; i < items.size(); i++) {
      reader.item(items.get(i), "input[" + i + "]");
    }
    if (reader.drafts.stream().noneMatch(draft -> draft.role() != Turn.Role.SYSTEM)) {
      throw new InvalidRequestException("input", "the request has no input to send");
    }
    reader.markCacheBreakpoints();
    List<Turn> turns = new ArrayList<>();
    for (Draft draft : reader.drafts) {
      turns.add(new Turn(draft.role(), draft.parts()));
    }
    return turns;
  }

  private void item(JsonNode item, String param) {
    String type = JsonText.text(item, "type");
    switch (type.isEmpty() && item.has("role") ? "message" : type) {
      case "message" -> message(item, param);
      case "function_call" -> {
        String arguments = JsonText.text(item, "arguments");
        call(item, param, tools.specName(item), arguments.isBlank() ? "{}" : arguments);
      }
      case "custom_tool_call" -> {
        ObjectNode wrapped =
            Json.MAPPER.createObjectNode().put("input", JsonText.text(item, "input"));
        call(item, param, JsonText.text(item, "name"), JsonText.write(wrapped));
      }
      case "function_call_output", "custom_tool_call_output" -> output(item, param);
      case "reasoning" -> ResponsesReasoning.read(item).ifPresent(this::reasoning);
      case "item_reference" ->
          throw new InvalidRequestException(
              param, "item references need stored responses, which this model's upstream lacks");
      default -> {
        // Service-side items: dropped, see the class documentation.
      }
    }
  }

  private void message(JsonNode item, String param) {
    String role = item.has("role") ? JsonText.text(item, "role") : "user";
    JsonNode content = item.path("content");
    String contentParam = param + ".content";
    switch (role) {
      case "system", "developer" -> {
        String text = contentText(content, contentParam, "\n\n");
        if (!text.isEmpty()) {
          add(Turn.Role.SYSTEM, Part.Text.of(text));
        }
      }
      case "assistant" -> {
        String text = contentText(content, contentParam, "");
        if (!text.isEmpty()) {
          assistantPart(Part.Text.of(text));
        }
      }
      case "user" -> {
        List<Part> parts = userContent(content, contentParam);
        if (!parts.isEmpty()) {
          add(Turn.Role.USER, parts.toArray(Part[]::new));
        }
      }
      default ->
          throw new InvalidRequestException(param + ".role", "unknown message role '" + role + "'");
    }
  }

  /**
   * Adds assistant text: to the open assistant turn when it holds only reasoning, else as a new
   * turn, as each assistant message was one message of its own.
   */
  private void assistantPart(Part.Text text) {
    if (assistant != null
        && assistant.parts().stream().allMatch(Part.Reasoning.class::isInstance)) {
      assistant.parts().add(text);
      return;
    }
    add(Turn.Role.ASSISTANT, text);
  }

  private void reasoning(Part.Reasoning reasoning) {
    if (assistant == null) {
      add(Turn.Role.ASSISTANT, reasoning);
    } else {
      assistant.parts().add(reasoning);
    }
  }

  private void call(JsonNode item, String param, String name, String arguments) {
    String callId = JsonText.text(item, "call_id");
    if (callId.isEmpty()) {
      throw new InvalidRequestException(param + ".call_id", "the tool call has no call_id");
    }
    Part.ToolCall call = new Part.ToolCall(callId, name, arguments);
    if (assistant == null) {
      add(Turn.Role.ASSISTANT, call);
    } else {
      assistant.parts().add(call);
    }
    callIds.add(callId);
  }

  private void output(JsonNode item, String param) {
    String callId = JsonText.text(item, "call_id");
    if (!callIds.contains(callId)) {
      return;
    }
    JsonNode output = item.path("output");
    List<String> texts = new ArrayList<>();
    List<Part> images = new ArrayList<>();
    if (output.isTextual()) {
      texts.add(output.asText());
    } else if (output.isArray()) {
      for (int i = 0; i < output.size(); i++) {
        JsonNode part = output.get(i);
        if (JsonText.text(part, "type").equals("input_image")) {
          images.add(image(part, param + ".output[" + i + "]"));
        } else if (!JsonText.text(part, "text").isEmpty()) {
          texts.add(JsonText.text(part, "text"));
        }
      }
    } else if (!output.isMissingNode() && !output.isNull()) {
      texts.add(JsonText.write(output));
    }
    List<Part> content = new ArrayList<>();
    if (!texts.isEmpty() || images.isEmpty()) {
      content.add(Part.Text.of(String.join("\n\n", texts)));
    }
    content.addAll(images);
    Part.ToolResult result = new Part.ToolResult(callId, content, false);
    if (results == null) {
      add(Turn.Role.USER, result);
      results = drafts.get(drafts.size() - 1);
    } else {
      results.parts().add(result);
    }
  }

  /** Adds a turn, which ends the run of the assistant turn and of the tool results before it. */
  private void add(Turn.Role role, Part... parts) {
    Draft draft = new Draft(role, new ArrayList<>(List.of(parts)));
    drafts.add(draft);
    assistant = role == Turn.Role.ASSISTANT ? draft : null;
    results = null;
  }

  private void markCacheBreakpoints() {
    Draft lastSystem = null;
    for (Draft draft : drafts) {
      if (draft.role() == Turn.Role.SYSTEM) {
        lastSystem = draft;
      }
    }
    if (lastSystem != null) {
      markLastText(lastSystem.parts());
    }
    for (int i = drafts.size() - 1; i >= 0; i--) {
      Draft draft = drafts.get(i);
      if (draft.role() != Turn.Role.SYSTEM && markLastText(draft.parts())) {
        return;
      }
    }
  }

  /** Marks the last text among parts, looking inside tool results; returns whether it found one. */
  private static boolean markLastText(List<Part> parts) {
    for (int i = parts.size() - 1; i >= 0; i--) {
      Part part = parts.get(i);
      if (part instanceof Part.Text text) {
        parts.set(i, new Part.Text(text.text(), true));
        return true;
      }
      if (part instanceof Part.ToolResult result) {
        List<Part> content = new ArrayList<>(result.content());
        if (markLastText(content)) {
          parts.set(i, new Part.ToolResult(result.callId(), content, result.error()));
          return true;
        }
      }
    }
    return false;
  }

  /** Returns the text of a system or assistant message's content; refusals count as text. */
  private static String contentText(JsonNode content, String param, String separator) {
    if (content.isTextual()) {
      return content.asText();
    }
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < content.size(); i++) {
      JsonNode part = content.get(i);
      String text =
          switch (JsonText.text(part, "type")) {
            case "input_text", "output_text", "text" -> JsonText.text(part, "text");
            case "refusal" -> JsonText.text(part, "refusal");
            default -> throw unsupportedPart(part, param + "[" + i + "]");
          };
      if (!text.isEmpty()) {
        texts.add(text);
      }
    }
    return String.join(separator, texts);
  }

  private static List<Part> userContent(JsonNode content, String param) {
    if (content.isTextual()) {
      return List.of(Part.Text.of(content.asText()));
    }
    List<Part> parts = new ArrayList<>();
    for (int i = 0; i < content.size(); i++) {
      JsonNode part = content.get(i);
      String partParam = param + "[" + i + "]";
      switch (JsonText.text(part, "type")) {
        case "input_text", "output_text", "text" ->
            parts.add(Part.Text.of(JsonText.text(part, "text")));
        case "input_image" -> parts.add(image(part, partParam));
        case "input_file" -> parts.add(document(part, partParam));
        default -> throw unsupportedPart(part, partParam);
      }
    }
    return parts;
  }

  private static Part.Image image(JsonNode part, String param) {
    String url = JsonText.text(part, "image_url");
    if (url.isEmpty()) {
      throw new InvalidRequestException(
          param, "images by file_id cannot be sent to this model's upstream; send an image_url");
    }
    String detail = JsonText.text(part, "detail");
    boolean known = detail.equals("auto") || detail.equals("low") || detail.equals("high");
    return Part.Image.ofUrl(url, known ? detail : "");
  }

  /**
   * Returns a file given as {@code file_data}: a base64 {@code data:} URL, or bare base64 taken as
   * a PDF, the one document type every upstream reads.
   */
  private static Part.Document document(JsonNode part, String param) {
    String data = JsonText.text(part, "file_data");
    if (data.isEmpty()) {
      throw new InvalidRequestException(
          param, "files by file_id or URL cannot be sent to this model's upstream; send file_data");
    }
    Part.Image asUrl = Part.Image.ofUrl(data, "");
    boolean dataUrl = asUrl.inline() && data.startsWith("data:");
    return new Part.Document(
        dataUrl ? asUrl.mediaType() : "application/pdf",
        dataUrl ? asUrl.data() : data,
        JsonText.text(part, "filename"));
  }

  private static InvalidRequestException unsupportedPart(JsonNode part, String param) {
    return new InvalidRequestException(
        param,
        "content of type '"
            + JsonText.text(part, "type")
            + "' has no counterpart on this model's upstream");
  }
}
