package dev.codevector.registry;

import dev.codevector.vault.Secret;
import java.util.Map;
import java.util.Objects;

/**
 * What it takes to register a Provider: its name, kind, configuration and plaintext credentials.
 * The credentials are sealed when the Provider is created and never come back out in full.
 *
 * @param name the Provider's name, unique among Providers
 * @param kind the Provider's kind
 * @param config the configuration values, by field name (see {@link ProviderKind#configFields()})
 * @param credentials the credentials, by field name (see {@link ProviderKind#credentialFields()})
 */
public record ProviderSpec(
    String name, ProviderKind kind, Map<String, String> config, Map<String, Secret> credentials) {

  /** Checks every field against the kind and puts values in canonical form. */
  public ProviderSpec {
    name = Checks.name("name", name);
    if (kind == null) {
      throw new ValidationException("kind", null, "is required");
    }
    config = kind.checkConfig(config);
    KindFields.requirePresent("config", kind.configFields(), config.keySet());
    credentials = kind.checkCredentials(credentials);
    KindFields.requireCredentials(kind, credentials.keySet());
  }

  /**
   * Returns a Provider description with one API key and the given configuration.
   *
   * @param name the Provider's name
   * @param kind the Provider's kind
   * @param apiKey the API key
   * @param config the configuration values
   * @return the description
   */
  public static ProviderSpec withApiKey(
      String name, ProviderKind kind, String apiKey, Map<String, String> config) {
    return new ProviderSpec(
        name, kind, config, Map.of("apiKey", Secret.of(Objects.requireNonNull(apiKey, "apiKey"))));
  }
}
