package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A chat request in no particular dialect: the common form every client dialect's request is read
 * into and every upstream dialect's request is written from. A client codec reads one, an upstream
 * codec writes one; neither knows the other's dialect.
 *
 * <p>What one dialect says that no other can (Anthropic's {@code top_k}, OpenAI's {@code seed}) has
 * no place here unless some upstream dialect can carry it; codecs drop or refuse it by the policy
 * in {@code docs/translation.md}. Immutable; build with {@link #builder()}.
 */
final class Conversation {
  private final List<Turn> turns;
  private final List<ToolSpec> tools;
  private final Optional<ToolChoice> toolChoice;
  private final Optional<Boolean> parallelToolCalls;
  private final OptionalLong maxOutputTokens;
  private final OptionalDouble temperature;
  private final OptionalDouble topP;
  private final OptionalInt topK;
  private final List<String> stopSequences;
  private final boolean stream;
  private final Optional<ReasoningRequest> reasoning;
  private final Optional<ObjectNode> jsonSchema;
  private final Optional<String> user;

  private Conversation(Builder builder) {
    this.turns = List.copyOf(builder.turns);
    this.tools = List.copyOf(builder.tools);
    this.toolChoice = builder.toolChoice;
    this.parallelToolCalls = builder.parallelToolCalls;
    this.maxOutputTokens = builder.maxOutputTokens;
    this.temperature = builder.temperature;
    this.topP = builder.topP;
    this.topK = builder.topK;
    this.stopSequences = List.copyOf(builder.stopSequences);
    this.stream = builder.stream;
    this.reasoning = builder.reasoning;
    this.jsonSchema = builder.jsonSchema;
    this.user = builder.user;
  }

  /**
   * Returns a new builder of an empty, non-streaming conversation.
   *
   * @return the builder
   */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the turns in order. {@link Turn.Role#SYSTEM} turns hold instructions; a dialect that
   * takes them in one place only (Anthropic's top-level {@code system}) gathers them there.
   *
   * @return the turns, unmodifiable
   */
  List<Turn> turns() {
    return turns;
  }

  /**
   * Returns the function tools the model may call.
   *
   * @return the tools, unmodifiable
   */
  List<ToolSpec> tools() {
    return tools;
  }

  /**
   * Returns the client's tool choice.
   *
   * @return the choice, or empty when the client gave none
   */
  Optional<ToolChoice> toolChoice() {
    return toolChoice;
  }

  /**
   * Returns whether the model may call several tools in one turn.
   *
   * @return the client's setting, or empty when it gave none
   */
  Optional<Boolean> parallelToolCalls() {
    return parallelToolCalls;
  }

  /**
   * Returns the cap on output tokens.
   *
   * @return the client's cap, or empty when it gave none
   */
  OptionalLong maxOutputTokens() {
    return maxOutputTokens;
  }

  /**
   * Returns the sampling temperature.
   *
   * @return the client's temperature, or empty
   */
  OptionalDouble temperature() {
    return temperature;
  }

  /**
   * Returns the nucleus sampling cut-off.
   *
   * @return the client's {@code top_p}, or empty
   */
  OptionalDouble topP() {
    return topP;
  }

  /**
   * Returns the top-k sampling cut-off, which only Anthropic-family upstreams take.
   *
   * @return the client's {@code top_k}, or empty
   */
  OptionalInt topK() {
    return topK;
  }

  /**
   * Returns the sequences that stop generation.
   *
   * @return the stop sequences, unmodifiable; empty when none
   */
  List<String> stopSequences() {
    return stopSequences;
  }

  /**
   * Returns whether the client asked for a stream.
   *
   * @return true for a streamed answer
   */
  boolean stream() {
    return stream;
  }

  /**
   * Returns how much the model should reason.
   *
   * @return the request, or empty when the client asked for no reasoning or said nothing
   */
  Optional<ReasoningRequest> reasoning() {
    return reasoning;
  }

  /**
   * Returns the JSON schema the answer must follow.
   *
   * @return the schema, or empty when the answer is free text
   */
  Optional<ObjectNode> jsonSchema() {
    return jsonSchema;
  }

  /**
   * Returns the end user's id, for the upstream's abuse tracking.
   *
   * @return the id, or empty
   */
  Optional<String> user() {
    return user;
  }

  /** Builds a {@link Conversation}. Not thread-safe. */
  static final class Builder {
    private final List<Turn> turns = new ArrayList<>();
    private final List<ToolSpec> tools = new ArrayList<>();
    private Optional<ToolChoice> toolChoice = Optional.empty();
    private Optional<Boolean> parallelToolCalls = Optional.empty();
    private OptionalLong maxOutputTokens = OptionalLong.empty();
    private OptionalDouble temperature = OptionalDouble.empty();
    private OptionalDouble topP = OptionalDouble.empty();
    private OptionalInt topK = OptionalInt.empty();
    private final List<String> stopSequences = new ArrayList<>();
    private boolean stream;
    private Optional<ReasoningRequest> reasoning = Optional.empty();
    private Optional<ObjectNode> jsonSchema = Optional.empty();
    private Optional<String> user = Optional.empty();

    private Builder() {}

    /**
     * Adds a turn after the ones added so far.
     *
     * @param turn the turn
     * @return this builder
     */
    Builder turn(Turn turn) {
      turns.add(Objects.requireNonNull(turn, "turn"));
      return this;
    }

    /**
     * Adds a tool.
     *
     * @param tool the tool
     * @return this builder
     */
    Builder tool(ToolSpec tool) {
      tools.add(Objects.requireNonNull(tool, "tool"));
      return this;
    }

    /**
     * Sets the tool choice.
     *
     * @param choice the choice
     * @return this builder
     */
    Builder toolChoice(ToolChoice choice) {
      this.toolChoice = Optional.of(choice);
      return this;
    }

    /**
     * Sets whether the model may call several tools in one turn.
     *
     * @param parallel the client's setting
     * @return this builder
     */
    Builder parallelToolCalls(boolean parallel) {
      this.parallelToolCalls = Optional.of(parallel);
      return this;
    }

    /**
     * Sets the cap on output tokens.
     *
     * @param tokens the cap
     * @return this builder
     */
    Builder maxOutputTokens(long tokens) {
      this.maxOutputTokens = OptionalLong.of(tokens);
      return this;
    }

    /**
     * Sets the sampling temperature.
     *
     * @param value the temperature
     * @return this builder
     */
    Builder temperature(double value) {
      this.temperature = OptionalDouble.of(value);
      return this;
    }

    /**
     * Sets the nucleus sampling cut-off.
     *
     * @param value {@code top_p}
     * @return this builder
     */
    Builder topP(double value) {
      this.topP = OptionalDouble.of(value);
      return this;
    }

    /**
     * Sets the top-k sampling cut-off.
     *
     * @param value {@code top_k}
     * @return this builder
     */
    Builder topK(int value) {
      this.topK = OptionalInt.of(value);
      return this;
    }

    /**
     * Adds a stop sequence.
     *
     * @param sequence the sequence
     * @return this builder
     */
    Builder stopSequence(String sequence) {
      stopSequences.add(Objects.requireNonNull(sequence, "sequence"));
      return this;
    }

    /**
     * Sets whether the client asked for a stream.
     *
     * @param value true for a streamed answer
     * @return this builder
     */
    Builder stream(boolean value) {
      this.stream = value;
      return this;
    }

    /**
     * Sets how much the model should reason.
     *
     * @param request the reasoning request
     * @return this builder
     */
    Builder reasoning(ReasoningRequest request) {
      this.reasoning = Optional.of(request);
      return this;
    }

    /**
     * Sets the JSON schema the answer must follow.
     *
     * @param schema the schema
     * @return this builder
     */
    Builder jsonSchema(ObjectNode schema) {
      this.jsonSchema = Optional.of(schema);
      return this;
    }

    /**
     * Sets the end user's id.
     *
     * @param id the id
     * @return this builder
     */
    Builder user(String id) {
      this.user = Optional.of(id);
      return this;
    }

    /**
     * Returns the conversation built so far.
     *
     * @return the conversation
     */
    Conversation build() {
      return new Conversation(this);
    }
  }
}
