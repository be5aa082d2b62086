package dev.codevector.registry;

import dev.codevector.vault.Secret;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Changes to a Provider. An empty name or configuration keeps the current one; a configuration,
 * when given, replaces the whole configuration. Credentials given here replace the stored ones of
 * the same name and are sealed anew; credentials not named keep their stored value.
 *
 * @param name the new name
 * @param config the new configuration
 * @param credentials the credentials to set, by field name
 */
public record ProviderEdit(
    Optional<String> name, Optional<Map<String, String>> config, Map<String, Secret> credentials) {

  /** Copies the fields and checks the name. */
  public ProviderEdit {
    name = Objects.requireNonNull(name, "name").map(n -> Checks.name("name", n));
    config = Objects.requireNonNull(config, "config").map(Map::copyOf);
    credentials = Map.copyOf(Objects.requireNonNull(credentials, "credentials"));
  }

  /**
   * Returns an edit that changes nothing; add changes with the {@code with} methods.
   *
   * @return the empty edit
   */
  public static ProviderEdit none() {
    return new ProviderEdit(Optional.empty(), Optional.empty(), Map.of());
  }

  /**
   * Returns a copy that also renames the Provider.
   *
   * @param newName the name
   * @return the edit
   */
  public ProviderEdit withName(String newName) {
    return new ProviderEdit(Optional.of(newName), config, credentials);
  }

  /**
   * Returns a copy that also replaces the configuration.
   *
   * @param newConfig the configuration values, by field name
   * @return the edit
   */
  public ProviderEdit withConfig(Map<String, String> newConfig) {
    return new ProviderEdit(name, Optional.of(newConfig), credentials);
  }

  /**
   * Returns a copy that also sets credentials.
   *
   * @param newCredentials the credentials to set, by field name
   * @return the edit
   */
  public ProviderEdit withCredentials(Map<String, Secret> newCredentials) {
    return new ProviderEdit(name, config, newCredentials);
  }
}
