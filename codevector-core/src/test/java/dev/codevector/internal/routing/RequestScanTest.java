package dev.codevector.internal.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.codevector.routing.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class RequestScanTest {

  private static Optional<String> sessionOf(String body) {
    return RequestScan.of(body.getBytes(StandardCharsets.UTF_8)).session;
  }

  @Test
  void promptCacheKeyNamesTheSession() {
    assertEquals(
        Optional.of("01a1ff20-537e-79c2-a757-287314d0fbe9"),
        sessionOf(
            "{\"model\":\"m\",\"prompt_cache_key\":\"01a1ff20-537e-79c2-a757-287314d0fbe9\"}"));
  }

  @Test
  void metadataUserIdNamesTheSessionWhenNoPromptCacheKeyDoes() {
    assertEquals(
        Optional.of("user-42"),
        sessionOf("{\"metadata\":{\"tag\":{\"a\":[1]},\"user_id\":\"user-42\"},\"model\":\"m\"}"));
    assertEquals(
        Optional.of("key"),
        sessionOf(
            "{\"metadata\":{\"user_id\":\"user-42\"},\"prompt_cache_key\":\"key\",\"model\":\"m\"}"));
  }

  @Test
  void valuesThatAreNotStringsNameNoSession() {
    assertEquals(Optional.empty(), sessionOf("{\"model\":\"m\"}"));
    assertEquals(Optional.empty(), sessionOf("{\"model\":\"m\",\"prompt_cache_key\":7}"));
    assertEquals(Optional.empty(), sessionOf("{\"model\":\"m\",\"metadata\":{\"user_id\":[]}}"));
    assertEquals(
        Optional.empty(), sessionOf("{\"model\":\"m\",\"metadata\":{\"other\":\"user_id\"}}"));
  }

  @Test
  void metadataIsStillCheckedForDuplicateKeysWhileRead() {
    assertThrows(
        InvalidRequestException.class,
        () -> sessionOf("{\"model\":\"m\",\"metadata\":{\"user_id\":\"a\",\"user_id\":\"b\"}}"));
  }
}
