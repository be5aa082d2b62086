package dev.codevector.server.proxy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.CodeVector;
import dev.codevector.access.Caller;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelId;
import dev.codevector.server.internal.ApiKeys;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.ErrorBody;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /v1/models}: the active Models the caller's key may use, in OpenAI's shape, or in
 * Anthropic's when the request carries {@code anthropic-version}.
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
        codeVector.registry().models("").stream()
            .filter(Model::isRoutable)
            .filter(m -> usable.contains(m.id()))
            .toList();
    ctx.contentType("application/json")
        .result((anthropic ? anthropic(models) : openAi(models)).toString());
  }

  private static ObjectNode openAi(List<Model> models) {
    ObjectNode root = JSON.objectNode().put("object", "list");
    ArrayNode data = root.putArray("data");
    for (Model model : models) {
      data.addObject()
          .put("id", model.slug())
          .put("object", "model")
          .put("created", model.createdAt().getEpochSecond())
          .put("owned_by", "codevector");
    }
    return root;
  }

  private static ObjectNode anthropic(List<Model> models) {
    ObjectNode root = JSON.objectNode();
    ArrayNode data = root.putArray("data");
    for (Model model : models) {
      data.addObject()
          .put("type", "model")
          .put("id", model.slug())
          .put("display_name", model.displayName())
          .put("created_at", model.createdAt().toString());
    }
    root.put("has_more", false);
    root.put("first_id", models.isEmpty() ? null : models.get(0).slug());
    root.put("last_id", models.isEmpty() ? null : models.get(models.size() - 1).slug());
    return root;
  }
}
