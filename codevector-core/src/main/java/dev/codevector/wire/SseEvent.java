package dev.codevector.wire;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * One server-sent event: an optional event name and its data. OpenAI Chat streams send data only;
 * Anthropic and Responses streams name every event. Instances are immutable.
 *
 * @param name the {@code event:} field, if the event has one
 * @param data the {@code data:} field; several data lines are joined with {@code \n}
 */
public record SseEvent(Optional<String> name, String data) {

  /** Checks the fields. */
  public SseEvent {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(data, "data");
  }

  /**
   * Returns an event with a name.
   *
   * @param name the event name, such as {@code message_start}
   * @param data the event's data
   * @return the event
   */
  public static SseEvent of(String name, String data) {
    return new SseEvent(Optional.of(name), data);
  }

  /**
   * Returns an event with data only.
   *
   * @param data the event's data
   * @return the event
   */
  public static SseEvent data(String data) {
    return new SseEvent(Optional.empty(), data);
  }

  /**
   * Returns the event in wire form, ending with the blank line that terminates it.
   *
   * @return the UTF-8 bytes of the event
   */
  public byte[] toBytes() {
    return toText().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Returns the event in wire form as text: its {@code event:} line if it has a name, one {@code
   * data:} line per line of data, and the blank line that terminates it.
   *
   * @return the event's text
   */
  public String toText() {
    StringBuilder out = new StringBuilder(data.length() + 32);
    name.ifPresent(n -> out.append("event: ").append(n).append('\n'));
    for (String line : data.split("\n", -1)) {
      out.append("data: ").append(line).append('\n');
    }
    return out.append('\n').toString();
  }
}
