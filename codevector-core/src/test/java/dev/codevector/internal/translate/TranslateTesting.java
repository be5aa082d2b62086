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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Helpers for translation tests: JSON literals, the Claude Code fixtures, routes, and streams
 * written as lines. A stream line is {@code name {json}} for a named event and {@code {json}} or
 * {@code [DONE]} for a data-only event.
 */
final class TranslateTesting {
  static final String CLIENT_MODEL = "smart";

  private TranslateTesting() {}

  static ObjectNode json(String text) {
    return (ObjectNode) JsonText.parse(text).orElseThrow();
  }

  /** Returns the body of one request of a fixture in {@code src/test/resources/fixtures}. */
  static ObjectNode fixtureBody(String file, int request) {
    try (InputStream in = TranslateTesting.class.getResourceAsStream("/fixtures/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + file);
      }
      return (ObjectNode) Json.MAPPER.readTree(in).get(request).get("body");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static TranslationContext route(ProviderKind kind, String upstreamModel) {
    return new TranslationContext(CLIENT_MODEL, upstreamModel, kind, OptionalInt.empty());
  }

  /** Returns the translation of one request from a Messages client to a Chat upstream. */
  static Translation messagesToChat(ProviderKind kind, String upstreamModel) {
    return new CodecTranslation(
        new MessagesClient(CLIENT_MODEL), new ChatUpstream(route(kind, upstreamModel)));
  }

  /** Checks JSON equality regardless of key order and of the Java type behind each number. */
  static void assertJson(String expected, JsonNode actual) {
    assertEquals(
        JsonText.parse(expected).orElseThrow(),
        JsonText.parse(JsonText.write(actual)).orElseThrow());
  }

  /** Feeds stream lines to a translator, then ends the stream when asked; returns the output. */
  static List<SseEvent> translate(StreamTranslator translator, boolean end, String... upstream) {
    List<SseEvent> client = new ArrayList<>();
    for (String line : upstream) {
      translator.onEvent(event(line), client::add);
    }
    if (end) {
      translator.onEnd(client::add);
    }
    return client;
  }

  static SseEvent event(String line) {
    if (line.startsWith("{") || line.startsWith("[")) {
      return SseEvent.data(line);
    }
    int space = line.indexOf(' ');
    return SseEvent.of(line.substring(0, space), line.substring(space + 1));
  }

  /** Checks a client stream event by event against stream lines. */
  static void assertEvents(List<SseEvent> actual, String... expected) {
    assertEquals(
        Arrays.stream(expected).map(TranslateTesting::normalize).collect(Collectors.toList()),
        actual.stream().map(TranslateTesting::normalize).collect(Collectors.toList()));
  }

  private static String normalize(String line) {
    return normalize(event(line));
  }

  /** Returns an event as a line with its data re-serialized, so key order does not matter. */
  private static String normalize(SseEvent event) {
    String data =
        event.data().startsWith("{") ? JsonText.write(sorted(json(event.data()))) : event.data();
    return event.name().map(name -> name + " ").orElse("") + data;
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = Json.MAPPER.createObjectNode();
      node.properties().stream()
          .map(Map.Entry::getKey)
          .sorted()
          .forEach(name -> out.set(name, sorted(node.get(name))));
      return out;
    }
    if (node.isArray()) {
      var out = Json.MAPPER.createArrayNode();
      node.forEach(element -> out.add(sorted(element)));
      return out;
    }
    return node;
  }
}
