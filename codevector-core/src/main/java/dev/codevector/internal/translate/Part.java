package dev.codevector.internal.translate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One piece of a {@link Turn} or a {@link Reply}: text, an image, a document, a tool call, a tool's
 * result, or the model's reasoning. Every dialect's content maps to these; what a dialect cannot
 * express is dropped or refused by that dialect's codec, by the policy in {@code
 * docs/translation.md}.
 */
sealed interface Part {

  /**
   * Text.
   *
   * @param text the text; may be empty only where the dialect it came from allowed that
   * @param cacheBreakpoint whether a prompt-cache breakpoint ends here (Anthropic's {@code
   *     cache_control}); dialects without explicit breakpoints ignore it
   */
  record Text(String text, boolean cacheBreakpoint) implements Part {
    /** Checks the fields. */
    public Text {
      Objects.requireNonNull(text, "text");
    }

    /**
     * Returns text without a cache breakpoint.
     *
     * @param text the text
     * @return the part
     */
    static Text of(String text) {
      return new Text(text, false);
    }
  }

  /**
   * An image, given either inline as base64 data or by URL.
   *
   * @param mediaType the media type of inline data, such as {@code image/png}; empty for a URL
   * @param data the base64 data; empty for a URL
   * @param url the image's URL (never a {@code data:} URL; those are split into media type and
   *     data); empty for inline data
   * @param detail OpenAI's {@code detail} hint ({@code low}, {@code high}, {@code auto}); empty
   *     when the client gave none
   */
  record Image(String mediaType, String data, String url, String detail) implements Part {
    /** Checks the fields. */
    public Image {
      Objects.requireNonNull(mediaType, "mediaType");
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(detail, "detail");
    }

    /**
     * Returns whether the image is inline data rather than a URL.
     *
     * @return true for base64 data
     */
    boolean inline() {
      return url.isEmpty();
    }

    /**
     * Returns the image as a URL: its own, or a {@code data:} URL of its inline data.
     *
     * @return the URL
     */
    String asUrl() {
      return inline() ? "data:" + mediaType + ";base64," + data : url;
    }

    /**
     * Returns the image of a URL, splitting a {@code data:} URL into media type and data.
     *
     * @param url an image URL or a base64 {@code data:} URL
     * @param detail OpenAI's detail hint, or empty
     * @return the image
     */
    static Image ofUrl(String url, String detail) {
      if (url.startsWith("data:")) {
        int comma = url.indexOf(',');
        int base64 = url.lastIndexOf(";base64", comma);
        if (comma > 0 && base64 > 0) {
          return new Image(url.substring(5, base64), url.substring(comma + 1), "", detail);
        }
      }
      return new Image("", "", url, detail);
    }
  }

  /**
   * A document given inline, such as a PDF.
   *
   * @param mediaType the document's media type, such as {@code application/pdf}
   * @param data the base64 data
   * @param filename the file name the client gave; empty when none
   */
  record Document(String mediaType, String data, String filename) implements Part {
    /** Checks the fields. */
    public Document {
      Objects.requireNonNull(mediaType, "mediaType");
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(filename, "filename");
    }
  }

  /**
   * A call of a function tool, made by the assistant.
   *
   * @param id the call's id, as the dialect it came from wrote it; codecs that need another id
   *     syntax map it, consistently for the call and its result
   * @param name the tool's name, as the client named it
   * @param arguments the arguments as JSON text; what the model produced, which may not be a valid
   *     JSON object
   */
  record ToolCall(String id, String name, String arguments) implements Part {
    /** Checks the fields. */
    public ToolCall {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(arguments, "arguments");
    }
  }

  /**
   * The result of a tool call, given back by the client in a user turn.
   *
   * @param callId the id of the call it answers
   * @param content the result: text and images
   * @param error whether the tool failed (Anthropic's {@code is_error})
   */
  record ToolResult(String callId, List<Part> content, boolean error) implements Part {
    /** Checks the fields and copies the content. */
    public ToolResult {
      Objects.requireNonNull(callId, "callId");
      content = List.copyOf(content);
    }
  }

  /**
   * The model's reasoning: its text as the model showed it (thinking text, a reasoning summary, or
   * {@code reasoning_content}), and the sealed form its family needs to continue from it.
   *
   * @param text the readable reasoning; empty when the family showed none (redacted thinking,
   *     encrypted reasoning without a summary)
   * @param seal what only the model's family can read; empty when the upstream gave none
   */
  record Reasoning(String text, Optional<Seal> seal) implements Part {
    /** Checks the fields. */
    public Reasoning {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(seal, "seal");
    }

    /**
     * Returns whether the reasoning can be sent to an upstream of a family.
     *
     * @param family the upstream's family
     * @return true when the reasoning carries a seal of that family
     */
    boolean sealedFor(Seal.Family family) {
      return seal.map(s -> s.family() == family).orElse(false);
    }
  }

  /**
   * What a model family needs back to continue from its own reasoning, and that no other family can
   * read: Anthropic's thinking {@code signature} (or a {@code redacted_thinking} block's data), or
   * OpenAI's {@code encrypted_content}. Codecs send it only to upstreams of the same family.
   *
   * @param family the family that made it
   * @param value the opaque value
   * @param redacted whether it is Anthropic's {@code redacted_thinking} data rather than a
   *     signature of the reasoning's text
   */
  record Seal(Family family, String value, boolean redacted) {

    /** A family of models that seals its reasoning its own way. */
    enum Family {
      /** Claude, wherever it is served: Anthropic, Bedrock, Vertex AI. */
      ANTHROPIC,
      /** OpenAI's Responses service. */
      OPENAI
    }

    /** Checks the fields. */
    public Seal {
      Objects.requireNonNull(family, "family");
      Objects.requireNonNull(value, "value");
    }
  }
}
