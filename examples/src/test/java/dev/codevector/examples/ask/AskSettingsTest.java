package dev.codevector.examples.ask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.codevector.examples.ask.AskSettings.Upstream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class AskSettingsTest {

  @Test
  void anApiKeyAloneAsksOpenAiFromTheDefaults() {
    AskSettings settings = AskSettings.fromEnvironment(Map.of("OPENAI_API_KEY", "sk-1"));

    assertEquals(
        new AskSettings(
            Path.of("ask-data"),
            "127.0.0.1",
            8081,
            List.of(new Upstream("primary", "https://api.openai.com/v1", "sk-1", "gpt-4o-mini"))),
        settings);
  }

  @Test
  void aFallbackBaseUrlAddsASecondUpstreamWithThePrimarysKeyAndModelUnlessGivenItsOwn() {
    AskSettings settings =
        AskSettings.fromEnvironment(
            Map.of(
                "OPENAI_API_KEY", "sk-1",
                "OPENAI_BASE_URL", "http://localhost:11434/v1",
                "ASK_UPSTREAM_MODEL", "llama3",
                "ASK_FALLBACK_BASE_URL", "https://api.groq.com/openai/v1",
                "ASK_FALLBACK_MODEL", "llama-3.1-8b-instant",
                "ASK_DATA_DIR", "/var/lib/ask",
                "ASK_PORT", "9000"));

    assertEquals(
        List.of(
            new Upstream("primary", "http://localhost:11434/v1", "sk-1", "llama3"),
            new Upstream(
                "fallback", "https://api.groq.com/openai/v1", "sk-1", "llama-3.1-8b-instant")),
        settings.upstreams());
    assertEquals(Path.of("/var/lib/ask"), settings.dataDir());
    assertEquals(9000, settings.port());
  }

  @Test
  void withoutAnApiKeyOrWithABadPortItDoesNotStart() {
    IllegalArgumentException noKey =
        assertThrows(IllegalArgumentException.class, () -> AskSettings.fromEnvironment(Map.of()));
    IllegalArgumentException badPort =
        assertThrows(
            IllegalArgumentException.class,
            () -> AskSettings.fromEnvironment(Map.of("OPENAI_API_KEY", "k", "ASK_PORT", "http")));

    assertEquals("set OPENAI_API_KEY to the upstream's API key", noKey.getMessage());
    assertEquals("ASK_PORT is not a port: http", badPort.getMessage());
  }

  @Test
  void anUpstreamNeverPrintsItsKey() {
    assertEquals(
        "Upstream[primary, https://api.openai.com/v1, gpt-4o-mini]",
        new Upstream("primary", "https://api.openai.com/v1", "sk-secret", "gpt-4o-mini")
            .toString());
  }
}
