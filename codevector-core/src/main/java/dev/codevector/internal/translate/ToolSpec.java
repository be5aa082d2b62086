package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * A function tool the model may call. Tools of other kinds are turned into functions (Responses'
 * freeform tools), or dropped or refused, by the client dialect's codec.
 *
 * @param name the tool's name, as the client named it; upstream codecs shorten or escape it where
 *     their dialect needs that, and restore it in the answer
 * @param description what the tool does; empty when the client gave none
 * @param parameters the JSON schema of the arguments, an object schema; not modified by codecs
 * @param strict the client's {@code strict} flag, when it gave one
 */
record ToolSpec(String name, String description, ObjectNode parameters, Optional<Boolean> strict) {

  /** Checks the fields. */
  ToolSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(strict, "strict");
  }
}
