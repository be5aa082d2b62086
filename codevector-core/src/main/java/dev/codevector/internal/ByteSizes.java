package dev.codevector.internal;

/** Writes a number of bytes as people read it in a message: {@code 16 MB}, {@code 64 KB}. */
public final class ByteSizes {
  private static final long KB = 1024;
  private static final long MB = KB * KB;

  private ByteSizes() {}

  /**
   * Writes a size in whole megabytes or kilobytes where it is one, else in bytes.
   *
   * @param bytes the size
   * @return the text
   */
  public static String of(long bytes) {
    if (bytes % MB == 0) {
      return bytes / MB + " MB";
    }
    return bytes % KB == 0 ? bytes / KB + " KB" : bytes + " bytes";
  }
}
