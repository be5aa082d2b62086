package dev.codevector.registry;

/**
 * What a {@link Model} or a {@link ProviderModel} does. A Backend may wire a Model only to a
 * Provider Model of the same kind, and a Model's kind is fixed once it is created.
 */
public enum ModelKind {
  /** Chat and text generation: chat completions, messages, responses. */
  CHAT,
  /** Vector embeddings of text. */
  EMBEDDING;

  /**
   * Returns the kind's wire name, {@code chat} or {@code embedding}.
   *
   * @return the lowercase name
   */
  public String id() {
    return WireNames.of(this);
  }

  /**
   * Returns the kind with the given wire name.
   *
   * @param id {@code chat} or {@code embedding}
   * @return the kind
   * @throws ValidationException if {@code id} names no kind
   */
  public static ModelKind of(String id) {
    return WireNames.parse(ModelKind.class, "kind", id);
  }
}
