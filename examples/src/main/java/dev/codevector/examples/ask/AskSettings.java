package dev.codevector.examples.ask;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where the ask service keeps its data, where it listens, and the upstreams it asks, in the order
 * they are tried.
 *
 * @param dataDir the directory of the H2 database and the key-encryption key file
 * @param host the address to listen on
 * @param port the port to listen on; 0 for any free port
 * @param upstreams the upstreams, first tried first; at least one
 */
public record AskSettings(Path dataDir, String host, int port, List<Upstream> upstreams) {

  /** Checks the fields. */
  public AskSettings {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    upstreams = List.copyOf(upstreams);
    if (upstreams.isEmpty()) {
      throw new IllegalArgumentException("at least one upstream is needed");
    }
  }

  /**
   * Reads the settings from environment variables: {@code OPENAI_API_KEY} (required), {@code
   * OPENAI_BASE_URL} ({@code https://api.openai.com/v1}) and {@code ASK_UPSTREAM_MODEL} ({@code
   * gpt-4o-mini}) for the primary upstream; {@code ASK_FALLBACK_BASE_URL}, with {@code
   * ASK_FALLBACK_API_KEY} and {@code ASK_FALLBACK_MODEL} (the primary's key and model), for an
   * optional fallback; {@code ASK_DATA_DIR} ({@code ask-data}), {@code ASK_HOST} ({@code
   * 127.0.0.1}) and {@code ASK_PORT} ({@code 8081}).
   *
   * @param env the environment, such as {@link System#getenv()}
   * @return the settings
   * @throws IllegalArgumentException if {@code OPENAI_API_KEY} is missing or {@code ASK_PORT} is
   *     not a port
   */
  public static AskSettings fromEnvironment(Map<String, String> env) {
    String apiKey = env.get("OPENAI_API_KEY");
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException("set OPENAI_API_KEY to the upstream's API key");
    }
    String model = env.getOrDefault("ASK_UPSTREAM_MODEL", "gpt-4o-mini");
    List<Upstream> upstreams = new ArrayList<>();
    upstreams.add(
        new Upstream(
            "primary",
            env.getOrDefault("OPENAI_BASE_URL", "https://api.openai.com/v1"),
            apiKey,
            model));
    String fallbackUrl = env.get("ASK_FALLBACK_BASE_URL");
    if (fallbackUrl != null) {
      upstreams.add(
          new Upstream(
              "fallback",
              fallbackUrl,
              env.getOrDefault("ASK_FALLBACK_API_KEY", apiKey),
              env.getOrDefault("ASK_FALLBACK_MODEL", model)));
    }
    String port = env.getOrDefault("ASK_PORT", "8081");
    try {
      return new AskSettings(
          Path.of(env.getOrDefault("ASK_DATA_DIR", "ask-data")),
          env.getOrDefault("ASK_HOST", "127.0.0.1"),
          Integer.parseInt(port),
          upstreams);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("ASK_PORT is not a port: " + port, e);
    }
  }

  /**
   * An OpenAI-compatible endpoint and the model to ask there.
   *
   * @param name the name of its Provider
   * @param baseUrl the API's base URL, such as {@code https://api.openai.com/v1}
   * @param apiKey the API key
   * @param model the upstream model id, such as {@code gpt-4o-mini}
   */
  public record Upstream(String name, String baseUrl, String apiKey, String model) {

    /** Checks the fields. */
    public Upstream {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(baseUrl, "baseUrl");
      Objects.requireNonNull(apiKey, "apiKey");
      Objects.requireNonNull(model, "model");
    }

    /** Returns everything but the API key. */
    @Override
    public String toString() {
      return "Upstream[" + name + ", " + baseUrl + ", " + model + "]";
    }
  }
}
