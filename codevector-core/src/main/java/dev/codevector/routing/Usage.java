package dev.codevector.routing;

/**
 * Token counts of one request, as the upstream reported them. Input tokens exclude cached and
 * cache-write tokens, so the four counts add up to everything the request used.
 *
 * @param inputTokens input tokens read neither from nor into the prompt cache
 * @param cachedInputTokens input tokens read from the prompt cache
 * @param cacheWriteTokens input tokens written to the prompt cache
 * @param outputTokens output tokens, reasoning included
 */
public record Usage(
    long inputTokens, long cachedInputTokens, long cacheWriteTokens, long outputTokens) {
  /** No tokens: what a request that used none, or reported none, counts. */
  public static final Usage NONE = new Usage(0, 0, 0, 0);

  /** Checks that no count is negative. */
  public Usage {
    if (inputTokens < 0 || cachedInputTokens < 0 || cacheWriteTokens < 0 || outputTokens < 0) {
      throw new IllegalArgumentException("negative token count");
    }
  }
}
