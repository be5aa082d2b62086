package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codevector.routing.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;

/**
 * One element of the {@code messages} array of a Chat Completions or Messages request, with the
 * name that errors about it give it.
 *
 * @param node the message as the client sent it
 * @param param the message's name in errors, such as {@code messages[2]}
 * @param role the message's {@code role}; empty when absent or not a string
 * @param content the message's {@code content}; missing when absent
 */
record RequestMessage(JsonNode node, String param, String role, JsonNode content) {

  /**
   * Returns the messages of a client's request, in order.
   *
   * @param request the request
   * @return its messages
   * @throws InvalidRequestException when {@code messages} is absent or not an array
   */
  static List<RequestMessage> all(JsonNode request) {
    JsonNode messages = request.get("messages");
    if (messages == null || !messages.isArray()) {
      throw new InvalidRequestException("messages", "messages must be an array");
    }
    List<RequestMessage> all = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      all.add(
          new RequestMessage(
              message,
              "messages[" + i + "]",
              JsonText.text(message, "role"),
              message.path("content")));
    }
    return all;
  }
}
