package dev.codevector.testkit;

import dev.codevector.access.ApiKey;
import dev.codevector.access.ApiKeyId;
import dev.codevector.access.Grant;
import dev.codevector.access.GrantId;
import dev.codevector.access.Group;
import dev.codevector.access.GroupId;
import dev.codevector.access.User;
import dev.codevector.access.UserId;
import dev.codevector.limits.Charge;
import dev.codevector.limits.Counter;
import dev.codevector.limits.Limit;
import dev.codevector.limits.LimitId;
import dev.codevector.limits.Reservation;
import dev.codevector.limits.Settlement;
import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.registry.ConcurrentUpdateException;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderId;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelId;
import dev.codevector.spi.AbstractStore;
import dev.codevector.spi.AccessStore;
import dev.codevector.spi.ConsoleSession;
import dev.codevector.spi.LimitStore;
import dev.codevector.spi.RegistryStore;
import dev.codevector.spi.SessionStore;
import dev.codevector.spi.Setting;
import dev.codevector.spi.SettingStore;
import dev.codevector.store.InMemoryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A store written from the SPI's rules but without a lock: each write checks the stored state and
 * then writes, in two steps another thread can come between. Its maps are concurrent, so every
 * single read or write is safe and only the rules spanning a check and a write break under racing
 * writers. It keeps what the concurrency contracts race (versions, unique keys, reservations,
 * touches); any other operation is unsupported. Usage and audit come from an {@link InMemoryStore}.
 */
final class UnsynchronizedStore extends AbstractStore {

  UnsynchronizedStore() {
    this(new InMemoryStore());
  }

  private UnsynchronizedStore(InMemoryStore rest) {
    super(
        new Registry(),
        new Access(),
        rest.usage(),
        new Limits(),
        new Settings(),
        new Sessions(),
        rest.audit());
  }

  @Override
  public void close() {}

  /**
   * Checks a put's version against the stored row, then writes it at the next version: the two
   * steps this store does not make atomic.
   */
  private static <K, V> V put(
      Map<K, V> rows,
      String kind,
      K id,
      long version,
      Function<V, Long> versionOf,
      Function<Long, V> atVersion) {
    V stored = rows.get(id);
    if (version == 0 && stored != null) {
      throw new AlreadyExistsException(kind + " id", id.toString());
    }
    if (version > 0 && (stored == null || versionOf.apply(stored) != version)) {
      throw new ConcurrentUpdateException(kind, id.toString(), version);
    }
    V next = atVersion.apply(version + 1);
    rows.put(id, next);
    return next;
  }

  /** Refuses a row whose key another row holds: checked apart from the write that follows. */
  private static <V> void unique(
      Map<?, V> rows, V row, Function<V, ?> id, Function<V, ?> key, String what) {
    for (V other : rows.values()) {
      if (!id.apply(other).equals(id.apply(row)) && key.apply(other).equals(key.apply(row))) {
        throw new AlreadyExistsException(what, String.valueOf(key.apply(row)));
      }
    }
  }

  private static UnsupportedOperationException unsupported() {
    return new UnsupportedOperationException("not raced by the concurrency contracts");
  }

  private static final class Registry implements RegistryStore {
    private final Map<ProviderId, Provider> providers = new ConcurrentHashMap<>();
    private final Map<ModelId, Model> models = new ConcurrentHashMap<>();

    @Override
    public Optional<Provider> findProvider(ProviderId id) {
      return Optional.ofNullable(providers.get(id));
    }

    @Override
    public List<Provider> providers() {
      return List.copyOf(providers.values());
    }

    @Override
    public Provider putProvider(Provider provider) {
      unique(providers, provider, Provider::id, Provider::name, "provider name");
      return put(
          providers,
          "provider",
          provider.id(),
          provider.version(),
          Provider::version,
          provider::withVersion);
    }

    @Override
    public boolean deleteProvider(ProviderId id) {
      throw unsupported();
    }

    @Override
    public Optional<ProviderModel> findProviderModel(ProviderModelId id) {
      throw unsupported();
    }

    @Override
    public List<ProviderModel> providerModels(ProviderId providerId) {
      throw unsupported();
    }

    @Override
    public ProviderModel putProviderModel(ProviderModel providerModel) {
      throw unsupported();
    }

    @Override
    public boolean deleteProviderModel(ProviderModelId id) {
      throw unsupported();
    }

    @Override
    public Optional<Model> findModel(ModelId id) {
      return Optional.ofNullable(models.get(id));
    }

    @Override
    public Optional<Model> findModelBySlug(String slug) {
      return models.values().stream().filter(m -> m.slug().equals(slug)).findFirst();
    }

    @Override
    public List<Model> models() {
      return List.copyOf(models.values());
    }

    @Override
    public Model putModel(Model model) {
      unique(models, model, Model::id, Model::slug, "model slug");
      return put(models, "model", model.id(), model.version(), Model::version, model::withVersion);
    }

    @Override
    public boolean deleteModel(ModelId id) {
      throw unsupported();
    }
  }

  private static final class Access implements AccessStore {
    private final Map<UserId, User> users = new ConcurrentHashMap<>();
    private final Map<GrantId, Grant> grants = new ConcurrentHashMap<>();
    private final Map<ApiKeyId, ApiKey> keys = new ConcurrentHashMap<>();

    @Override
    public Optional<User> findUser(UserId id) {
      return Optional.ofNullable(users.get(id));
    }

    @Override
    public List<User> users() {
      return List.copyOf(users.values());
    }

    @Override
    public User putUser(User user) {
      unique(users, user, User::id, u -> u.email().orElse(u.id().toString()), "user email");
      return put(users, "user", user.id(), user.version(), User::version, user::withVersion);
    }

    @Override
    public boolean deleteUser(UserId id) {
      throw unsupported();
    }

    @Override
    public Optional<Group> findGroup(GroupId id) {
      throw unsupported();
    }

    @Override
    public List<Group> groups() {
      throw unsupported();
    }

    @Override
    public List<Group> groupsOf(UserId userId) {
      throw unsupported();
    }

    @Override
    public Group putGroup(Group group) {
      throw unsupported();
    }

    @Override
    public boolean deleteGroup(GroupId id) {
      throw unsupported();
    }

    @Override
    public Optional<Grant> findGrant(GrantId id) {
      return Optional.ofNullable(grants.get(id));
    }

    @Override
    public List<Grant> grants() {
      return List.copyOf(grants.values());
    }

    @Override
    public List<Grant> grantsOf(ModelId modelId) {
      return grants.values().stream().filter(g -> g.model().equals(modelId)).toList();
    }

    @Override
    public Grant putGrant(Grant grant) {
      for (Grant other : grants.values()) {
        if (other.model().equals(grant.model()) && other.principal().equals(grant.principal())) {
          throw grant.duplicate();
        }
      }
      return put(grants, "grant", grant.id(), 0, g -> 0L, next -> grant);
    }

    @Override
    public boolean deleteGrant(GrantId id) {
      throw unsupported();
    }

    @Override
    public Optional<ApiKey> findApiKey(ApiKeyId id) {
      return Optional.ofNullable(keys.get(id));
    }

    @Override
    public Optional<ApiKey> findApiKeyByHash(byte[] hash) {
      return keys.values().stream().filter(k -> Arrays.equals(k.hash(), hash)).findFirst();
    }

    @Override
    public List<ApiKey> apiKeys() {
      return List.copyOf(keys.values());
    }

    @Override
    public List<ApiKey> apiKeysOf(UserId userId) {
      throw unsupported();
    }

    @Override
    public ApiKey putApiKey(ApiKey key) {
      unique(keys, key, ApiKey::id, k -> HexFormat.of().formatHex(k.hash()), "api key hash");
      return put(keys, "api key", key.id(), key.version(), ApiKey::version, key::withVersion);
    }

    @Override
    public boolean deleteApiKey(ApiKeyId id) {
      throw unsupported();
    }
  }

  private static final class Limits implements LimitStore {
    private final Map<LimitId, Limit> limits = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    @Override
    public Optional<Limit> findLimit(LimitId id) {
      return Optional.ofNullable(limits.get(id));
    }

    @Override
    public List<Limit> limits() {
      return List.copyOf(limits.values());
    }

    @Override
    public Limit putLimit(Limit limit) {
      return put(
          limits,
          "limit",
          limit.id(),
          limit.version(),
          Limit::version,
          next -> new Limit(limit.id(), limit.spec(), next, limit.createdAt(), limit.updatedAt()));
    }

    @Override
    public boolean deleteLimit(LimitId id) {
      throw unsupported();
    }

    @Override
    public Reservation reserve(List<Charge> charges) {
      for (Charge charge : charges) {
        Counter counter = counterOf(charge);
        if (!counter.hasRoom(charge.limit(), charge.amount())) {
          return Reservation.refused(counter);
        }
      }
      List<Counter> reserved = new ArrayList<>();
      for (Charge charge : charges) {
        Counter counter = counterOf(charge);
        Counter next =
            new Counter(
                counter.limitId(),
                counter.meter(),
                counter.window(),
                counter.used(),
                counter.reserved().plus(charge.amount()));
        counters.put(key(charge), next);
        reserved.add(next);
      }
      return Reservation.admitted(reserved);
    }

    private Counter counterOf(Charge charge) {
      Counter stored = counters.get(key(charge));
      return stored != null
          ? stored
          : Counter.empty(charge.limit().id(), charge.meter(), charge.window());
    }

    private static String key(Charge charge) {
      return charge.limit().id() + "/" + charge.meter() + "/" + charge.window().start();
    }

    @Override
    public void settle(List<Settlement> settlements) {
      throw unsupported();
    }

    @Override
    public List<Counter> counters(LimitId id) {
      return counters.values().stream().filter(c -> c.limitId().equals(id)).toList();
    }

    @Override
    public int pruneCounters(Instant endedBefore) {
      throw unsupported();
    }
  }

  private static final class Settings implements SettingStore {
    private final Map<String, Setting> settings = new ConcurrentHashMap<>();

    @Override
    public Optional<Setting> findSetting(String name) {
      return Optional.ofNullable(settings.get(name));
    }

    @Override
    public Setting putSetting(Setting setting) {
      return put(
          settings,
          "setting",
          setting.name(),
          setting.version(),
          Setting::version,
          next -> new Setting(setting.name(), setting.value(), next));
    }
  }

  private static final class Sessions implements SessionStore {
    private final Map<String, ConsoleSession> sessions = new ConcurrentHashMap<>();

    @Override
    public void putSession(ConsoleSession session) {
      String key = HexFormat.of().formatHex(session.idHash());
      if (sessions.containsKey(key)) {
        throw session.duplicate();
      }
      sessions.put(key, session);
    }

    @Override
    public Optional<ConsoleSession> findSession(byte[] idHash) {
      return Optional.ofNullable(sessions.get(HexFormat.of().formatHex(idHash)));
    }

    @Override
    public boolean touchSession(byte[] idHash, Instant lastUsedAt, Instant expiresAt) {
      String key = HexFormat.of().formatHex(Objects.requireNonNull(idHash, "idHash"));
      ConsoleSession stored = sessions.get(key);
      if (stored == null || !stored.lastUsedAt().isBefore(lastUsedAt)) {
        return false;
      }
      sessions.put(
          key, new ConsoleSession(stored.idHash(), stored.createdAt(), lastUsedAt, expiresAt));
      return true;
    }

    @Override
    public boolean deleteSession(byte[] idHash) {
      throw unsupported();
    }

    @Override
    public int deleteExpiredSessions(Instant now) {
      throw unsupported();
    }
  }
}
