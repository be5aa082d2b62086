package dev.codevector.internal.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.codevector.wire.SseEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ModelNamesTest {
  private final ModelNames names = new ModelNames("claude-main");

  private byte[] rename(String json) throws Answers.Unusable {
    return names.rename(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aWholeAnswerNamesTheSlugAndKeepsEveryOtherByte() throws Exception {
    String answer =
        "{\"id\":\"chatcmpl-1\",  \"model\" : \"gpt-4o-2024-08-06\",\n"
            + "\"choices\":[{\"message\":{\"content\":\"the \\\"model\\\":\\\"x\\\" ünïcode\"}}]}";

    assertEquals(
        "{\"id\":\"chatcmpl-1\",  \"model\" : \"claude-main\",\n"
            + "\"choices\":[{\"message\":{\"content\":\"the \\\"model\\\":\\\"x\\\""
            + " ünïcode\"}}]}",
        new String(rename(answer), StandardCharsets.UTF_8));
  }

  @Test
  void anAnswerThatAlreadyNamesTheSlugOrNoModelIsTheSameArray() throws Exception {
    byte[] same = "{\"model\":\"claude-main\",\"x\":1}".getBytes(StandardCharsets.UTF_8);
    byte[] none = "{\"data\":[{\"model\":\"deep\"}]}".getBytes(StandardCharsets.UTF_8);

    assertSame(same, names.rename(same));
    assertSame(none, names.rename(none));
  }

  @Test
  void whatIsNotOneJsonObjectIsUnusable() {
    assertThrows(Answers.Unusable.class, () -> rename("<html>oops</html>"));
    assertThrows(Answers.Unusable.class, () -> rename("{\"model\":\"a\"} {}"));
    assertThrows(Answers.Unusable.class, () -> rename("{\"model\":\"a\""));
  }

  @Test
  void streamEventsNameTheSlugInChatChunksMessageStartAndResponseEvents() {
    SseEvent chunk =
        SseEvent.data("{\"id\":\"c\",\"model\":\"gpt-4o\",\"choices\":[{\"delta\":{}}]}");
    SseEvent start =
        SseEvent.of(
            "message_start",
            "{\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"model\":\"claude-x\"}}");
    SseEvent created =
        SseEvent.of(
            "response.created",
            "{\"type\":\"response.created\",\"response\":{\"model\":\"gpt-5\",\"output\":[]}}");

    assertEquals(
        "{\"id\":\"c\",\"model\":\"claude-main\",\"choices\":[{\"delta\":{}}]}",
        names.rename(chunk).data());
    assertEquals(
        SseEvent.of(
            "message_start",
            "{\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"model\":\"claude-main\"}}"),
        names.rename(start));
    assertEquals(
        "{\"type\":\"response.created\",\"response\":{\"model\":\"claude-main\",\"output\":[]}}",
        names.rename(created).data());
  }

  @Test
  void eventsWithoutAModelOrNotJsonAreReturnedAsTheyAre() {
    SseEvent delta = SseEvent.of("content_block_delta", "{\"delta\":{\"text\":\"model\"}}");
    SseEvent nested = SseEvent.data("{\"item\":{\"model\":\"x\"}}");
    SseEvent broken = SseEvent.data("{\"model\":\"x");
    SseEvent quoted = SseEvent.data("{\"delta\":{\"text\":\"say \\\"model\\\": \\\"y\\\"\"}}");
    SseEvent deep = SseEvent.data("{\"response\":{\"output\":[{\"model\":\"x\"}]}}");

    assertSame(delta, names.rename(delta));
    assertSame(nested, names.rename(nested));
    assertSame(broken, names.rename(broken));
    assertSame(quoted, names.rename(quoted));
    assertSame(deep, names.rename(deep));
  }
}
