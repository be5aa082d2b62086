package dev.codevector.registry;

import dev.codevector.CodeVectorException;
import java.util.Objects;

/**
 * Thrown when a Model is asked to move to a status its lifecycle does not allow from where it is,
 * or when a precondition of the move fails (publishing a Model that has no Backend).
 */
public final class IllegalTransitionException extends CodeVectorException {
  private static final long serialVersionUID = 1L;

  private final transient ModelId modelId;

  /** The status the Model has. */
  private final ModelStatus from;

  /** The status asked for. */
  private final ModelStatus to;

  /**
   * Creates an exception for a refused move.
   *
   * @param modelId the Model's id
   * @param slug the Model's slug, for the message
   * @param from the Model's current status
   * @param to the status that was asked for
   * @param reason why the move is refused
   */
  public IllegalTransitionException(
      ModelId modelId, String slug, ModelStatus from, ModelStatus to, String reason) {
    super("model '" + slug + "' cannot move from " + from + " to " + to + ": " + reason);
    this.modelId = Objects.requireNonNull(modelId, "modelId");
    this.from = Objects.requireNonNull(from, "from");
    this.to = Objects.requireNonNull(to, "to");
  }

  /**
   * Returns the id of the Model that was asked to move.
   *
   * @return the Model's id
   */
  public ModelId modelId() {
    return modelId;
  }

  /**
   * Returns the status the Model is in.
   *
   * @return the current status
   */
  public ModelStatus from() {
    return from;
  }

  /**
   * Returns the status that was asked for.
   *
   * @return the refused status
   */
  public ModelStatus to() {
    return to;
  }
}
