package dev.codevector.internal;

/**
 * Finds the error that no retry, fallback or warning may swallow: a {@link VirtualMachineError},
 * such as an {@link OutOfMemoryError}, which a store may hand back wrapped in a runtime failure (a
 * driver or pool that caught it, and a {@code StoreException} around that). Code that catches
 * runtime failures of a store to retry, to drop a write or to keep a cached value calls {@link
 * #rethrowIn} first, so that the error goes on up to the thread's uncaught exception handler, which
 * in the server ends the process.
 */
public final class FatalErrors {
  /** Bounds the walk down a chain of causes, which a careless exception can make circular. */
  private static final int MAX_CAUSES = 32;

  private FatalErrors() {}

  /**
   * Throws the virtual machine error a failure is, or has among its causes; returns if it has none.
   *
   * @param failure what was caught
   */
  public static void rethrowIn(Throwable failure) {
    Throwable cause = failure;
    for (int i = 0; cause != null && i < MAX_CAUSES; i++) {
      if (cause instanceof VirtualMachineError error) {
        throw error;
      }
      cause = cause.getCause();
    }
  }
}
