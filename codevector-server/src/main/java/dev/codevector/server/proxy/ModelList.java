package dev.codevector.server.proxy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.CodeVector;
import dev.codevector.access.Caller;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.ProviderModel;
import dev.codevector.server.internal.ApiKeys;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.ErrorBody;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code GET /v1/models}: the active Models the caller's key may use, in OpenAI's shape, or in
 * Anthropic's when the request carries {@code anthropic-version}, each with its context window and
 * maximum output as the client's API names them ({@code context_window} and {@code
 * max_output_tokens}; {@code max_input_tokens} and {@code max_tokens}), so that agents size their
 * context to the Model instead of guessing.
 */
final class ModelList {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final CodeVector codeVector;

  ModelList(CodeVector codeVector) {
    this.codeVector = codeVector;
  }

  void handle(Context ctx) {
    boolean anthropic = ctx.header("anthropic-version") != null;
    Optional<Caller> caller = ApiKeys.caller(ctx, codeVector.access());
    if (caller.isEmpty()) {
      Dialect dialect = anthropic ? Dialect.ANTHROPIC_MESSAGES : Dialect.OPENAI_CHAT;
      ctx.status(401)
          .contentType("application/json")
          .result(
              ErrorBody.of(dialect, 401, "invalid or missing API key", null, "invalid_api_key"));
      return;
    }
    Set<ModelId> usable = codeVector.access().usableModels(caller.get().userId());
    List<Model> models =
        codeVector.registry().models().stream()
            .filter(Model::isRoutable)
            .filter(m -> usable.contains(m.id()))
            .toList();
    ctx.contentType("application/json")
        .result((anthropic ? anthropic(models) : openAi(models)).toString());
  }

  private ObjectNode openAi(List<Model> models) {
    ObjectNode root = JSON.objectNode().put("object", "list");
    ArrayNode data = root.putArray("data");
    for (Model model : models) {
      ObjectNode entry =
          data.addObject()
              .put("id", model.slug())
              .put("object", "model")
              .put("created", model.createdAt().getEpochSecond())
              .put("owned_by", "codevector");
      sizes(model, entry, "context_window", "max_output_tokens");
    }
    return root;
  }

  private ObjectNode anthropic(List<Model> models) {
    ObjectNode root = JSON.objectNode();
    ArrayNode data = root.putArray("data");
    for (Model model : models) {
      ObjectNode entry =
          data.addObject()
              .put("type", "model")
              .put("id", model.slug())
              .put("display_name", model.displayName())
              .put("created_at", model.createdAt().toString());
      sizes(model, entry, "max_input_tokens", "max_tokens");
    }
    root.put("has_more", false);
    root.put("first_id", models.isEmpty() ? null : models.get(0).slug());
    root.put("last_id", models.isEmpty() ? null : models.get(models.size() - 1).slug());
    return root;
  }

  /**
   * Puts a Model's context window and maximum output under the given names: the smallest over the
   * Provider Models that may serve it, since any of them may answer. A Model none can serve now, or
   * whose Provider Models set no maximum output, has the field left out.
   */
  private void sizes(Model model, ObjectNode entry, String window, String output) {
    List<ProviderModel> serving = codeVector.registry().servingProviderModels(model);
    serving.stream()
        .mapToInt(ProviderModel::contextWindow)
        .min()
        .ifPresent(tokens -> entry.put(window, tokens));
    serving.stream()
        .map(ProviderModel::maxOutputTokens)
        .filter(OptionalInt::isPresent)
        .mapToInt(OptionalInt::getAsInt)
        .min()
        .ifPresent(tokens -> entry.put(output, tokens));
  }
}
