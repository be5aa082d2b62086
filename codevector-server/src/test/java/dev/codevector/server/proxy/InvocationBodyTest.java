package dev.codevector.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.codevector.routing.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class InvocationBodyTest {

  private static InvocationBody.Unwrapped unwrap(String body) {
    Map<String, Object> added = new LinkedHashMap<>();
    added.put("model", "m");
    added.put("stream", true);
    return InvocationBody.unwrap(body.getBytes(StandardCharsets.UTF_8), Set.of("drop"), added);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{}                                                  | {\"model\":\"m\",\"stream\":true}",
        "{ }                                                 | { \"model\":\"m\",\"stream\":true}",
        "{\"anthropic_version\":\"v\"}                       | {\"model\":\"m\",\"stream\":true}",
        "{\"a\":1, \"anthropic_version\":\"v\"}              | {\"a\":1,\"model\":\"m\",\"stream\":true}",
        "{\"anthropic_version\":\"v\", \"a\":1}              | {\"a\":1,\"model\":\"m\",\"stream\":true}",
        "{\"a\":1 , \"stream\":false ,\"b\":[2, 3]}          | {\"a\":1 , \"b\":[2, 3],\"model\":\"m\",\"stream\":true}",
        "{\"model\":\"x\",\"a\":{\"model\":\"y\"},\"drop\":0} | {\"a\":{\"model\":\"y\"},\"model\":\"m\",\"stream\":true}",
        "{\"a\":\"\\u00e9\",\"n\":1.50e0}                    | {\"a\":\"\\u00e9\",\"n\":1.50e0,\"model\":\"m\",\"stream\":true}",
      })
  void everyByteButTheCloudFieldsIsKept(String body, String expected) {
    assertEquals(expected, new String(unwrap(body).body(), StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"anthropic_beta\":[\"b\",\"a\"],\"a\":1} | b,a",
        "{\"anthropic_beta\":[]}                    | ''",
      })
  void betaFlagsAreTakenOutInOrder(String body, String betas) {
    assertEquals(betas.isEmpty() ? List.of() : List.of(betas.split(",")), unwrap(body).betas());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "[]",
        "\"text\"",
        "{\"a\":",
        "{\"a\":1}{}",
        "{\"a\":1} x",
        "{\"anthropic_beta\":\"b\"}",
        "{\"anthropic_beta\":[1]}",
        "{\"anthropic_beta\":[[\"b\"]]}",
      })
  void aBodyThatIsNotAnInvocationIsRefused(String body) {
    assertThrows(InvalidRequestException.class, () -> unwrap(body));
  }
}
