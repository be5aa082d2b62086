package dev.codevector.server;

import static dev.codevector.server.HostileGateway.CHAT;
import static dev.codevector.server.HostileGateway.Call.BEARER;
import static dev.codevector.server.HostileGateway.Call.JSON_TYPE;
import static dev.codevector.server.HostileGateway.MESSAGES;

import dev.codevector.server.HostileGateway.Call;
import dev.codevector.server.HostileGateway.Expect;
import dev.codevector.server.HostileGateway.Shape;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile requests to the proxy endpoints, each through the running server over loopback: bad and
 * oversized JSON, wrong types, odd header bytes, path tricks, odd slugs and keys in the wrong
 * places. Each gets its status in the caller's dialect (Anthropic for {@code /v1/messages*}, OpenAI
 * for the others), reaches no upstream unless it is served, and leaves the server serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class HostileProxyRequestsTest {
  private static final String CHAT_PATH = "/v1/chat/completions";
  private static final String MESSAGES_PATH = "/v1/messages";
  private static final String COUNT_PATH = "/v1/messages/count_tokens";
  private static final String RESPONSES_PATH = "/v1/responses";
  private static final String EMBEDDINGS_PATH = "/v1/embeddings";
  private static final int OVER_THE_LIMIT = 33 * 1024 * 1024;

  @RegisterExtension static final HostileGateway GATEWAY = new HostileGateway();

  /** One hostile request and what it must get. */
  record Case(String name, Call call, Expect expect, int upstreamCalls) {
    @Override
    public String toString() {
      return name;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void hostileRequestGetsItsAnswerInTheCallersDialectAndTheServerStaysHealthy(Case each) {
    GATEWAY.expect(each.call(), each.expect(), each.upstreamCalls());
  }

  /** A request refused with a status, in the dialect of its path, before any upstream call. */
  private static Case refused(String name, Call call, int status) {
    return new Case(name, call, Expect.error(status, Shape.of(call.target())), 0);
  }

  private static Case refused(String name, String path, String json, int status) {
    return refused(name, Call.post(path, json), status);
  }

  /** A request that is served, by one call to the upstream. */
  private static Case served(String name, Call call) {
    return new Case(name, call, Expect.served(), 1);
  }

  /** A path trick: some JSON error among the statuses given, and no upstream call. */
  private static Case trick(String name, Call call, Shape shape, Integer... statuses) {
    return new Case(name, call, Expect.among(shape, statuses), 0);
  }

  private static Supplier<byte[]> bytes(String text) {
    return () -> text.getBytes(StandardCharsets.UTF_8);
  }

  /** A body made of a head, a part repeated, and a tail, built when sent. */
  private static Supplier<byte[]> repeated(String head, String part, int times, String tail) {
    return () -> {
      StringBuilder body = new StringBuilder(head.length() + part.length() * times + tail.length());
      body.append(head).append(part.repeat(times)).append(tail);
      return body.toString().getBytes(StandardCharsets.UTF_8);
    };
  }

  private static Call postWith(String path, Supplier<byte[]> body, String... headers) {
    return Call.post(path, body, headers);
  }

  private static String chatWithModel(String model) {
    return "{\"model\":" + model + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  }

  private static String messagesWithModel(String model) {
    return "{\"model\":"
        + model
        + ",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  }

  Stream<Case> cases() {
    return Stream.of(
            badJson(), sizesAndShapes(), wrongTypes(), headers(), pathTricks(), slugs(), keys())
        .flatMap(s -> s);
  }

  private static Stream<Case> badJson() {
    String truncated = "{\"model\":\"gpt-main\",\"messages\":[{\"role\":\"user\",\"con";
    return Stream.of(
        refused("truncated JSON to chat completions", CHAT_PATH, truncated, 400),
        refused("truncated JSON to messages", MESSAGES_PATH, truncated, 400),
        refused("truncated JSON to count_tokens", COUNT_PATH, truncated, 400),
        refused("truncated JSON to responses", RESPONSES_PATH, truncated, 400),
        refused("truncated JSON to embeddings", EMBEDDINGS_PATH, truncated, 400),
        refused("unquoted names to chat completions", CHAT_PATH, "{model: gpt-main}", 400),
        refused("double comma to messages", MESSAGES_PATH, "{\"model\":\"claude-main\",,}", 400),
        refused("an array instead of an object to chat completions", CHAT_PATH, "[]", 400),
        refused("a number instead of an object to messages", MESSAGES_PATH, "42", 400),
        refused("a string instead of an object to responses", RESPONSES_PATH, "\"hi\"", 400),
        refused("null instead of an object to chat completions", CHAT_PATH, "null", 400),
        refused("an empty body to chat completions", CHAT_PATH, "", 400),
        refused("an empty body to messages", MESSAGES_PATH, "", 400),
        refused("two documents to chat completions", CHAT_PATH, CHAT + " " + CHAT, 400),
        refused("garbage after the document to messages", MESSAGES_PATH, MESSAGES + "xyz", 400),
        refused(
            "NaN as a number to chat completions",
            CHAT_PATH,
            "{\"model\":\"gpt-main\",\"temperature\":NaN,\"messages\":[]}",
            400),
        refused("a comment in the document to messages", MESSAGES_PATH, "/* hi */" + MESSAGES, 400),
        refused(
            "a duplicate model to chat completions",
            CHAT_PATH,
            "{\"model\":\"gpt-main\",\"model\":\"claude-main\",\"messages\":[]}",
            400),
        refused(
            "a duplicate key in a message to messages",
            MESSAGES_PATH,
            "{\"model\":\"claude-main\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
                + "\"role\":\"assistant\",\"content\":\"hi\"}]}",
            400),
        refused(
            "invalid UTF-8 in a string to chat completions",
            postWith(
                CHAT_PATH,
                () -> {
                  byte[] body = chatWithModel("\"gpt-main\"").getBytes(StandardCharsets.UTF_8);
                  int at = new String(body, StandardCharsets.UTF_8).indexOf("hi");
                  body[at] = (byte) 0xC3;
                  body[at + 1] = (byte) 0x28;
                  return body;
                },
                BEARER,
                JSON_TYPE),
            400));
  }

  private static Stream<Case> sizesAndShapes() {
    String wideMessages = "{\"model\":\"gpt-main\",\"max_tokens\":16,\"messages\":[";
    String wideChat = "{\"model\":\"claude-main\",\"messages\":[";
    return Stream.of(
        refused(
            "a 33 MB body to chat completions",
            postWith(
                CHAT_PATH,
                repeated("{\"model\":\"gpt-main\",\"x\":\"", "a", OVER_THE_LIMIT, "\"}"),
                BEARER,
                JSON_TYPE),
            413),
        refused(
            "a 33 MB body to messages",
            postWith(
                MESSAGES_PATH,
                repeated("{\"model\":\"claude-main\",\"x\":\"", "a", OVER_THE_LIMIT, "\"}"),
                BEARER,
                JSON_TYPE),
            413),
        refused(
            "a 33 MB chunked body of unknown length to messages",
            postWith(
                    MESSAGES_PATH,
                    repeated("{\"model\":\"claude-main\",\"x\":\"", "a", OVER_THE_LIMIT, "\"}"),
                    BEARER,
                    JSON_TYPE)
                .chunkedBody(),
            413),
        refused(
            "100k nested arrays to chat completions",
            postWith(
                CHAT_PATH,
                repeated("{\"model\":\"gpt-main\",\"messages\":", "[", 100_000, ""),
                BEARER,
                JSON_TYPE),
            400),
        refused(
            "100k nested objects to messages",
            postWith(
                MESSAGES_PATH,
                repeated("{\"model\":\"claude-main\",\"metadata\":", "{\"a\":", 100_000, "1"),
                BEARER,
                JSON_TYPE),
            400),
        refused(
            "3 million empty messages from an Anthropic client to an OpenAI-backed Model",
            postWith(
                MESSAGES_PATH, repeated(wideMessages, "{},", 3_000_000, "{}]}"), BEARER, JSON_TYPE),
            400),
        refused(
            "3 million empty content blocks from an Anthropic client to an OpenAI-backed Model",
            postWith(
                MESSAGES_PATH,
                repeated(
                    wideMessages + "{\"role\":\"user\",\"content\":[", "{},", 3_000_000, "{}]}]}"),
                BEARER,
                JSON_TYPE),
            400),
        refused(
            "3 million empty messages from an OpenAI client to an Anthropic-backed Model",
            postWith(CHAT_PATH, repeated(wideChat, "{},", 3_000_000, "{}]}"), BEARER, JSON_TYPE),
            400),
        refused(
            "3 million empty input items from a Responses client to an Anthropic-backed Model",
            postWith(
                RESPONSES_PATH,
                repeated("{\"model\":\"claude-main\",\"input\":[", "{},", 3_000_000, "{}]}"),
                BEARER,
                JSON_TYPE),
            400));
  }

  private static Stream<Case> wrongTypes() {
    return Stream.of(
        refused(
            "model given twice to messages",
            MESSAGES_PATH,
            "{\"model\":\"claude-main\",\"model\":\"gpt-main\",\"max_tokens\":16,\"messages\":[]}",
            400),
        refused(
            "model given twice to responses",
            RESPONSES_PATH,
            "{\"model\":\"gpt-main\",\"input\":\"hi\",\"model\":\"claude-main\"}",
            400),
        refused("model as a number", CHAT_PATH, chatWithModel("42"), 400),
        refused("model as an object", MESSAGES_PATH, messagesWithModel("{\"slug\":\"x\"}"), 400),
        refused("model as null", CHAT_PATH, chatWithModel("null"), 400),
        refused("model missing", CHAT_PATH, "{\"messages\":[]}", 400),
        refused(
            "messages as a string to chat completions",
            CHAT_PATH,
            "{\"model\":\"gpt-main\",\"messages\":\"hi\"}",
            400),
        refused(
            "messages as an object to messages",
            MESSAGES_PATH,
            "{\"model\":\"claude-main\",\"max_tokens\":16,\"messages\":{\"role\":\"user\"}}",
            400),
        refused(
            "stream as a string",
            CHAT_PATH,
            "{\"model\":\"gpt-main\",\"stream\":\"yes\",\"messages\":[]}",
            400),
        refused(
            "stream as a number",
            MESSAGES_PATH,
            "{\"model\":\"claude-main\",\"stream\":1,\"max_tokens\":16,\"messages\":[]}",
            400),
        refused(
            "max_tokens as a string",
            MESSAGES_PATH,
            "{\"model\":\"claude-main\",\"max_tokens\":\"16\",\"messages\":[]}",
            400),
        refused(
            "max_tokens as a fraction",
            CHAT_PATH,
            "{\"model\":\"gpt-main\",\"max_tokens\":1.5,\"messages\":[]}",
            400),
        refused(
            "max_tokens of 1e30",
            MESSAGES_PATH,
            "{\"model\":\"claude-main\",\"max_tokens\":1e30,\"messages\":[]}",
            400));
  }

  private static Stream<Case> headers() {
    return Stream.of(
        refused(
            "a non-ASCII anthropic-version",
            postWith(
                MESSAGES_PATH,
                bytes(MESSAGES),
                BEARER,
                JSON_TYPE,
                "anthropic-version: 2023-06-01é"),
            400),
        refused(
            "a control character in anthropic-version",
            postWith(
                MESSAGES_PATH,
                bytes(MESSAGES),
                BEARER,
                JSON_TYPE,
                "anthropic-version: 2023-06-01\u0001"),
            400),
        refused(
            "a non-ASCII anthropic-beta",
            postWith(
                MESSAGES_PATH, bytes(MESSAGES), BEARER, JSON_TYPE, "anthropic-beta: tools-€-beta"),
            400),
        refused(
            "a DEL character in anthropic-beta",
            postWith(
                MESSAGES_PATH, bytes(MESSAGES), BEARER, JSON_TYPE, "anthropic-beta: tools\u007f"),
            400),
        refused(
            "a non-ASCII anthropic-beta on a translated route",
            postWith(
                MESSAGES_PATH,
                bytes(MESSAGES.replace("claude-main", "gpt-main")),
                BEARER,
                JSON_TYPE,
                "anthropic-beta: ünïcode"),
            400),
        refused(
            "a non-ASCII openai-beta",
            postWith(
                RESPONSES_PATH,
                bytes("{\"model\":\"gpt-main\",\"input\":\"hi\"}"),
                BEARER,
                JSON_TYPE,
                "openai-beta: responses=v1ß"),
            400),
        refused(
            "a header of 100 KB",
            postWith(
                CHAT_PATH, bytes(CHAT), BEARER, JSON_TYPE, "x-padding: " + "a".repeat(100_000)),
            431),
        served(
            "JSON sent as text/plain",
            postWith(CHAT_PATH, bytes(CHAT), BEARER, "Content-Type: text/plain")),
        served("JSON sent without a content type", postWith(CHAT_PATH, bytes(CHAT), BEARER)),
        served(
            "JSON sent as a form",
            postWith(
                CHAT_PATH, bytes(CHAT), BEARER, "Content-Type: application/x-www-form-urlencoded")),
        served(
            "JSON sent with a non-ASCII charset",
            postWith(
                MESSAGES_PATH,
                bytes(MESSAGES),
                BEARER,
                "Content-Type: application/json; charset=ünknown")));
  }

  private static Stream<Case> pathTricks() {
    String provider =
        "{\"kind\":\"openai-compatible\",\"name\":\"via-v1\",\"config\":{\"baseUrl\":"
            + "\"http://127.0.0.1:9/v1\"}}";
    return Stream.of(
        trick(
            "dot segments from /v1 into the admin API with the admin token",
            Call.get("/v1/../admin/api/providers", "Authorization: Bearer {admin}"),
            Shape.ANY_JSON,
            400,
            404),
        trick(
            "dot segments from /v1 into the admin API with an API key",
            postWith("/v1/../admin/api/providers", bytes(provider), BEARER, JSON_TYPE),
            Shape.ANY_JSON,
            400,
            401,
            404),
        trick(
            "encoded dot segments from /v1 into the admin API",
            Call.get("/v1/%2e%2e/admin/api/providers", "Authorization: Bearer {admin}"),
            Shape.ANY_JSON,
            400,
            404),
        trick(
            "a double slash before v1",
            postWith("//v1/messages", bytes(MESSAGES), BEARER, JSON_TYPE),
            Shape.ANY_JSON,
            400,
            404),
        served(
            "a trailing slash after messages",
            postWith("/v1/messages/", bytes(MESSAGES), BEARER, JSON_TYPE)),
        trick(
            "an encoded slash in chat completions",
            postWith("/v1/chat%2Fcompletions", bytes(CHAT), BEARER, JSON_TYPE),
            Shape.OPENAI,
            400,
            404),
        trick(
            "an upper-case path",
            postWith("/V1/CHAT/COMPLETIONS", bytes(CHAT), BEARER, JSON_TYPE),
            Shape.ANY_JSON,
            404),
        trick(
            "an unknown endpoint under /v1",
            postWith("/v1/completions", bytes(CHAT), BEARER, JSON_TYPE),
            Shape.OPENAI,
            404),
        trick("GET on chat completions", Call.get(CHAT_PATH, BEARER), Shape.OPENAI, 404, 405));
  }

  private static Stream<Case> slugs() {
    return Stream.of(
        refused(
            "a model string of 20 million characters",
            postWith(
                CHAT_PATH,
                repeated("{\"model\":\"", "a", 20_000_000, "\",\"messages\":[]}"),
                BEARER,
                JSON_TYPE),
            404),
        refused(
            "a slug of 65 characters",
            MESSAGES_PATH,
            messagesWithModel("\"" + "a".repeat(65) + "\""),
            404),
        refused("a slug with unicode letters", CHAT_PATH, chatWithModel("\"gpt-maïn\""), 404),
        refused(
            "a slug with a NUL character", CHAT_PATH, chatWithModel("\"gpt-main\\u0000\""), 404),
        refused(
            "a slug with a zero-width space",
            MESSAGES_PATH,
            messagesWithModel("\"claude-main\u200b\""),
            404),
        refused(
            "a slug with a right-to-left override",
            CHAT_PATH,
            chatWithModel("\"\u202egpt-main\""),
            404),
        refused("a slug with a newline", CHAT_PATH, chatWithModel("\"gpt-main\\n\""), 404),
        refused("a slug in upper case", CHAT_PATH, chatWithModel("\"GPT-MAIN\""), 404));
  }

  /** A request that presents a key in some wrong way, refused as unauthenticated. */
  private static Case unauthenticated(String name, String path, String body, String... headers) {
    return refused(name, postWith(path, bytes(body), headers), 401);
  }

  private static Stream<Case> keys() {
    return Stream.of(
        unauthenticated(
            "the API key in the query string",
            CHAT_PATH + "?key={key}&api_key={key}",
            CHAT,
            JSON_TYPE),
        unauthenticated(
            "the admin token as API key", CHAT_PATH, CHAT, "Authorization: Bearer {admin}"),
        unauthenticated(
            "the admin token as x-api-key", MESSAGES_PATH, MESSAGES, "x-api-key: {admin}"),
        unauthenticated(
            "the API key in the body",
            CHAT_PATH,
            CHAT.replace("{", "{\"api_key\":\"{key}\","),
            JSON_TYPE),
        unauthenticated(
            "the API key with a trailing zero-width space",
            CHAT_PATH,
            CHAT,
            "Authorization: Bearer {key}\u200b"),
        unauthenticated(
            "the API key with a trailing no-break space",
            MESSAGES_PATH,
            MESSAGES,
            "x-api-key: {key}\u00a0"),
        unauthenticated(
            "the API key as a Basic credential", CHAT_PATH, CHAT, "Authorization: Basic {key}"));
  }
}
