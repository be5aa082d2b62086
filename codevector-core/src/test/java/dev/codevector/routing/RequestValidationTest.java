package dev.codevector.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.codevector.registry.ModelNotFoundException;
import dev.codevector.testing.RouterHarness;
import dev.codevector.wire.Dialect;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed parameters are refused before any lookup or upstream call, naming the parameter. */
final class RequestValidationTest {
  private final RouterHarness harness = new RouterHarness();

  @AfterEach
  void stop() {
    harness.close();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"max_tokens\":-1|max_tokens|max_tokens must not be negative",
        "\"max_tokens\":\"many\"|max_tokens|max_tokens must be an integer",
        "\"max_tokens\":1.5|max_tokens|max_tokens must be an integer",
        "\"max_tokens\":99999999999|max_tokens|max_tokens must not be negative",
        "\"n\":0|n|n must be at least 1",
        "\"temperature\":\"hot\"|temperature|temperature must be a number",
        "\"temperature\":3|temperature|temperature must be between 0 and 2",
        "\"top_p\":1.5|top_p|top_p must be between 0 and 1",
        "\"messages\":\"hi\"|messages|messages must be an array",
        "\"stop\":5|stop|stop must be a string or an array",
        "\"stream\":1|stream|stream must be a boolean",
      })
  void wrongTypeOrImpossibleValueIsRefusedNamingTheParameter(
      String field, String param, String message) {
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () -> harness.route(Dialect.OPENAI_CHAT, "{\"model\":\"m\"," + field + "}"));

    assertEquals(Optional.of(param), e.param());
    assertEquals(message, e.getMessage());
  }

  @Test
  void nonStringModelIsRefusedNamingIt() {
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () -> harness.route(Dialect.OPENAI_CHAT, "{\"model\":7,\"messages\":[]}"));

    assertEquals(Optional.of("model"), e.param());
  }

  @Test
  void nestingDeeperThanTheLimitIsRefused() {
    String deep = "[".repeat(200) + "]".repeat(200);

    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () -> harness.route(Dialect.OPENAI_CHAT, "{\"model\":\"m\",\"x\":" + deep + "}"));

    assertEquals(true, e.getMessage().contains("nested more than 128 levels deep"), e.getMessage());
  }

  @Test
  void nestingWithinTheLimitIsAccepted() {
    String deep = "[".repeat(100) + "]".repeat(100);

    assertThrows(
        ModelNotFoundException.class,
        () -> harness.route(Dialect.OPENAI_CHAT, "{\"model\":\"m\",\"x\":" + deep + "}"));
  }
}
