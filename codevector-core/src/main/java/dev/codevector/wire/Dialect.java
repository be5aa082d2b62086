package dev.codevector.wire;

/**
 * A wire format: one endpoint of one API, with its request and response shapes. A client speaks one
 * dialect; an upstream speaks some; when they differ, CodeVector translates.
 */
public enum Dialect {
  /** OpenAI Chat Completions, {@code POST /v1/chat/completions}; SSE chunks without event names. */
  OPENAI_CHAT("/chat/completions"),
  /** OpenAI Responses, {@code POST /v1/responses}, as Codex CLI speaks it; named SSE events. */
  OPENAI_RESPONSES("/responses"),
  /** OpenAI Embeddings, {@code POST /v1/embeddings}; never streamed. */
  OPENAI_EMBEDDINGS("/embeddings"),
  /** Anthropic Messages, {@code POST /v1/messages}; named SSE events. */
  ANTHROPIC_MESSAGES("/v1/messages"),
  /** Anthropic token counting, {@code POST /v1/messages/count_tokens}; never streamed. */
  ANTHROPIC_COUNT_TOKENS("/v1/messages/count_tokens");

  private final String path;

  Dialect(String path) {
    this.path = path;
  }

  /**
   * Returns the endpoint's path relative to the API's base URL; OpenAI paths are relative to a base
   * URL that ends in {@code /v1}, Anthropic paths to the bare host.
   *
   * @return the path, starting with a slash
   */
  public String path() {
    return path;
  }

  /**
   * Returns whether this is one of Anthropic's dialects, whose errors and streams have Anthropic's
   * shape.
   *
   * @return true for the Anthropic dialects
   */
  public boolean isAnthropic() {
    return this == ANTHROPIC_MESSAGES || this == ANTHROPIC_COUNT_TOKENS;
  }
}
