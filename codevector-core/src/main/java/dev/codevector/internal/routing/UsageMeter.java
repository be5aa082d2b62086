package dev.codevector.internal.routing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.codevector.internal.Json;
import dev.codevector.internal.translate.TokenUsage;
import dev.codevector.routing.Usage;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.SseEvent;
import java.io.IOException;

/**
 * Reads token usage off an upstream's answer in the upstream's dialect, without changing the
 * answer: from a whole body, or from stream events as they pass (only events that mention {@code
 * usage} are parsed). Counts are normalised so that input excludes cached and cache-write tokens.
 * Not thread-safe.
 */
final class UsageMeter {
  private final Dialect dialect;
  private TokenUsage read = TokenUsage.NONE;

  UsageMeter(Dialect dialect) {
    this.dialect = dialect;
  }

  Usage usage() {
    return new Usage(read.input(), read.cacheRead(), read.cacheWrite(), read.output());
  }

  /** Reads the top-level {@code usage} of a whole body, skipping the rest unparsed. */
  void readBody(byte[] body) {
    try (JsonParser parser = Json.MAPPER.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        if (name.equals("usage")) {
          readUsage(Json.MAPPER.readTree(parser));
          return;
        }
        parser.skipChildren();
      }
    } catch (IOException e) {
      // An unreadable body reports no usage.
    }
  }

  void readEvent(SseEvent event) {
    if (!event.data().contains("\"usage\"")) {
      return;
    }
    try {
      JsonNode root = Json.MAPPER.readTree(event.data());
      if (root.has("message")) {
        read(root.get("message")); // Anthropic message_start
      } else if (root.has("response")) {
        read(root.get("response")); // Responses response.completed
      } else {
        read(root);
      }
    } catch (IOException e) {
      // An unreadable event reports no usage.
    }
  }

  private void read(JsonNode root) {
    readUsage(root.path("usage"));
  }

  private void readUsage(JsonNode usage) {
    if (!usage.isObject()) {
      return;
    }
    read =
        switch (dialect) {
          case ANTHROPIC_MESSAGES -> TokenUsage.fromAnthropic(usage, read);
          case OPENAI_RESPONSES -> TokenUsage.fromResponses(usage);
          case OPENAI_CHAT, OPENAI_EMBEDDINGS -> TokenUsage.fromOpenAi(usage);
          default -> read;
        };
  }
}
