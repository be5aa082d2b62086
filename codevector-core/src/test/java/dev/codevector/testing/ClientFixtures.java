package dev.codevector.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Requests real clients sent (Claude Code, Codex CLI), recorded under {@code /fixtures/} on the
 * test classpath as arrays of {@code {method, path, query, headers, body}}.
 */
public final class ClientFixtures {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ClientFixtures() {}

  /**
   * Returns the body of a recorded request, asking for another model.
   *
   * @param file the fixture's file name, such as {@code codex_exec_basic.json}
   * @param index which request of the file
   * @param model the model to ask for instead of the recorded one
   * @return the body's JSON bytes
   */
  public static byte[] body(String file, int index, String model) {
    try (InputStream in = ClientFixtures.class.getResourceAsStream("/fixtures/" + file)) {
      if (in == null) {
        throw new IllegalStateException("no fixture " + file);
      }
      ObjectNode body = (ObjectNode) JSON.readTree(in).get(index).get("body");
      return JSON.writeValueAsBytes(body.put("model", model));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
