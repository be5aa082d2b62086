package dev.codevector.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
    return requests(file, model).get(index).body();
  }

  /**
   * Returns every recorded request of a fixture file, asking for another model.
   *
   * @param file the fixture's file name
   * @param model the model to ask for instead of the recorded one
   * @return the requests, in recorded order
   */
  public static List<Recorded> requests(String file, String model) {
    try (InputStream in = ClientFixtures.class.getResourceAsStream("/fixtures/" + file)) {
      if (in == null) {
        throw new IllegalStateException("no fixture " + file);
      }
      List<Recorded> requests = new ArrayList<>();
      for (JsonNode request : JSON.readTree(in)) {
        Map<String, List<String>> headers = new TreeMap<>();
        for (JsonNode header : request.get("headers")) {
          headers
              .computeIfAbsent(header.get(0).asText(), name -> new ArrayList<>())
              .add(header.get(1).asText());
        }
        ObjectNode body = ((ObjectNode) request.get("body")).put("model", model);
        requests.add(new Recorded(headers, JSON.writeValueAsBytes(body)));
      }
      return requests;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One recorded request.
   *
   * @param headers its headers, by name as recorded
   * @param body its JSON body, with the model replaced
   */
  public record Recorded(Map<String, List<String>> headers, byte[] body) {}
}
