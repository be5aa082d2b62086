package dev.codevector.internal.upstream.google;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.Clock;
import dev.codevector.internal.Json;
import dev.codevector.internal.SseReader;
import dev.codevector.internal.upstream.http.ConvertedResponse;
import dev.codevector.internal.upstream.http.JsonPost;
import dev.codevector.routing.InvalidRequestException;
import dev.codevector.spi.UpstreamRequest;
import dev.codevector.spi.UpstreamResponse;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.ErrorBody;
import dev.codevector.wire.SseEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Function;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * One OpenAI Chat request served by a Gemini model's {@code generateContent} or {@code
 * streamGenerateContent?alt=sse}, on the Gemini API or on Vertex AI, which share the body: the
 * request is converted by {@link GeminiChatRequest}, the answer by {@link GeminiChatResponse} or
 * {@link GeminiChatStream}, errors by {@link GoogleErrors}.
 *
 * <p>A stream's first event is read before the answer is returned, so that an error event or a
 * blocked prompt at the start is answered with its own status (an error's {@code code}, or 400 for
 * the prompt) and the router can still fail over; a stream that ends before its first event is a
 * 502.
 */
final class GeminiChat {
  private final JsonPost post;
  private final Clock clock;
  private final int maxEvent;

  GeminiChat(JsonPost post, Clock clock, int maxEvent) {
    this.post = post;
    this.clock = clock;
    this.maxEvent = maxEvent;
  }

  /**
   * Sends a Chat request.
   *
   * @param request the request, in OpenAI Chat
   * @param method the URL of a method of the request's model, such as {@code generateContent}
   * @param headers the authentication headers
   */
  UpstreamResponse call(UpstreamRequest request, Function<String, HttpUrl> method, Headers headers)
      throws IOException {
    JsonNode chat = Json.MAPPER.readTree(request.body());
    ObjectNode gemini;
    try {
      gemini = GeminiChatRequest.convert(chat);
    } catch (InvalidRequestException e) {
      return ConvertedResponse.refused(Dialect.OPENAI_CHAT, e);
    }
    HttpUrl url =
        request.stream()
            ? method
                .apply("streamGenerateContent")
                .newBuilder()
                .addQueryParameter("alt", "sse")
                .build()
            : method.apply("generateContent");
    UpstreamResponse upstream =
        post.send(url, headers, request, Json.MAPPER.writeValueAsBytes(gemini));
    if (upstream.status() >= 300) {
      return GoogleErrors.answer(Dialect.OPENAI_CHAT, upstream);
    }
    try {
      long created = clock.instant().getEpochSecond();
      return request.stream()
          ? stream(upstream, request.model(), created, includeUsage(chat))
          : whole(upstream, request.model(), created);
    } catch (IOException | RuntimeException e) {
      upstream.close();
      throw e;
    }
  }

  private static UpstreamResponse whole(UpstreamResponse upstream, String model, long created)
      throws IOException {
    Optional<JsonNode> answer;
    try (InputStream body = upstream.body()) {
      // A tree of bounded size, however long the answer: a chat answer holds few JSON tokens.
      answer = Optional.ofNullable(Json.TREE_MAPPER.readTree(body)).filter(JsonNode::isObject);
    } catch (JsonProcessingException e) {
      answer = Optional.empty();
    }
    if (answer.isEmpty()) {
      return unreadable(upstream, "the upstream answer is not JSON");
    }
    Optional<byte[]> blocked = GeminiAnswers.blockedPrompt(answer.get());
    if (blocked.isPresent()) {
      return ConvertedResponse.of(400, blocked.get(), upstream);
    }
    byte[] body =
        Json.MAPPER.writeValueAsBytes(GeminiChatResponse.convert(answer.get(), model, created));
    return ConvertedResponse.of(upstream.status(), body, upstream);
  }

  private UpstreamResponse stream(
      UpstreamResponse upstream, String model, long created, boolean includeUsage)
      throws IOException {
    SseReader events = new SseReader(upstream.body(), maxEvent);
    Optional<String> data = events.next().map(SseEvent::data);
    if (data.isEmpty()) {
      return unreadable(upstream, "the upstream stream ended before its first event");
    }
    Optional<JsonNode> first = parse(data.get());
    if (first.isEmpty()) {
      return unreadable(upstream, "the upstream sent an unreadable stream event");
    }
    Optional<JsonNode> error = GoogleErrors.errorOf(first.get());
    if (error.isPresent()) {
      int status = GoogleErrors.statusOf(error.get(), 500);
      return ConvertedResponse.of(
          status, GoogleErrors.convert(Dialect.OPENAI_CHAT, status, error.get()), upstream);
    }
    Optional<byte[]> blocked = GeminiAnswers.blockedPrompt(first.get());
    if (blocked.isPresent()) {
      return ConvertedResponse.of(400, blocked.get(), upstream);
    }
    return ConvertedResponse.of(
        upstream.status(),
        new GeminiChatStream(events, first.get(), model, created, includeUsage),
        upstream);
  }

  private static UpstreamResponse unreadable(UpstreamResponse upstream, String message) {
    return ConvertedResponse.of(502, ErrorBody.of(Dialect.OPENAI_CHAT, 502, message), upstream);
  }

  private static boolean includeUsage(JsonNode chat) {
    return chat.path("stream_options").path("include_usage").asBoolean(false);
  }

  /** Parses one JSON value, such as a stream event's data; empty when it is not JSON. */
  static Optional<JsonNode> parse(String json) {
    try {
      return Optional.ofNullable(Json.MAPPER.readTree(json)).filter(node -> !node.isMissingNode());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
