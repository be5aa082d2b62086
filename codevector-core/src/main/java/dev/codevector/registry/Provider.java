package dev.codevector.registry;

import dev.codevector.vault.SealedCredential;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An upstream account or endpoint, such as an OpenAI organization or a local OpenAI-compatible
 * server. Its credentials are sealed: reading a Provider shows only each credential's prefix and
 * when it was last set. Instances are immutable; changes return copies.
 *
 * @param id the Provider's id
 * @param name the Provider's name, unique among Providers
 * @param kind the Provider's kind; fixed after creation
 * @param config the configuration values set explicitly, by field name; defaults are not included
 * @param credentials the sealed credentials, by field name
 * @param status whether the Provider takes part in routing
 * @param version the stored version, for compare-and-set updates; 0 before it is first stored
 * @param createdAt when the Provider was created
 * @param updatedAt when the Provider was last changed
 */
public record Provider(
    ProviderId id,
    String name,
    ProviderKind kind,
    Map<String, String> config,
    Map<String, SealedCredential> credentials,
    Status status,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  /** Checks every field against the kind. */
  public Provider {
    Objects.requireNonNull(id, "id");
    name = Checks.name("name", name);
    Objects.requireNonNull(kind, "kind");
    config = kind.checkConfig(config);
    KindFields.requirePresent("config", kind.configFields(), config.keySet());
    Objects.requireNonNull(credentials, "credentials");
    KindFields.checkNames("credentials", kind, kind.credentialFields(), credentials.keySet());
    KindFields.requireCredentials(kind, credentials.keySet());
    credentials = Map.copyOf(credentials);
    Objects.requireNonNull(status, "status");
    Checks.checkVersion(version);
    Checks.times(createdAt, updatedAt);
  }

  /**
   * Returns a copy at another stored version; for {@link dev.codevector.spi.Store} implementations,
   * which store each put at the next version.
   *
   * @param newVersion the version
   * @return the copy
   */
  public Provider withVersion(long newVersion) {
    return new Provider(
        id, name, kind, config, credentials, status, newVersion, createdAt, updatedAt);
  }

  /**
   * Returns the value of a configuration field: the one set explicitly, else the kind's default.
   *
   * @param field the field's name, such as {@code baseUrl}
   * @return the value, or empty when neither is there
   */
  public Optional<String> configValue(String field) {
    String set = config.get(Objects.requireNonNull(field, "field"));
    if (set != null) {
      return Optional.of(set);
    }
    return kind.configFields().stream()
        .filter(f -> f.name().equals(field))
        .findFirst()
        .flatMap(ProviderField::defaultValue);
  }

  /**
   * Returns whether routes may use this Provider's models.
   *
   * @return true when active
   */
  public boolean isRoutable() {
    return status == Status.ACTIVE;
  }

  /**
   * Returns a copy with another status.
   *
   * @param newStatus the status
   * @param now the time of the change
   * @return the changed copy
   */
  public Provider withStatus(Status newStatus, Instant now) {
    return new Provider(id, name, kind, config, credentials, newStatus, version, createdAt, now);
  }

  /**
   * Returns a copy with another name and configuration.
   *
   * @param newName the name
   * @param newConfig the configuration values set explicitly
   * @param now the time of the change
   * @return the changed copy
   */
  public Provider withSettings(String newName, Map<String, String> newConfig, Instant now) {
    return new Provider(id, newName, kind, newConfig, credentials, status, version, createdAt, now);
  }

  /**
   * Returns a copy with other sealed credentials.
   *
   * @param newCredentials the sealed credentials, by field name
   * @param now the time of the change
   * @return the changed copy
   */
  public Provider withCredentials(Map<String, SealedCredential> newCredentials, Instant now) {
    return new Provider(id, name, kind, config, newCredentials, status, version, createdAt, now);
  }

  /**
   * Returns a copy whose every credential is replaced by the result of a function, with the update
   * time unchanged; used to re-wrap credentials under a new key-encryption key.
   *
   * @param rewrap maps a field name to its re-wrapped credential
   * @return the changed copy
   */
  public Provider mapCredentials(Function<String, SealedCredential> rewrap) {
    Map<String, SealedCredential> rewrapped =
        credentials.keySet().stream().collect(Collectors.toMap(Function.identity(), rewrap));
    return new Provider(id, name, kind, config, rewrapped, status, version, createdAt, updatedAt);
  }
}
