package dev.codevector.spi;

import dev.codevector.wire.Dialect;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The dialects an {@link Upstream} speaks for one of its models: those it accepts as they are, and
 * among them the native one that a request in any other dialect is translated to.
 *
 * @param nativeDialect the dialect a request in any other is translated to
 * @param accepted the dialects that pass through as they are, the native one among them
 */
public record Dialects(Dialect nativeDialect, Set<Dialect> accepted) {

  /** Checks the fields and copies the set. */
  public Dialects {
    Objects.requireNonNull(nativeDialect, "nativeDialect");
    accepted = Set.copyOf(accepted);
    if (!accepted.contains(nativeDialect)) {
      throw new IllegalArgumentException(nativeDialect + " is not among " + accepted);
    }
  }

  /**
   * Returns the dialects of an upstream that accepts its native dialect and some others.
   *
   * @param nativeDialect the native dialect
   * @param others the other dialects it accepts as they are
   * @return the dialects
   */
  public static Dialects of(Dialect nativeDialect, Dialect... others) {
    return new Dialects(nativeDialect, EnumSet.of(nativeDialect, others));
  }

  /**
   * Returns whether a request in one dialect passes through as it is.
   *
   * @param dialect the request's dialect
   * @return true when it is one of {@link #accepted()}
   */
  public boolean accepts(Dialect dialect) {
    return accepted.contains(dialect);
  }
}
