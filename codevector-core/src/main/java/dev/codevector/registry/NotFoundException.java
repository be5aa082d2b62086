package dev.codevector.registry;

import dev.codevector.CodeVectorException;

/** Thrown when a registry object that must exist does not. */
public abstract class NotFoundException extends CodeVectorException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception naming what was looked for.
   *
   * @param what the kind of object, such as {@code provider}
   * @param id how it was looked for
   */
  protected NotFoundException(String what, String id) {
    super(what + " '" + id + "' not found");
  }

  /**
   * Creates an exception naming what was looked for and why it does not count as found.
   *
   * @param what the kind of object, such as {@code model}
   * @param id how it was looked for
   * @param reason why it is not found although it exists, such as {@code it is a draft}
   */
  protected NotFoundException(String what, String id, String reason) {
    super(what + " '" + id + "' not found: " + reason);
  }
}
