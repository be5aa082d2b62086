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
}
