package dev.codevector.registry;

import dev.codevector.CodeVectorException;
import java.util.Objects;

/**
 * Thrown when removing a Backend would leave an active Model with none. Return the Model to draft
 * (or disable it) first, or add another Backend.
 */
public final class LastBackendException extends CodeVectorException {
  private static final long serialVersionUID = 1L;

  private final transient ModelId modelId;
  private final transient BackendId backendId;

  /**
   * Creates an exception for the refused removal.
   *
   * @param modelId the active Model's id
   * @param slug the Model's slug, for the message
   * @param backendId the Backend that was to be removed
   */
  public LastBackendException(ModelId modelId, String slug, BackendId backendId) {
    super(
        "backend '"
            + backendId
            + "' is the last backend of active model '"
            + slug
            + "'; return the model to draft before removing it");
    this.modelId = Objects.requireNonNull(modelId, "modelId");
    this.backendId = Objects.requireNonNull(backendId, "backendId");
  }

  /**
   * Returns the active Model's id.
   *
   * @return the Model's id
   */
  public ModelId modelId() {
    return modelId;
  }

  /**
   * Returns the Backend that was to be removed.
   *
   * @return the Backend's id
   */
  public BackendId backendId() {
    return backendId;
  }
}
