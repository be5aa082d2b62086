package dev.codevector.internal.translate;

import java.util.Objects;
import java.util.Optional;

/**
 * One event of a streamed answer in no particular dialect: what an upstream codec's {@link
 * ReplyStreamReader} reads from the upstream's events and a client codec's {@link
 * ReplyStreamWriter} writes in the client's dialect.
 *
 * <p>A stream is: {@link Started}; then text, reasoning and tool-call events in the order the model
 * produced them; {@link Finished}; {@link UsageReported} before or after it (an OpenAI upstream
 * reports usage after its finish chunk, Anthropic with it); and {@link Completed} when the upstream
 * ended its stream cleanly. {@link Failed} may come at any point and ends the stream. Parts are not
 * opened and closed explicitly: a text delta after a tool call starts a new text part, a reasoning
 * delta after a {@link ReasoningSealed} a new reasoning part.
 */
sealed interface ReplyEvent {

  /**
   * The answer began.
   *
   * @param id the upstream's id of the answer; empty when it gave none
   */
  record Started(String id) implements ReplyEvent {
    /** Checks the fields. */
    public Started {
      Objects.requireNonNull(id, "id");
    }
  }

  /**
   * More text.
   *
   * @param text the text, never empty
   */
  record TextDelta(String text) implements ReplyEvent {
    /** Checks the fields. */
    public TextDelta {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * More readable reasoning.
   *
   * @param text the reasoning text, never empty
   */
  record ReasoningDelta(String text) implements ReplyEvent {
    /** Checks the fields. */
    public ReasoningDelta {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * The current reasoning part is complete, with what its family needs to continue from it (its
   * signature, or redacted thinking that came without text).
   *
   * @param seal the seal
   */
  record ReasoningSealed(Part.Seal seal) implements ReplyEvent {
    /** Checks the fields. */
    public ReasoningSealed {
      Objects.requireNonNull(seal, "seal");
    }
  }

  /**
   * A tool call began.
   *
   * @param index the call's place among this answer's tool calls: 0, 1, 2…
   * @param id the call's id, as the upstream gave it
   * @param name the tool's name, restored to the client's name
   */
  record ToolCallStarted(int index, String id, String name) implements ReplyEvent {
    /** Checks the fields. */
    public ToolCallStarted {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * More of a tool call's arguments, as JSON text. Fragments of several calls may interleave.
   *
   * @param index the call's place among this answer's tool calls
   * @param fragment the next piece of the arguments' JSON text, never empty
   */
  record ToolArgumentsDelta(int index, String fragment) implements ReplyEvent {
    /** Checks the fields. */
    public ToolArgumentsDelta {
      Objects.requireNonNull(fragment, "fragment");
    }
  }

  /**
   * The model stopped.
   *
   * @param reason why
   * @param stopSequence the stop sequence that stopped it, for {@link StopReason#STOP_SEQUENCE}
   */
  record Finished(StopReason reason, Optional<String> stopSequence) implements ReplyEvent {
    /** Checks the fields. */
    public Finished {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(stopSequence, "stopSequence");
    }
  }

  /**
   * The tokens used so far; a later report replaces an earlier one.
   *
   * @param usage the usage
   */
  record UsageReported(TokenUsage usage) implements ReplyEvent {
    /** Checks the fields. */
    public UsageReported {
      Objects.requireNonNull(usage, "usage");
    }
  }

  /**
   * The upstream ended its stream with its own terminal marker ({@code [DONE]}, {@code
   * message_stop}, {@code response.completed}). A stream that ends without it was cut off.
   */
  record Completed() implements ReplyEvent {}

  /**
   * The upstream reported an error in the stream; nothing follows.
   *
   * @param status the HTTP status that matches the error's type, such as 429 for a rate limit, 529
   *     for Anthropic's {@code overloaded_error}, 500 when the type says nothing more
   * @param message the upstream's message
   */
  record Failed(int status, String message) implements ReplyEvent {
    /** Checks the fields. */
    public Failed {
      Objects.requireNonNull(message, "message");
    }
  }
}
