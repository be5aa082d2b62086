package dev.codevector.access;

import dev.codevector.registry.NotFoundException;
import java.util.Objects;

/** Thrown when no api key has the requested id. */
public final class ApiKeyNotFoundException extends NotFoundException {
  private static final long serialVersionUID = 1L;

  private final transient ApiKeyId apiKeyId;

  /**
   * Creates an exception for the missing api key.
   *
   * @param apiKeyId the id that was looked for
   */
  public ApiKeyNotFoundException(ApiKeyId apiKeyId) {
    super("api key", Objects.requireNonNull(apiKeyId, "apiKeyId").value());
    this.apiKeyId = apiKeyId;
  }

  /**
   * Returns the id that was looked for.
   *
   * @return the id
   */
  public ApiKeyId apiKeyId() {
    return apiKeyId;
  }
}
