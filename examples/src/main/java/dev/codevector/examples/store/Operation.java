package dev.codevector.examples.store;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.codevector.access.ApiKey;
import dev.codevector.access.ApiKeyId;
import dev.codevector.access.Grant;
import dev.codevector.access.GrantId;
import dev.codevector.access.Group;
import dev.codevector.access.GroupId;
import dev.codevector.access.User;
import dev.codevector.access.UserId;
import dev.codevector.audit.AuditEntry;
import dev.codevector.limits.Charge;
import dev.codevector.limits.Limit;
import dev.codevector.limits.LimitId;
import dev.codevector.limits.Reservation;
import dev.codevector.limits.Settlement;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderId;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelId;
import dev.codevector.spi.ConsoleSession;
import dev.codevector.spi.Setting;
import dev.codevector.spi.Store;
import dev.codevector.usage.UsageRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One kind of write a {@link JournalStore} journals: its name in the journal, the type of its
 * argument, and how it is applied to a store. The same definition applies a write as it happens and
 * again when the journal is replayed, so both take the same path.
 *
 * @param name the operation's name in the journal
 * @param type the type of its argument
 * @param apply applies the operation to a store, returning what the store returned
 * @param <T> the type of the argument
 * @param <R> the type of the result
 */
record Operation<T, R>(String name, JavaType type, BiFunction<Store, T, R> apply) {
  static final Operation<Provider, Provider> PUT_PROVIDER =
      of("putProvider", Provider.class, (s, p) -> s.registry().putProvider(p));
  static final Operation<ProviderId, Boolean> DELETE_PROVIDER =
      of("deleteProvider", ProviderId.class, (s, id) -> s.registry().deleteProvider(id));
  static final Operation<ProviderModel, ProviderModel> PUT_PROVIDER_MODEL =
      of("putProviderModel", ProviderModel.class, (s, m) -> s.registry().putProviderModel(m));
  static final Operation<ProviderModelId, Boolean> DELETE_PROVIDER_MODEL =
      of(
          "deleteProviderModel",
          ProviderModelId.class,
          (s, id) -> s.registry().deleteProviderModel(id));
  static final Operation<Model, Model> PUT_MODEL =
      of("putModel", Model.class, (s, m) -> s.registry().putModel(m));
  static final Operation<ModelId, Boolean> DELETE_MODEL =
      of("deleteModel", ModelId.class, (s, id) -> s.registry().deleteModel(id));
  static final Operation<User, User> PUT_USER =
      of("putUser", User.class, (s, u) -> s.access().putUser(u));
  static final Operation<UserId, Boolean> DELETE_USER =
      of("deleteUser", UserId.class, (s, id) -> s.access().deleteUser(id));
  static final Operation<Group, Group> PUT_GROUP =
      of("putGroup", Group.class, (s, g) -> s.access().putGroup(g));
  static final Operation<GroupId, Boolean> DELETE_GROUP =
      of("deleteGroup", GroupId.class, (s, id) -> s.access().deleteGroup(id));
  static final Operation<Grant, Grant> PUT_GRANT =
      of("putGrant", Grant.class, (s, g) -> s.access().putGrant(g));
  static final Operation<GrantId, Boolean> DELETE_GRANT =
      of("deleteGrant", GrantId.class, (s, id) -> s.access().deleteGrant(id));
  static final Operation<ApiKey, ApiKey> PUT_API_KEY =
      of("putApiKey", ApiKey.class, (s, k) -> s.access().putApiKey(k));
  static final Operation<ApiKeyId, Boolean> DELETE_API_KEY =
      of("deleteApiKey", ApiKeyId.class, (s, id) -> s.access().deleteApiKey(id));
  static final Operation<List<UsageRecord>, List<UsageRecord>> PUT_USAGE =
      ofList(
          "putUsage",
          UsageRecord.class,
          (s, records) -> {
            s.usage().putUsage(records);
            return records;
          });
  static final Operation<Setting, Setting> PUT_SETTING =
      of("putSetting", Setting.class, (s, setting) -> s.settings().putSetting(setting));

  static final Operation<AuditEntry, AuditEntry> APPEND_AUDIT =
      of(
          "appendAudit",
          AuditEntry.class,
          (s, entry) -> {
            s.audit().appendAudit(entry);
            return entry;
          });
  static final Operation<Instant, Integer> PRUNE_AUDIT =
      of("pruneAudit", Instant.class, (s, before) -> s.audit().pruneAudit(before));

  static final Operation<Limit, Limit> PUT_LIMIT =
      of("putLimit", Limit.class, (s, limit) -> s.limits().putLimit(limit));
  static final Operation<LimitId, Boolean> DELETE_LIMIT =
      of("deleteLimit", LimitId.class, (s, id) -> s.limits().deleteLimit(id));
  static final Operation<List<Charge>, Reservation> RESERVE =
      ofList("reserve", Charge.class, (s, charges) -> s.limits().reserve(charges));
  static final Operation<List<Settlement>, List<Settlement>> SETTLE =
      ofList(
          "settle",
          Settlement.class,
          (s, settlements) -> {
            s.limits().settle(settlements);
            return settlements;
          });
  static final Operation<Instant, Integer> PRUNE_COUNTERS =
      of("pruneCounters", Instant.class, (s, before) -> s.limits().pruneCounters(before));

  static final Operation<ConsoleSession, ConsoleSession> PUT_SESSION =
      of(
          "putSession",
          ConsoleSession.class,
          (s, session) -> {
            s.sessions().putSession(session);
            return session;
          });
  static final Operation<SessionUse, Boolean> TOUCH_SESSION =
      of(
          "touchSession",
          SessionUse.class,
          (s, use) -> s.sessions().touchSession(use.idHash(), use.lastUsedAt(), use.expiresAt()));
  static final Operation<byte[], Boolean> DELETE_SESSION =
      of("deleteSession", byte[].class, (s, hash) -> s.sessions().deleteSession(hash));
  static final Operation<Instant, Integer> DELETE_EXPIRED_SESSIONS =
      of(
          "deleteExpiredSessions",
          Instant.class,
          (s, now) -> s.sessions().deleteExpiredSessions(now));

  private static final Map<String, Operation<?, ?>> BY_NAME =
      Stream.of(
              PUT_PROVIDER,
              DELETE_PROVIDER,
              PUT_PROVIDER_MODEL,
              DELETE_PROVIDER_MODEL,
              PUT_MODEL,
              DELETE_MODEL,
              PUT_USER,
              DELETE_USER,
              PUT_GROUP,
              DELETE_GROUP,
              PUT_GRANT,
              DELETE_GRANT,
              PUT_API_KEY,
              DELETE_API_KEY,
              PUT_USAGE,
              PUT_SETTING,
              APPEND_AUDIT,
              PRUNE_AUDIT,
              PUT_LIMIT,
              DELETE_LIMIT,
              RESERVE,
              SETTLE,
              PRUNE_COUNTERS,
              PUT_SESSION,
              TOUCH_SESSION,
              DELETE_SESSION,
              DELETE_EXPIRED_SESSIONS)
          .collect(Collectors.toUnmodifiableMap(Operation::name, Function.identity()));

  /**
   * Returns the operation journaled under a name.
   *
   * @param name the name in the journal
   * @return the operation, or empty if no operation has that name
   */
  static Optional<Operation<?, ?>> named(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /**
   * The argument of a session's touch.
   *
   * @param idHash the SHA-256 hash of the session id
   * @param lastUsedAt when the session was used
   * @param expiresAt when it ends unless used again
   */
  record SessionUse(byte[] idHash, Instant lastUsedAt, Instant expiresAt) {}

  private static <T, R> Operation<T, R> of(
      String name, Class<T> type, BiFunction<Store, T, R> apply) {
    return new Operation<>(name, TypeFactory.defaultInstance().constructType(type), apply);
  }

  private static <T, R> Operation<List<T>, R> ofList(
      String name, Class<T> element, BiFunction<Store, List<T>, R> apply) {
    return new Operation<>(
        name, TypeFactory.defaultInstance().constructCollectionType(List.class, element), apply);
  }
}
