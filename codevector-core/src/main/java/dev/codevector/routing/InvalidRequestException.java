package dev.codevector.routing;

import dev.codevector.CodeVectorException;
import java.util.Objects;
import java.util.Optional;

/**
 * Thrown when a client's request cannot be served as sent: it is malformed, or it uses a feature
 * the chosen upstream's dialect cannot express (such as {@code n > 1} towards Anthropic). The
 * server answers it with a 400 in the client's dialect. The message never contains the request
 * body.
 */
public final class InvalidRequestException extends CodeVectorException {
  private static final long serialVersionUID = 1L;

  /** The request parameter at fault; {@code null} when none. */
  private final String param;

  /**
   * Creates an exception naming the offending parameter.
   *
   * @param param the request parameter at fault, such as {@code n} or {@code messages[2].content};
   *     null when no single parameter is at fault
   * @param message what is wrong, for the client
   */
  public InvalidRequestException(String param, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.param = param;
  }

  /**
   * Returns the request parameter at fault.
   *
   * @return the parameter, or empty when no single one is at fault
   */
  public Optional<String> param() {
    return Optional.ofNullable(param);
  }
}
