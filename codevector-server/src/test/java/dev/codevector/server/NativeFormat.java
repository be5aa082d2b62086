package dev.codevector.server;

import static dev.codevector.server.ConformanceTest.ARGUMENTS;
import static dev.codevector.server.ConformanceTest.DATA_URL;
import static dev.codevector.server.ConformanceTest.PNG;
import static dev.codevector.server.ConformanceTest.RESULT;
import static dev.codevector.server.ConformanceTest.TOOL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An upstream's own wire format as {@link ConformanceTest} needs it: the answers a mock of the
 * upstream plays (a text answer with token counts, a tool call, reasoning and text), and the checks
 * that a request the upstream received carries the instruction, turns, tools, tool results,
 * reasoning setting and image in that format.
 *
 * <p>Every text answer says {@code Hello} ({@code Hel} and {@code lo} when streamed) and counts 11
 * fresh input tokens, 3 cached ones where the format has them, and 7 output tokens. Streams are SSE
 * text; Bedrock's rows turn them into event-stream frames.
 *
 * <p>Stateless; thread-safe.
 */
abstract class NativeFormat {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A native answer, whole and streamed. */
  record Body(String json, String stream) {}

  /** Answers {@code Hello} with token counts. */
  abstract Body text();

  /** Answers with one call of {@code get_weather} for Paris. */
  abstract Body toolCall();

  /** Answers with the reasoning {@code Let me think.} and then the text {@code Hello}. */
  abstract Body reasoning();

  /** Returns the system instruction of a request. */
  abstract String instruction(JsonNode sent);

  /** Returns the turns of a request, each as {@code role: text}. */
  abstract List<String> turns(JsonNode sent);

  /** Checks that a request defines {@code get_weather} and a tool choice naming it. */
  abstract void checkToolDefinition(JsonNode sent);

  /** Checks that a request carries the call of {@code get_weather} and its result. */
  abstract void checkToolResult(JsonNode sent, String callId);

  /** Checks that a request asks for high-effort reasoning. */
  abstract void checkReasoning(JsonNode sent);

  /** Checks that a request's user turn carries the PNG. */
  abstract void checkImage(JsonNode sent);

  /** The id the format gives the tool call it answers with, if the format has ids. */
  abstract Optional<String> upstreamToolId();

  /** Whether the format counts cached input tokens. */
  boolean hasCachedTokens() {
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  /** JSON written with single quotes, so that it reads in Java; {@code \'} is an escaped quote. */
  static String j(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  static String sse(String event, String data) {
    return (event == null ? "" : "event: " + event + "\n") + "data: " + j(data) + "\n\n";
  }

  /** Splits SSE text into its events, each {event name or null, data}. */
  static List<String[]> events(String sse) {
    List<String[]> events = new ArrayList<>();
    for (String block : sse.replace("\r\n", "\n").split("\n\n")) {
      String event = null;
      StringBuilder data = new StringBuilder();
      for (String line : block.split("\n")) {
        if (line.startsWith("event:")) {
          event = line.substring("event:".length()).trim();
        } else if (line.startsWith("data:")) {
          data.append(line.substring("data:".length()).trim());
        }
      }
      if (data.length() > 0) {
        events.add(new String[] {event, data.toString()});
      }
    }
    return events;
  }

  static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of content: a string, or the text of its parts joined. */
  static String text(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode part : content) {
      if (part.has("text")) {
        text.append(part.get("text").asText());
      }
    }
    return text.toString();
  }

  /** Every object in a tree, depth first. */
  static List<JsonNode> objects(JsonNode root) {
    List<JsonNode> all = new ArrayList<>();
    collect(root, all);
    return all;
  }

  private static void collect(JsonNode node, List<JsonNode> all) {
    if (node.isObject()) {
      all.add(node);
    }
    if (node.isContainerNode()) {
      node.forEach(child -> collect(child, all));
    }
  }

  /** Returns the one object of a request that matches, failing with the request if none does. */
  static JsonNode find(JsonNode sent, String what, Predicate<JsonNode> test) {
    return objects(sent).stream()
        .filter(test)
        .findFirst()
        .orElseGet(
            () -> {
              fail("no " + what + " in " + sent);
              return null;
            });
  }

  static void assertArguments(JsonNode arguments) {
    JsonNode parsed = arguments.isTextual() ? parse(arguments.asText()) : arguments;
    assertEquals(parse(ARGUMENTS), parsed, "arguments of the call");
  }

  // ---------------------------------------------------------------------------------------------
  // The formats

  /** OpenAI Chat Completions, as OpenAI, Azure, Groq, DeepSeek, Moonshot and others speak it. */
  static final NativeFormat CHAT = new ChatFormat();

  /** OpenAI's Responses API. */
  static final NativeFormat RESPONSES = new ResponsesFormat();

  /** Anthropic Messages, as Anthropic, Vertex AI and Bedrock's InvokeModel speak it. */
  static final NativeFormat MESSAGES = new MessagesFormat();

  /** Gemini's generateContent, as the Gemini API and Vertex AI speak it. */
  static final NativeFormat GEMINI = new GeminiFormat();

  /** Cohere's v2 chat. */
  static final NativeFormat COHERE = new CohereFormat();

  /** Bedrock's Converse. */
  static final NativeFormat CONVERSE = new ConverseFormat();

  private static final String CHUNK =
      "{'id':'c1','object':'chat.completion.chunk','created':1,'model':'m','choices':[";

  private static class ChatFormat extends NativeFormat {
    @Override
    Body text() {
      return new Body(
          j(
              "{'id':'chatcmpl-1','object':'chat.completion','created':1,'model':'m','choices':"
                  + "[{'index':0,'message':{'role':'assistant','content':'Hello'},"
                  + "'finish_reason':'stop'}],'usage':{'prompt_tokens':14,'completion_tokens':7,"
                  + "'total_tokens':21,'prompt_tokens_details':{'cached_tokens':3}}}"),
          sse(null, CHUNK + "{'index':0,'delta':{'role':'assistant','content':'Hel'}}]}")
              + sse(null, CHUNK + "{'index':0,'delta':{'content':'lo'},'finish_reason':'stop'}]}")
              + usageChunk());
    }

    String usageChunk() {
      return sse(
              null,
              CHUNK
                  + "],'usage':{'prompt_tokens':14,'completion_tokens':7,'total_tokens':21,"
                  + "'prompt_tokens_details':{'cached_tokens':3}}}")
          + "data: [DONE]\n\n";
    }

    @Override
    Body toolCall() {
      return new Body(
          j(
              "{'id':'chatcmpl-1','object':'chat.completion','created':1,'model':'m','choices':"
                  + "[{'index':0,'message':{'role':'assistant','content':null,'tool_calls':[{"
                  + "'id':'call_up1','type':'function','function':{'name':'get_weather',"
                  + "'arguments':'{\\'city\\':\\'Paris\\'}'}}]},'finish_reason':'tool_calls'}],"
                  + "'usage':{'prompt_tokens':14,'completion_tokens':7,'total_tokens':21}}"),
          sse(
                  null,
                  CHUNK
                      + "{'index':0,'delta':{'role':'assistant','tool_calls':[{'index':0,"
                      + "'id':'call_up1','type':'function','function':{'name':'get_weather',"
                      + "'arguments':''}}]}}]}")
              + sse(
                  null,
                  CHUNK
                      + "{'index':0,'delta':{'tool_calls':[{'index':0,'function':{'arguments':"
                      + "'{\\'city\\':'}}]}}]}")
              + sse(
                  null,
                  CHUNK
                      + "{'index':0,'delta':{'tool_calls':[{'index':0,'function':{'arguments':"
                      + "'\\'Paris\\'}'}}]}}]}")
              + sse(null, CHUNK + "{'index':0,'delta':{},'finish_reason':'tool_calls'}]}")
              + usageChunk());
    }

    @Override
    Body reasoning() {
      return new Body(
          j(
              "{'id':'chatcmpl-1','object':'chat.completion','created':1,'model':'m','choices':"
                  + "[{'index':0,'message':{'role':'assistant','reasoning_content':'Let me think.',"
                  + "'content':'Hello'},'finish_reason':'stop'}],'usage':{'prompt_tokens':14,"
                  + "'completion_tokens':7,'total_tokens':21}}"),
          sse(
                  null,
                  CHUNK
                      + "{'index':0,'delta':{'role':'assistant','reasoning_content':'Let me '}}]}")
              + sse(null, CHUNK + "{'index':0,'delta':{'reasoning_content':'think.'}}]}")
              + sse(null, CHUNK + "{'index':0,'delta':{'content':'Hel'}}]}")
              + sse(null, CHUNK + "{'index':0,'delta':{'content':'lo'},'finish_reason':'stop'}]}")
              + usageChunk());
    }

    @Override
    String instruction(JsonNode sent) {
      StringBuilder instruction = new StringBuilder();
      for (JsonNode message : sent.path("messages")) {
        String role = message.path("role").asText();
        if (role.equals("system") || role.equals("developer")) {
          instruction.append(text(message.path("content")));
        }
      }
      return instruction.toString();
    }

    @Override
    List<String> turns(JsonNode sent) {
      List<String> turns = new ArrayList<>();
      for (JsonNode message : sent.path("messages")) {
        String role = message.path("role").asText();
        if (!role.equals("system") && !role.equals("developer")) {
          turns.add(role + ": " + text(message.path("content")));
        }
      }
      return turns;
    }

    @Override
    void checkToolDefinition(JsonNode sent) {
      JsonNode tool = sent.path("tools").path(0);
      assertEquals("function", tool.path("type").asText(), "tool type: " + sent);
      assertEquals(TOOL, tool.path("function").path("name").asText(), "tool name: " + sent);
      assertEquals(
          "string",
          tool.path("function")
              .path("parameters")
              .path("properties")
              .path("city")
              .path("type")
              .asText(),
          "tool parameters: " + sent);
      JsonNode choice = sent.path("tool_choice");
      assertEquals("function", choice.path("type").asText(), "tool_choice: " + sent);
      assertEquals(TOOL, choice.path("function").path("name").asText(), "tool_choice: " + sent);
    }

    @Override
    void checkToolResult(JsonNode sent, String callId) {
      JsonNode call =
          find(sent, "tool_calls[] entry", n -> n.has("function") && n.has("id")).deepCopy();
      assertEquals(callId, call.path("id").asText(), "call id: " + sent);
      assertEquals(TOOL, call.path("function").path("name").asText(), "call name: " + sent);
      assertArguments(call.path("function").path("arguments"));
      JsonNode result = find(sent, "tool message", n -> n.path("role").asText().equals("tool"));
      assertEquals(callId, result.path("tool_call_id").asText(), "tool_call_id: " + sent);
      assertEquals(RESULT, text(result.path("content")), "tool result: " + sent);
    }

    @Override
    void checkReasoning(JsonNode sent) {
      assertEquals("high", sent.path("reasoning_effort").asText(), "reasoning_effort: " + sent);
    }

    @Override
    void checkImage(JsonNode sent) {
      JsonNode part =
          find(sent, "image_url part", n -> n.path("type").asText().equals("image_url"));
      assertEquals(DATA_URL, part.path("image_url").path("url").asText(), "image url: " + sent);
    }

    @Override
    Optional<String> upstreamToolId() {
      return Optional.of("call_up1");
    }
  }

  private static final class CohereFormat extends ChatFormat {
    private static final String USAGE =
        "'usage':{'billed_units':{'input_tokens':14,'output_tokens':7},"
            + "'tokens':{'input_tokens':14,'output_tokens':7}}";

    @Override
    boolean hasCachedTokens() {
      return false;
    }

    @Override
    Body text() {
      return new Body(
          j(
              "{'id':'c1','finish_reason':'COMPLETE','message':{'role':'assistant','content':"
                  + "[{'type':'text','text':'Hello'}]},"
                  + USAGE
                  + "}"),
          start()
              + sse(
                  "content-start",
                  "{'type':'content-start','index':0,'delta':{'message':{'content':"
                      + "{'type':'text','text':''}}}}")
              + delta(0, "'text':'Hel'")
              + delta(0, "'text':'lo'")
              + sse("content-end", "{'type':'content-end','index':0}")
              + end("COMPLETE"));
    }

    private static String start() {
      return sse(
          "message-start",
          "{'type':'message-start','id':'c2','delta':{'message':{'role':'assistant'}}}");
    }

    private static String delta(int index, String content) {
      return sse(
          "content-delta",
          "{'type':'content-delta','index':"
              + index
              + ",'delta':{'message':{'content':{"
              + content
              + "}}}}");
    }

    private static String end(String reason) {
      return sse(
          "message-end",
          "{'type':'message-end','delta':{'finish_reason':'" + reason + "'," + USAGE + "}}");
    }

    @Override
    Body toolCall() {
      return new Body(
          j(
              "{'id':'c1','finish_reason':'TOOL_CALL','message':{'role':'assistant',"
                  + "'tool_calls':[{'id':'call_up1','type':'function','function':{"
                  + "'name':'get_weather','arguments':'{\\'city\\':\\'Paris\\'}'}}]},"
                  + USAGE
                  + "}"),
          start()
              + sse(
                  "tool-call-start",
                  "{'type':'tool-call-start','index':0,'delta':{'message':{'tool_calls':{"
                      + "'id':'call_up1','type':'function','function':{'name':'get_weather',"
                      + "'arguments':''}}}}}")
              + sse(
                  "tool-call-delta",
                  "{'type':'tool-call-delta','index':0,'delta':{'message':{'tool_calls':{"
                      + "'function':{'arguments':'{\\'city\\':\\'Paris\\'}'}}}}}")
              + sse("tool-call-end", "{'type':'tool-call-end','index':0}")
              + end("TOOL_CALL"));
    }

    @Override
    Body reasoning() {
      return new Body(
          j(
              "{'id':'c1','finish_reason':'COMPLETE','message':{'role':'assistant','content':"
                  + "[{'type':'thinking','thinking':'Let me think.'},{'type':'text','text':'Hello'}]},"
                  + USAGE
                  + "}"),
          start()
              + sse(
                  "content-start",
                  "{'type':'content-start','index':0,'delta':{'message':{'content':"
                      + "{'type':'thinking','thinking':''}}}}")
              + delta(0, "'thinking':'Let me think.'")
              + sse("content-end", "{'type':'content-end','index':0}")
              + sse(
                  "content-start",
                  "{'type':'content-start','index':1,'delta':{'message':{'content':"
                      + "{'type':'text','text':''}}}}")
              + delta(1, "'text':'Hel'")
              + delta(1, "'text':'lo'")
              + sse("content-end", "{'type':'content-end','index':1}")
              + end("COMPLETE"));
    }

    @Override
    void checkToolDefinition(JsonNode sent) {
      assertEquals(1, sent.path("tools").size(), "tools: " + sent);
      JsonNode tool = sent.path("tools").path(0);
      assertEquals("function", tool.path("type").asText(), "tool type: " + sent);
      assertEquals(TOOL, tool.path("function").path("name").asText(), "tool name: " + sent);
      assertEquals(
          "string",
          tool.path("function")
              .path("parameters")
              .path("properties")
              .path("city")
              .path("type")
              .asText(),
          "tool parameters: " + sent);
      assertEquals("REQUIRED", sent.path("tool_choice").asText(), "tool_choice: " + sent);
    }

    @Override
    void checkReasoning(JsonNode sent) {
      // Cohere's chat takes no reasoning effort; only the answer's reasoning is checked.
    }
  }

  private static final class ResponsesFormat extends NativeFormat {
    private static final String USAGE =
        "'usage':{'input_tokens':14,'input_tokens_details':{'cached_tokens':3},"
            + "'output_tokens':7,'output_tokens_details':{'reasoning_tokens':0},'total_tokens':21}";
    private static final String MESSAGE =
        "{'type':'message','id':'msg_1','status':'completed','role':'assistant','content':"
            + "[{'type':'output_text','text':'Hello','annotations':[]}]}";
    private static final String CALL =
        "{'type':'function_call','id':'fc_1','call_id':'call_up1','name':'get_weather',"
            + "'arguments':'{\\'city\\':\\'Paris\\'}','status':'completed'}";
    private static final String REASONING =
        "{'type':'reasoning','id':'rs_1','summary':[{'type':'summary_text','text':'Let me think.'}]}";

    private static String response(String status, String output) {
      return "{'id':'resp_1','object':'response','created_at':1,'status':'"
          + status
          + "','model':'gpt-4o','output':["
          + output
          + "],"
          + USAGE
          + "}";
    }

    private static String event(String type, String fields) {
      return sse(type, "{'type':'" + type + "'," + fields + "}");
    }

    private static String created() {
      return event(
          "response.created",
          "'sequence_number':0,'response':{'id':'resp_1','object':'response','created_at':1,"
              + "'status':'in_progress','model':'gpt-4o','output':[]}");
    }

    private static String messageEvents(int index) {
      return event(
              "response.output_item.added",
              "'output_index':"
                  + index
                  + ",'item':{'type':'message','id':'msg_1','status':'in_progress',"
                  + "'role':'assistant','content':[]}")
          + event(
              "response.content_part.added",
              "'item_id':'msg_1','output_index':"
                  + index
                  + ",'content_index':0,'part':{'type':'output_text','text':'','annotations':[]}")
          + event(
              "response.output_text.delta",
              "'item_id':'msg_1','output_index':" + index + ",'content_index':0,'delta':'Hel'")
          + event(
              "response.output_text.delta",
              "'item_id':'msg_1','output_index':" + index + ",'content_index':0,'delta':'lo'")
          + event(
              "response.output_text.done",
              "'item_id':'msg_1','output_index':" + index + ",'content_index':0,'text':'Hello'")
          + event(
              "response.content_part.done",
              "'item_id':'msg_1','output_index':"
                  + index
                  + ",'content_index':0,'part':{'type':'output_text','text':'Hello','annotations':[]}")
          + event("response.output_item.done", "'output_index':" + index + ",'item':" + MESSAGE);
    }

    @Override
    Body text() {
      return new Body(
          j(response("completed", MESSAGE)),
          created()
              + messageEvents(0)
              + event("response.completed", "'response':" + response("completed", MESSAGE)));
    }

    @Override
    Body toolCall() {
      return new Body(
          j(response("completed", CALL)),
          created()
              + event(
                  "response.output_item.added",
                  "'output_index':0,'item':{'type':'function_call','id':'fc_1',"
                      + "'call_id':'call_up1','name':'get_weather','arguments':'',"
                      + "'status':'in_progress'}")
              + event(
                  "response.function_call_arguments.delta",
                  "'item_id':'fc_1','output_index':0,'delta':'{\\'city\\':\\'Paris\\'}'")
              + event(
                  "response.function_call_arguments.done",
                  "'item_id':'fc_1','output_index':0,'arguments':'{\\'city\\':\\'Paris\\'}'")
              + event("response.output_item.done", "'output_index':0,'item':" + CALL)
              + event("response.completed", "'response':" + response("completed", CALL)));
    }

    @Override
    Body reasoning() {
      return new Body(
          j(response("completed", REASONING + "," + MESSAGE)),
          created()
              + event(
                  "response.output_item.added",
                  "'output_index':0,'item':{'type':'reasoning','id':'rs_1','summary':[]}")
              + event(
                  "response.reasoning_summary_part.added",
                  "'item_id':'rs_1','output_index':0,'summary_index':0,"
                      + "'part':{'type':'summary_text','text':''}")
              + event(
                  "response.reasoning_summary_text.delta",
                  "'item_id':'rs_1','output_index':0,'summary_index':0,'delta':'Let me think.'")
              + event(
                  "response.reasoning_summary_text.done",
                  "'item_id':'rs_1','output_index':0,'summary_index':0,'text':'Let me think.'")
              + event("response.output_item.done", "'output_index':0,'item':" + REASONING)
              + messageEvents(1)
              + event(
                  "response.completed",
                  "'response':" + response("completed", REASONING + "," + MESSAGE)));
    }

    @Override
    String instruction(JsonNode sent) {
      StringBuilder instruction = new StringBuilder(sent.path("instructions").asText(""));
      for (JsonNode item : sent.path("input")) {
        String role = item.path("role").asText();
        if (role.equals("system") || role.equals("developer")) {
          instruction.append(text(item.path("content")));
        }
      }
      return instruction.toString();
    }

    @Override
    List<String> turns(JsonNode sent) {
      List<String> turns = new ArrayList<>();
      JsonNode input = sent.path("input");
      if (input.isTextual()) {
        return List.of("user: " + input.asText());
      }
      for (JsonNode item : input) {
        String role = item.path("role").asText();
        if (item.path("type").asText("message").equals("message")
            && !role.equals("system")
            && !role.equals("developer")) {
          turns.add(role + ": " + text(item.path("content")));
        }
      }
      return turns;
    }

    @Override
    void checkToolDefinition(JsonNode sent) {
      JsonNode tool = sent.path("tools").path(0);
      assertEquals("function", tool.path("type").asText(), "tool type: " + sent);
      assertEquals(TOOL, tool.path("name").asText(), "tool name: " + sent);
      assertEquals(
          "string",
          tool.path("parameters").path("properties").path("city").path("type").asText(),
          "tool parameters: " + sent);
      JsonNode choice = sent.path("tool_choice");
      assertEquals("function", choice.path("type").asText(), "tool_choice: " + sent);
      assertEquals(TOOL, choice.path("name").asText(), "tool_choice: " + sent);
    }

    @Override
    void checkToolResult(JsonNode sent, String callId) {
      JsonNode call =
          find(sent, "function_call item", n -> n.path("type").asText().equals("function_call"));
      assertEquals(callId, call.path("call_id").asText(), "call_id: " + sent);
      assertEquals(TOOL, call.path("name").asText(), "call name: " + sent);
      assertArguments(call.path("arguments"));
      JsonNode output =
          find(
              sent,
              "function_call_output item",
              n -> n.path("type").asText().equals("function_call_output"));
      assertEquals(callId, output.path("call_id").asText(), "call_id of the output: " + sent);
      assertEquals(RESULT, text(output.path("output")), "output: " + sent);
    }

    @Override
    void checkReasoning(JsonNode sent) {
      assertEquals("high", sent.path("reasoning").path("effort").asText(), "reasoning: " + sent);
    }

    @Override
    void checkImage(JsonNode sent) {
      JsonNode part =
          find(sent, "input_image part", n -> n.path("type").asText().equals("input_image"));
      assertEquals(DATA_URL, part.path("image_url").asText(), "image_url: " + sent);
    }

    @Override
    Optional<String> upstreamToolId() {
      return Optional.of("call_up1");
    }
  }

  private static final class MessagesFormat extends NativeFormat {
    private static String message(String content, String stop, String usage) {
      return "{'id':'msg_1','type':'message','role':'assistant','model':'claude','content':["
          + content
          + "],'stop_reason':'"
          + stop
          + "','stop_sequence':null,'usage':"
          + usage
          + "}";
    }

    private static final String USAGE =
        "{'input_tokens':11,'cache_read_input_tokens':3,'cache_creation_input_tokens':0,"
            + "'output_tokens':7}";

    private static String start() {
      return sse(
          "message_start",
          "{'type':'message_start','message':{'id':'msg_1','type':'message','role':'assistant',"
              + "'model':'claude','content':[],'stop_reason':null,'stop_sequence':null,"
              + "'usage':{'input_tokens':11,'cache_read_input_tokens':3,"
              + "'cache_creation_input_tokens':0,'output_tokens':1}}}");
    }

    private static String block(int index, String block, String... deltas) {
      StringBuilder events =
          new StringBuilder(
              sse(
                  "content_block_start",
                  "{'type':'content_block_start','index':"
                      + index
                      + ",'content_block':"
                      + block
                      + "}"));
      for (String delta : deltas) {
        events.append(
            sse(
                "content_block_delta",
                "{'type':'content_block_delta','index':" + index + ",'delta':" + delta + "}"));
      }
      events.append(
          sse("content_block_stop", "{'type':'content_block_stop','index':" + index + "}"));
      return events.toString();
    }

    private static String end(String stop) {
      return sse(
              "message_delta",
              "{'type':'message_delta','delta':{'stop_reason':'"
                  + stop
                  + "','stop_sequence':null},'usage':{'output_tokens':7}}")
          + sse("message_stop", "{'type':'message_stop'}");
    }

    private static final String[] HELLO = {
      "{'type':'text_delta','text':'Hel'}", "{'type':'text_delta','text':'lo'}"
    };

    @Override
    Body text() {
      return new Body(
          j(message("{'type':'text','text':'Hello'}", "end_turn", USAGE)),
          start() + block(0, "{'type':'text','text':''}", HELLO) + end("end_turn"));
    }

    @Override
    Body toolCall() {
      return new Body(
          j(
              message(
                  "{'type':'tool_use','id':'toolu_up1','name':'get_weather',"
                      + "'input':{'city':'Paris'}}",
                  "tool_use",
                  USAGE)),
          start()
              + block(
                  0,
                  "{'type':'tool_use','id':'toolu_up1','name':'get_weather','input':{}}",
                  "{'type':'input_json_delta','partial_json':'{\\'city\\':'}",
                  "{'type':'input_json_delta','partial_json':'\\'Paris\\'}'}")
              + end("tool_use"));
    }

    @Override
    Body reasoning() {
      return new Body(
          j(
              message(
                  "{'type':'thinking','thinking':'Let me think.','signature':'sig1'},"
                      + "{'type':'text','text':'Hello'}",
                  "end_turn",
                  USAGE)),
          start()
              + block(
                  0,
                  "{'type':'thinking','thinking':''}",
                  "{'type':'thinking_delta','thinking':'Let me think.'}",
                  "{'type':'signature_delta','signature':'sig1'}")
              + block(1, "{'type':'text','text':''}", HELLO)
              + end("end_turn"));
    }

    @Override
    String instruction(JsonNode sent) {
      return text(sent.path("system"));
    }

    @Override
    List<String> turns(JsonNode sent) {
      List<String> turns = new ArrayList<>();
      for (JsonNode message : sent.path("messages")) {
        turns.add(message.path("role").asText() + ": " + text(message.path("content")));
      }
      return turns;
    }

    @Override
    void checkToolDefinition(JsonNode sent) {
      JsonNode tool = sent.path("tools").path(0);
      assertEquals(TOOL, tool.path("name").asText(), "tool name: " + sent);
      assertEquals(
          "string",
          tool.path("input_schema").path("properties").path("city").path("type").asText(),
          "tool input_schema: " + sent);
      JsonNode choice = sent.path("tool_choice");
      assertEquals("tool", choice.path("type").asText(), "tool_choice: " + sent);
      assertEquals(TOOL, choice.path("name").asText(), "tool_choice: " + sent);
    }

    @Override
    void checkToolResult(JsonNode sent, String callId) {
      JsonNode call = find(sent, "tool_use block", n -> n.path("type").asText().equals("tool_use"));
      assertEquals(callId, call.path("id").asText(), "tool_use id: " + sent);
      assertEquals(TOOL, call.path("name").asText(), "tool_use name: " + sent);
      assertArguments(call.path("input"));
      JsonNode result =
          find(sent, "tool_result block", n -> n.path("type").asText().equals("tool_result"));
      assertEquals(callId, result.path("tool_use_id").asText(), "tool_use_id: " + sent);
      assertEquals(RESULT, text(result.path("content")), "tool_result content: " + sent);
    }

    @Override
    void checkReasoning(JsonNode sent) {
      assertEquals("enabled", sent.path("thinking").path("type").asText(), "thinking: " + sent);
      assertEquals(
          4096, sent.path("thinking").path("budget_tokens").asInt(), "budget_tokens: " + sent);
    }

    @Override
    void checkImage(JsonNode sent) {
      JsonNode image = find(sent, "image block", n -> n.path("type").asText().equals("image"));
      JsonNode source = image.path("source");
      assertEquals("base64", source.path("type").asText(), "image source: " + sent);
      assertEquals("image/png", source.path("media_type").asText(), "image source: " + sent);
      assertEquals(PNG, source.path("data").asText(), "image data");
    }

    @Override
    Optional<String> upstreamToolId() {
      return Optional.of("toolu_up1");
    }
  }

  private static final class GeminiFormat extends NativeFormat {
    private static final String USAGE =
        "'usageMetadata':{'promptTokenCount':14,'cachedContentTokenCount':3,"
            + "'candidatesTokenCount':7,'totalTokenCount':21}";

    private static String answer(String parts, String finish, boolean usage) {
      return "{'candidates':[{'content':{'role':'model','parts':["
          + parts
          + "]},"
          + (finish == null ? "" : "'finishReason':'" + finish + "',")
          + "'index':0}]"
          + (usage ? "," + USAGE : "")
          + ",'responseId':'g1'}";
    }

    @Override
    Body text() {
      return new Body(
          j(answer("{'text':'Hello'}", "STOP", true)),
          sse(null, answer("{'text':'Hel'}", null, false))
              + sse(null, answer("{'text':'lo'}", "STOP", true)));
    }

    @Override
    Body toolCall() {
      String call = "{'functionCall':{'name':'get_weather','args':{'city':'Paris'}}}";
      return new Body(j(answer(call, "STOP", true)), sse(null, answer(call, "STOP", true)));
    }

    @Override
    Body reasoning() {
      return new Body(
          j(answer("{'text':'Let me think.','thought':true},{'text':'Hello'}", "STOP", true)),
          sse(null, answer("{'text':'Let me think.','thought':true}", null, false))
              + sse(null, answer("{'text':'Hel'}", null, false))
              + sse(null, answer("{'text':'lo'}", "STOP", true)));
    }

    @Override
    String instruction(JsonNode sent) {
      return text(sent.path("systemInstruction").path("parts"));
    }

    @Override
    List<String> turns(JsonNode sent) {
      List<String> turns = new ArrayList<>();
      for (JsonNode content : sent.path("contents")) {
        String role = content.path("role").asText();
        turns.add((role.equals("model") ? "assistant" : role) + ": " + text(content.path("parts")));
      }
      return turns;
    }

    @Override
    void checkToolDefinition(JsonNode sent) {
      JsonNode declaration = sent.path("tools").path(0).path("functionDeclarations").path(0);
      assertEquals(TOOL, declaration.path("name").asText(), "functionDeclarations: " + sent);
      assertTrue(
          declaration
              .path("parameters")
              .path("properties")
              .path("city")
              .path("type")
              .asText()
              .equalsIgnoreCase("string"),
          "parameters: " + sent);
      JsonNode config = sent.path("toolConfig").path("functionCallingConfig");
      assertEquals("ANY", config.path("mode").asText(), "functionCallingConfig: " + sent);
      assertEquals(
          List.of(TOOL),
          List.of(config.path("allowedFunctionNames").path(0).asText()),
          "allowedFunctionNames: " + sent);
      assertEquals(1, config.path("allowedFunctionNames").size(), "allowedFunctionNames: " + sent);
    }

    @Override
    void checkToolResult(JsonNode sent, String callId) {
      JsonNode call = find(sent, "functionCall part", n -> n.has("functionCall"));
      assertEquals(TOOL, call.path("functionCall").path("name").asText(), "functionCall: " + sent);
      assertArguments(call.path("functionCall").path("args"));
      JsonNode response = find(sent, "functionResponse part", n -> n.has("functionResponse"));
      assertEquals(
          TOOL,
          response.path("functionResponse").path("name").asText(),
          "functionResponse: " + sent);
      assertTrue(
          response.path("functionResponse").path("response").isObject()
              && response.path("functionResponse").path("response").toString().contains(RESULT),
          "functionResponse.response: " + sent);
    }

    @Override
    void checkReasoning(JsonNode sent) {
      JsonNode thinking = sent.path("generationConfig").path("thinkingConfig");
      assertEquals(4096, thinking.path("thinkingBudget").asInt(), "thinkingConfig: " + sent);
      assertTrue(thinking.path("includeThoughts").asBoolean(), "includeThoughts: " + sent);
    }

    @Override
    void checkImage(JsonNode sent) {
      JsonNode part = find(sent, "inlineData part", n -> n.has("inlineData"));
      assertEquals(
          "image/png", part.path("inlineData").path("mimeType").asText(), "inlineData: " + sent);
      assertEquals(PNG, part.path("inlineData").path("data").asText(), "inlineData data");
    }

    @Override
    Optional<String> upstreamToolId() {
      return Optional.empty();
    }
  }

  private static final class ConverseFormat extends NativeFormat {
    private static final String USAGE =
        "'usage':{'inputTokens':11,'cacheReadInputTokens':3,'outputTokens':7,'totalTokens':21}";

    private static String answer(String content, String stop) {
      return "{'output':{'message':{'role':'assistant','content':["
          + content
          + "]}},'stopReason':'"
          + stop
          + "',"
          + USAGE
          + ",'metrics':{'latencyMs':100}}";
    }

    private static String end(String stop) {
      return sse("messageStop", "{'stopReason':'" + stop + "'}")
          + sse("metadata", "{" + USAGE + ",'metrics':{'latencyMs':100}}");
    }

    private static String text(int index) {
      return sse("contentBlockDelta", "{'contentBlockIndex':" + index + ",'delta':{'text':'Hel'}}")
          + sse("contentBlockDelta", "{'contentBlockIndex':" + index + ",'delta':{'text':'lo'}}")
          + sse("contentBlockStop", "{'contentBlockIndex':" + index + "}");
    }

    private static final String START = sse("messageStart", "{'role':'assistant'}");

    @Override
    Body text() {
      return new Body(j(answer("{'text':'Hello'}", "end_turn")), START + text(0) + end("end_turn"));
    }

    @Override
    Body toolCall() {
      return new Body(
          j(
              answer(
                  "{'toolUse':{'toolUseId':'tooluse_up1','name':'get_weather',"
                      + "'input':{'city':'Paris'}}}",
                  "tool_use")),
          START
              + sse(
                  "contentBlockStart",
                  "{'contentBlockIndex':0,'start':{'toolUse':{'toolUseId':'tooluse_up1',"
                      + "'name':'get_weather'}}}")
              + sse(
                  "contentBlockDelta",
                  "{'contentBlockIndex':0,'delta':{'toolUse':{'input':"
                      + "'{\\'city\\':\\'Paris\\'}'}}}")
              + sse("contentBlockStop", "{'contentBlockIndex':0}")
              + end("tool_use"));
    }

    @Override
    Body reasoning() {
      return new Body(
          j(
              answer(
                  "{'reasoningContent':{'reasoningText':{'text':'Let me think.',"
                      + "'signature':'sig1'}}},{'text':'Hello'}",
                  "end_turn")),
          START
              + sse(
                  "contentBlockDelta",
                  "{'contentBlockIndex':0,'delta':{'reasoningContent':{'text':'Let me think.'}}}")
              + sse("contentBlockStop", "{'contentBlockIndex':0}")
              + text(1)
              + end("end_turn"));
    }

    @Override
    String instruction(JsonNode sent) {
      return NativeFormat.text(sent.path("system"));
    }

    @Override
    List<String> turns(JsonNode sent) {
      List<String> turns = new ArrayList<>();
      for (JsonNode message : sent.path("messages")) {
        turns.add(
            message.path("role").asText() + ": " + NativeFormat.text(message.path("content")));
      }
      return turns;
    }

    @Override
    void checkToolDefinition(JsonNode sent) {
      JsonNode spec = sent.path("toolConfig").path("tools").path(0).path("toolSpec");
      assertEquals(TOOL, spec.path("name").asText(), "toolSpec: " + sent);
      assertEquals(
          "string",
          spec.path("inputSchema")
              .path("json")
              .path("properties")
              .path("city")
              .path("type")
              .asText(),
          "inputSchema: " + sent);
      assertEquals(
          TOOL,
          sent.path("toolConfig").path("toolChoice").path("tool").path("name").asText(),
          "toolChoice: " + sent);
    }

    @Override
    void checkToolResult(JsonNode sent, String callId) {
      JsonNode call = find(sent, "toolUse block", n -> n.has("toolUse")).path("toolUse");
      assertEquals(callId, call.path("toolUseId").asText(), "toolUseId: " + sent);
      assertEquals(TOOL, call.path("name").asText(), "toolUse name: " + sent);
      assertArguments(call.path("input"));
      JsonNode result = find(sent, "toolResult block", n -> n.has("toolResult")).path("toolResult");
      assertEquals(callId, result.path("toolUseId").asText(), "toolResult toolUseId: " + sent);
      assertEquals(RESULT, NativeFormat.text(result.path("content")), "toolResult: " + sent);
    }

    @Override
    void checkReasoning(JsonNode sent) {
      fail("Converse takes no reasoning setting for this model: " + sent);
    }

    @Override
    void checkImage(JsonNode sent) {
      JsonNode image = find(sent, "image block", n -> n.has("image")).path("image");
      assertEquals("png", image.path("format").asText(), "image format: " + sent);
      assertEquals(PNG, image.path("source").path("bytes").asText(), "image bytes");
    }

    @Override
    Optional<String> upstreamToolId() {
      return Optional.of("tooluse_up1");
    }
  }
}
