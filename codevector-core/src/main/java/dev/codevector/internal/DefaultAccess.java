package dev.codevector.internal;

import dev.codevector.Clock;
import dev.codevector.access.Access;
import dev.codevector.access.ApiKey;
import dev.codevector.access.ApiKeyId;
import dev.codevector.access.ApiKeyNotFoundException;
import dev.codevector.access.Caller;
import dev.codevector.access.Grant;
import dev.codevector.access.GrantId;
import dev.codevector.access.GrantNotFoundException;
import dev.codevector.access.Group;
import dev.codevector.access.GroupId;
import dev.codevector.access.GroupNotFoundException;
import dev.codevector.access.IssuedKey;
import dev.codevector.access.Principal;
import dev.codevector.access.User;
import dev.codevector.access.UserId;
import dev.codevector.access.UserNotFoundException;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.ModelNotFoundException;
import dev.codevector.registry.ValidationException;
import dev.codevector.spi.AccessStore;
import dev.codevector.spi.RegistryStore;
import dev.codevector.vault.Secret;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The {@link Access} service on an {@link AccessStore}; see the interface for the rules it
 * enforces.
 */
public final class DefaultAccess implements Access, AutoCloseable {
  private static final Duration LAST_USE_INTERVAL = Duration.ofMinutes(1);
  private static final int LAST_USES_PENDING = 10_000;
  private static final Comparator<Grant> GRANT_ORDER =
      Comparator.comparing(Grant::createdAt).thenComparing(g -> g.id().value());
  private static final Comparator<ApiKey> KEY_ORDER =
      Comparator.comparing(ApiKey::createdAt).thenComparing(k -> k.id().value());

  private final AccessStore store;
  private final RegistryStore registry;
  private final Clock clock;
  private final SecureRandom random;
  // When this instance last wrote each key's last use. A write another instance made is seen in
  // the key's stored lastUsedAt; one that lands between two reads at worst writes twice a minute.
  private final ConcurrentMap<ApiKeyId, Instant> lastUseWritten = new ConcurrentHashMap<>();
  private final LastUseWriter lastUses;

  /**
   * Creates the service. Keys' last use is written on a thread of its own, started with the first
   * write; {@link #close()} stops it.
   *
   * @param store where users, groups, grants and keys live
   * @param registry where the Models that grants name live
   * @param clock the source of time
   * @param random where keys' random bytes come from
   */
  public DefaultAccess(
      AccessStore store, RegistryStore registry, Clock clock, SecureRandom random) {
    this.store = Objects.requireNonNull(store, "store");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.lastUses = new LastUseWriter(store, LAST_USES_PENDING);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  // Users

  @Override
  public User createUser(String name, Optional<String> email) {
    return store.putUser(User.create(name, email, now()));
  }

  @Override
  public Optional<User> findUser(UserId id) {
    return store.findUser(Objects.requireNonNull(id, "id"));
  }

  @Override
  public User user(UserId id) {
    return findUser(id).orElseThrow(() -> new UserNotFoundException(id));
  }

  @Override
  public List<User> users() {
    return store.users().stream()
        .sorted(
            Comparator.comparing((User u) -> u.name().toLowerCase(Locale.ROOT))
                .thenComparing(u -> u.id().value()))
        .toList();
  }

  @Override
  public void deleteUser(UserId id) {
    List<ApiKey> keys = store.apiKeysOf(Objects.requireNonNull(id, "id"));
    if (!store.deleteUser(id)) {
      throw new UserNotFoundException(id);
    }
    keys.forEach(key -> lastUseWritten.remove(key.id()));
  }

  // Groups

  @Override
  public Group createGroup(String name) {
    return store.putGroup(Group.create(name, now()));
  }

  @Override
  public Optional<Group> findGroup(GroupId id) {
    return store.findGroup(Objects.requireNonNull(id, "id"));
  }

  @Override
  public Group group(GroupId id) {
    return findGroup(id).orElseThrow(() -> new GroupNotFoundException(id));
  }

  @Override
  public List<Group> groups() {
    return store.groups().stream()
        .sorted(Comparator.comparing((Group g) -> g.name().toLowerCase(Locale.ROOT)))
        .toList();
  }

  @Override
  public List<Group> groupsOf(UserId user) {
    return store.groupsOf(Objects.requireNonNull(user, "user"));
  }

  @Override
  public void deleteGroup(GroupId id) {
    if (!store.deleteGroup(Objects.requireNonNull(id, "id"))) {
      throw new GroupNotFoundException(id);
    }
  }

  @Override
  public Group addMember(GroupId groupId, UserId userId) {
    user(userId);
    return changeMembers(groupId, group -> group.withMember(userId));
  }

  @Override
  public Group removeMember(GroupId groupId, UserId userId) {
    Objects.requireNonNull(userId, "userId");
    return changeMembers(groupId, group -> group.withoutMember(userId));
  }

  private Group changeMembers(GroupId groupId, UnaryOperator<Group> change) {
    return Conflicts.retrying(
        () -> {
          Group current = group(groupId);
          Group changed = change.apply(current);
          return changed == current ? current : store.putGroup(changed);
        });
  }

  // Grants

  @Override
  public Grant grant(ModelId model, Principal principal) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(principal, "principal");
    return store.putGrant(Grant.create(model, principal, now()));
  }

  @Override
  public void revokeGrant(GrantId id) {
    if (!store.deleteGrant(Objects.requireNonNull(id, "id"))) {
      throw new GrantNotFoundException(id);
    }
  }

  @Override
  public List<Grant> grants() {
    return store.grants().stream().sorted(GRANT_ORDER).toList();
  }

  @Override
  public List<Grant> grants(ModelId model) {
    if (registry.findModel(Objects.requireNonNull(model, "model")).isEmpty()) {
      throw new ModelNotFoundException(model.value());
    }
    return store.grantsOf(model).stream().sorted(GRANT_ORDER).toList();
  }

  @Override
  public boolean mayUse(UserId user, ModelId model) {
    Objects.requireNonNull(user, "user");
    List<Grant> grants = store.grantsOf(Objects.requireNonNull(model, "model"));
    if (grants.stream().anyMatch(g -> g.names(user))) {
      return true;
    }
    Set<GroupId> granted =
        grants.stream().flatMap(g -> g.principal().group().stream()).collect(Collectors.toSet());
    return !granted.isEmpty()
        && store.groupsOf(user).stream().anyMatch(g -> granted.contains(g.id()));
  }

  @Override
  public Set<ModelId> usableModels(UserId user) {
    Objects.requireNonNull(user, "user");
    Set<GroupId> groups = store.groupsOf(user).stream().map(Group::id).collect(Collectors.toSet());
    return store.grants().stream()
        .filter(g -> g.names(user) || g.principal().group().filter(groups::contains).isPresent())
        .map(Grant::model)
        .collect(Collectors.toUnmodifiableSet());
  }

  // API keys

  @Override
  public IssuedKey issueKey(UserId userId, Optional<String> name, Optional<Instant> expiresAt) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(name, "name");
    Instant now = now();
    Optional<Instant> expiry =
        Objects.requireNonNull(expiresAt, "expiresAt").map(e -> e.truncatedTo(ChronoUnit.MICROS));
    if (expiry.isPresent() && !expiry.get().isAfter(now)) {
      throw new ValidationException("expiresAt", expiry.get().toString(), "must be in the future");
    }
    String plaintext = ApiKeyFormat.generate(random);
    ApiKey key =
        new ApiKey(
            ApiKeyId.random(),
            userId,
            name,
            ApiKeyFormat.prefix(plaintext),
            Sha256.of(plaintext),
            now,
            expiry,
            Optional.empty(),
            Optional.empty(),
            0);
    return new IssuedKey(store.putApiKey(key), Secret.of(plaintext));
  }

  @Override
  public Optional<ApiKey> findKey(ApiKeyId id) {
    return store.findApiKey(Objects.requireNonNull(id, "id"));
  }

  @Override
  public ApiKey key(ApiKeyId id) {
    return findKey(id).orElseThrow(() -> new ApiKeyNotFoundException(id));
  }

  @Override
  public List<ApiKey> keys() {
    return store.apiKeys().stream().sorted(KEY_ORDER).toList();
  }

  @Override
  public List<ApiKey> keys(UserId userId) {
    user(userId);
    return store.apiKeysOf(userId).stream().sorted(KEY_ORDER).toList();
  }

  @Override
  public ApiKey revokeKey(ApiKeyId id) {
    ApiKey revoked =
        Conflicts.retrying(
            () -> {
              ApiKey current = key(id);
              return current.revokedAt().isPresent()
                  ? current
                  : store.putApiKey(current.withRevokedAt(now()));
            });
    lastUseWritten.remove(id);
    return revoked;
  }

  @Override
  public void deleteKey(ApiKeyId id) {
    if (!store.deleteApiKey(Objects.requireNonNull(id, "id"))) {
      throw new ApiKeyNotFoundException(id);
    }
    lastUseWritten.remove(id);
  }

  @Override
  public Optional<Caller> authenticate(String presented) {
    Objects.requireNonNull(presented, "presented");
    if (!ApiKeyFormat.isWellFormed(presented)) {
      return Optional.empty();
    }
    byte[] hash = Sha256.of(presented);
    Optional<ApiKey> found =
        store.findApiKeyByHash(hash).filter(k -> MessageDigest.isEqual(k.hash(), hash));
    Instant now = now();
    if (found.isEmpty() || !found.get().isActiveAt(now)) {
      return Optional.empty();
    }
    ApiKey key = found.get();
    writeLastUse(key, now);
    return Optional.of(new Caller(key.userId(), key.id()));
  }

  /**
   * Queues the write of a key's last use, unless it was written less than a minute ago. Of the
   * threads that find it due, the one that moves the in-memory time on queues it; the others skip.
   */
  private void writeLastUse(ApiKey key, Instant now) {
    if (key.lastUsedAt().filter(t -> isRecent(t, now)).isPresent()) {
      return;
    }
    Instant previous = lastUseWritten.get(key.id());
    if (previous != null && isRecent(previous, now)) {
      return;
    }
    boolean claimed =
        previous == null
            ? lastUseWritten.putIfAbsent(key.id(), now) == null
            : lastUseWritten.replace(key.id(), previous, now);
    if (claimed) {
      lastUses.submit(key, now);
    }
  }

  /** Writes the last uses still pending, giving up at the first the store refuses. */
  @Override
  public void close() {
    lastUses.close();
  }

  private static boolean isRecent(Instant written, Instant now) {
    return now.isBefore(written.plus(LAST_USE_INTERVAL));
  }
}
