package dev.codevector.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.access.Access;
import dev.codevector.access.ApiKey;
import dev.codevector.access.ApiKeyId;
import dev.codevector.access.Grant;
import dev.codevector.access.GrantId;
import dev.codevector.access.Group;
import dev.codevector.access.GroupId;
import dev.codevector.access.IssuedKey;
import dev.codevector.access.Principal;
import dev.codevector.access.User;
import dev.codevector.access.UserId;
import dev.codevector.registry.Model;
import dev.codevector.registry.Registry;
import dev.codevector.registry.ValidationException;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The admin routes for users, groups and their members, grants of Models, and API keys. A grant
 * names its Model by slug and either a {@code userId} or a {@code groupId}. A new key is answered
 * once with the whole key in {@code key}; afterwards only its prefix is shown. Deleting a key
 * revokes it, keeping its record, and answers with the revoked key.
 */
final class AdminAccess {
  private static final Set<String> USER_FIELDS = Set.of("name", "email");
  private static final Set<String> GROUP_FIELDS = Set.of("name");
  private static final Set<String> GRANT_FIELDS = Set.of("model", "userId", "groupId");
  private static final Set<String> KEY_FIELDS = Set.of("name", "expiresAt");

  private static final String USER = "user";
  private static final String GROUP = "group";
  private static final String GRANT = "grant";
  private static final String API_KEY = "api-key";

  private final Access access;
  private final Registry registry;
  private final AuditTrail trail;

  AdminAccess(Access access, Registry registry, AuditTrail trail) {
    this.access = access;
    this.registry = registry;
    this.trail = trail;
  }

  void register(AdminRoutes routes) {
    routes.get("/users", this::users);
    routes.post("/users", this::createUser);
    routes.get("/users/{id}", ctx -> AdminJson.send(ctx, 200, AdminJson.user(user(ctx))));
    routes.delete("/users/{id}", this::deleteUser);
    routes.post("/users/{id}/keys", this::issueKey);
    routes.get("/groups", this::groups);
    routes.post("/groups", this::createGroup);
    routes.get("/groups/{id}", ctx -> AdminJson.send(ctx, 200, AdminJson.group(group(ctx))));
    routes.delete("/groups/{id}", this::deleteGroup);
    routes.post("/groups/{id}/members/{userId}", this::addMember);
    routes.delete("/groups/{id}/members/{userId}", this::removeMember);
    routes.get("/grants", this::grants);
    routes.post("/grants", this::grant);
    routes.delete("/grants/{id}", this::revokeGrant);
    routes.get("/keys", this::keys);
    routes.get("/keys/{id}", ctx -> sendKey(ctx, access.key(keyId(ctx))));
    routes.delete("/keys/{id}", this::revokeKey);
  }

  private void users(Context ctx) {
    AdminJson.send(ctx, 200, AdminJson.list(access.users().stream().map(AdminJson::user).toList()));
  }

  private void createUser(Context ctx) {
    JsonBody body = JsonBody.parse(ctx.body(), USER_FIELDS);
    User user =
        access.createUser(body.optionalText("name").orElse(null), body.optionalText("email"));
    ObjectNode after = AdminJson.user(user);
    trail.created(ctx, USER, user.id().value(), after);
    AdminJson.send(ctx, 201, after);
  }

  private User user(Context ctx) {
    return access.user(userId(ctx, "id"));
  }

  private static UserId userId(Context ctx, String param) {
    return UserId.of(AdminRoutes.pathId(ctx, param));
  }

  private void deleteUser(Context ctx) {
    User current = user(ctx);
    access.deleteUser(current.id());
    trail.deleted(ctx, USER, current.id().value(), AdminJson.user(current));
    AdminRoutes.noContent(ctx);
  }

  private void groups(Context ctx) {
    AdminJson.send(
        ctx, 200, AdminJson.list(access.groups().stream().map(AdminJson::group).toList()));
  }

  private void createGroup(Context ctx) {
    JsonBody body = JsonBody.parse(ctx.body(), GROUP_FIELDS);
    Group group = access.createGroup(body.optionalText("name").orElse(null));
    ObjectNode after = AdminJson.group(group);
    trail.created(ctx, GROUP, group.id().value(), after);
    AdminJson.send(ctx, 201, after);
  }

  private Group group(Context ctx) {
    return access.group(groupId(ctx));
  }

  private static GroupId groupId(Context ctx) {
    return GroupId.of(AdminRoutes.pathId(ctx, "id"));
  }

  private void deleteGroup(Context ctx) {
    Group current = group(ctx);
    access.deleteGroup(current.id());
    trail.deleted(ctx, GROUP, current.id().value(), AdminJson.group(current));
    AdminRoutes.noContent(ctx);
  }

  private void addMember(Context ctx) {
    Group current = group(ctx);
    membership(ctx, "add-member", current, access.addMember(current.id(), userId(ctx, "userId")));
  }

  private void removeMember(Context ctx) {
    Group current = group(ctx);
    membership(
        ctx, "remove-member", current, access.removeMember(current.id(), userId(ctx, "userId")));
  }

  /** Records a change of a group's members and answers with the group as changed. */
  private void membership(Context ctx, String action, Group before, Group after) {
    ObjectNode answer = AdminJson.group(after);
    trail.changed(ctx, GROUP, after.id().value(), action, AdminJson.group(before), answer);
    AdminJson.send(ctx, 200, answer);
  }

  /** Lists grants, narrowed by {@code ?model=} (a slug), {@code ?userId=} or {@code ?groupId=}. */
  private void grants(Context ctx) {
    Optional<String> slug = Optional.ofNullable(ctx.queryParam("model"));
    List<Grant> grants =
        slug.isPresent()
            ? access.grants(AdminRoutes.modelBySlug(registry, "model", slug.get()).id())
            : access.grants();
    Predicate<Grant> wanted = grant -> true;
    String userId = ctx.queryParam("userId");
    if (userId != null) {
      wanted =
          wanted.and(g -> g.principal().user().map(u -> u.value().equals(userId)).orElse(false));
    }
    String groupId = ctx.queryParam("groupId");
    if (groupId != null) {
      wanted =
          wanted.and(g -> g.principal().group().map(u -> u.value().equals(groupId)).orElse(false));
    }
    AdminJson.send(
        ctx, 200, AdminJson.list(grants.stream().filter(wanted).map(this::grantJson).toList()));
  }

  private void grant(Context ctx) {
    JsonBody body = JsonBody.parse(ctx.body(), GRANT_FIELDS);
    Model model = AdminRoutes.modelBySlug(registry, "model", body.text("model"));
    Optional<String> userId = body.optionalText("userId");
    Optional<String> groupId = body.optionalText("groupId");
    if (userId.isEmpty() && groupId.isEmpty()) {
      throw new ValidationException("userId", null, "or groupId is required");
    }
    if (userId.isPresent() && groupId.isPresent()) {
      throw new ValidationException("groupId", null, "must not be given with userId");
    }
    Principal principal =
        userId.isPresent()
            ? Principal.ofUser(UserId.of(AdminRoutes.id("userId", userId.get())))
            : Principal.ofGroup(GroupId.of(AdminRoutes.id("groupId", groupId.get())));
    Grant grant = access.grant(model.id(), principal);
    ObjectNode after = grantJson(grant);
    trail.created(ctx, GRANT, grant.id().value(), after);
    AdminJson.send(ctx, 201, after);
  }

  private ObjectNode grantJson(Grant grant) {
    String slug = registry.findModel(grant.model()).map(Model::slug).orElse(null);
    String principal =
        grant
            .principal()
            .user()
            .flatMap(access::findUser)
            .map(User::name)
            .or(() -> grant.principal().group().flatMap(access::findGroup).map(Group::name))
            .orElse(null);
    return AdminJson.grant(grant, slug, principal);
  }

  /** Revokes a grant; the audit trail shows it as it was, if it was found just before. */
  private void revokeGrant(Context ctx) {
    GrantId id = GrantId.of(AdminRoutes.pathId(ctx, "id"));
    Optional<ObjectNode> before =
        access.grants().stream().filter(g -> g.id().equals(id)).findFirst().map(this::grantJson);
    access.revokeGrant(id);
    trail.deleted(ctx, GRANT, id.value(), before.orElse(null));
    AdminRoutes.noContent(ctx);
  }

  private void issueKey(Context ctx) {
    UserId userId = userId(ctx, "id");
    access.user(userId);
    String text = ctx.body();
    JsonBody body = JsonBody.parse(text.isBlank() ? "{}" : text, KEY_FIELDS);
    IssuedKey issued =
        access.issueKey(userId, body.optionalText("name"), body.instant("expiresAt"));
    ObjectNode answer = AdminJson.key(issued.key(), Instant.now());
    trail.created(ctx, API_KEY, issued.key().id().value(), answer.deepCopy());
    answer.put("key", issued.plaintext().reveal());
    AdminJson.send(ctx, 201, answer);
  }

  /** Lists API keys, narrowed by {@code ?userId=}, without the keys themselves. */
  private void keys(Context ctx) {
    String userId = ctx.queryParam("userId");
    List<ApiKey> keys =
        userId == null ? access.keys() : access.keys(UserId.of(AdminRoutes.id("userId", userId)));
    Instant now = Instant.now();
    AdminJson.send(
        ctx, 200, AdminJson.list(keys.stream().map(k -> AdminJson.key(k, now)).toList()));
  }

  private static ApiKeyId keyId(Context ctx) {
    return ApiKeyId.of(AdminRoutes.pathId(ctx, "id"));
  }

  private static void sendKey(Context ctx, ApiKey key) {
    AdminJson.send(ctx, 200, AdminJson.key(key, Instant.now()));
  }

  private void revokeKey(Context ctx) {
    ApiKey current = access.key(keyId(ctx));
    Instant now = Instant.now();
    ObjectNode after = AdminJson.key(access.revokeKey(current.id()), now);
    trail.changed(ctx, API_KEY, current.id().value(), "revoke", AdminJson.key(current, now), after);
    AdminJson.send(ctx, 200, after);
  }
}
