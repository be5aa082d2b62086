package dev.codevector;

import com.google.crypto.tink.Aead;
import dev.codevector.access.Access;
import dev.codevector.catalog.Catalog;
import dev.codevector.internal.DefaultAccess;
import dev.codevector.internal.DefaultLimits;
import dev.codevector.internal.DefaultRegistry;
import dev.codevector.internal.DefaultUsageRecorder;
import dev.codevector.internal.routing.FailoverRouter;
import dev.codevector.internal.upstream.HttpUpstreams;
import dev.codevector.internal.upstream.http.NoDelaySocketFactory;
import dev.codevector.limits.LimitPolicy;
import dev.codevector.limits.Limits;
import dev.codevector.registry.Registry;
import dev.codevector.routing.Router;
import dev.codevector.routing.RouterListener;
import dev.codevector.routing.UpstreamLimits;
import dev.codevector.spi.Store;
import dev.codevector.spi.UpstreamFactory;
import dev.codevector.usage.UsageQuery;
import dev.codevector.usage.UsageRecord;
import dev.codevector.usage.UsageRecorder;
import dev.codevector.usage.UsageTotal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * CodeVector in a JVM application: a {@link Registry} over a {@link Store}, with credentials sealed
 * under a key-encryption key; a {@link Router} that sends requests for its Models to their
 * upstreams in-process, with no extra hop; {@link Access} control with users, groups, grants and
 * API keys; budgets and rate {@link Limits}; and a {@link UsageRecorder} that writes usage records
 * in the background.
 *
 * <pre>{@code
 * try (CodeVector codeVector = CodeVector.builder()
 *     .store(new InMemoryStore())
 *     .kek(Kek.load(Path.of("kek.json")).aead())
 *     .build()) {
 *   Registry registry = codeVector.registry();
 *   Router router = codeVector.router();
 * }
 * }</pre>
 *
 * <p>This class is thread-safe. It does not own the Store: whoever created the Store closes it,
 * after closing this. {@link #close()} writes the usage records still queued and releases the HTTP
 * client CodeVector created for itself, if it created one; records still queued when the JVM exits
 * without it are lost.
 */
public final class CodeVector implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(CodeVector.class.getName());

  private final Store store;
  private final Registry registry;
  private final Router router;
  private final DefaultAccess access;
  private final DefaultLimits limits;
  private final DefaultUsageRecorder usage;
  private final OkHttpClient ownedHttp;

  private CodeVector(
      Store store,
      Registry registry,
      Router router,
      DefaultAccess access,
      DefaultLimits limits,
      DefaultUsageRecorder usage,
      OkHttpClient ownedHttp) {
    this.store = store;
    this.registry = registry;
    this.router = router;
    this.access = access;
    this.limits = limits;
    this.usage = usage;
    this.ownedHttp = ownedHttp;
  }

  /**
   * Returns a new builder.
   *
   * @return a builder with nothing set
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the registry.
   *
   * @return the registry; thread-safe
   */
  public Registry registry() {
    return registry;
  }

  /**
   * Returns the router.
   *
   * @return the router; thread-safe
   */
  public Router router() {
    return router;
  }

  /**
   * Returns access control: users, groups, grants and API keys.
   *
   * @return the access service; thread-safe
   */
  public Access access() {
    return access;
  }

  /**
   * Returns the budgets and rate limits, and the admission of each caller's requests, which the
   * router asks through {@link Router#route(dev.codevector.routing.RouteRequest,
   * java.util.function.Predicate, dev.codevector.limits.Admission)}.
   *
   * @return the limits service; thread-safe
   */
  public Limits limits() {
    return limits;
  }

  /**
   * Returns the recorder that writes usage records to the store in the background.
   *
   * @return the usage recorder; thread-safe, and closed by {@link #close()}
   */
  public UsageRecorder usage() {
    return usage;
  }

  /**
   * Returns the totals of the usage records written for requests made in a time range, grouped by
   * Model, Provider, user or day. Records still queued in the {@link #usage() recorder} are not
   * counted yet.
   *
   * @param query the time range {@code [from, to)} and the grouping
   * @return one total per key, by key, unmodifiable
   * @throws dev.codevector.spi.StoreException if the store cannot be read
   */
  public List<UsageTotal> usageTotals(UsageQuery query) {
    return store.usage().usageTotals(Objects.requireNonNull(query, "query"));
  }

  /**
   * Returns the earliest usage records written for requests made in {@code [from, to)}, by time and
   * then request id, such as for an export.
   *
   * @param from the first instant included
   * @param to the first instant excluded
   * @param limit how many records at most; positive
   * @return the records, unmodifiable
   * @throws IllegalArgumentException if {@code to} is before {@code from} or the limit is not
   *     positive
   * @throws dev.codevector.spi.StoreException if the store cannot be read
   */
  public List<UsageRecord> usageRecords(Instant from, Instant to, int limit) {
    return store
        .usage()
        .usageRecords(
            Objects.requireNonNull(from, "from"), Objects.requireNonNull(to, "to"), limit);
  }

  /**
   * Writes the limits' settlements still pending and the keys' last uses still pending (each giving
   * up at the first refusal by the store) and the usage records still queued (giving up after a few
   * refusals), stops their writers, and releases the connection pool and threads of the HTTP client
   * CodeVector created, if any. Closing again does nothing more.
   */
  @Override
  public void close() {
    limits.close();
    usage.close();
    access.close();
    if (ownedHttp != null) {
      ownedHttp.dispatcher().executorService().shutdown();
      ownedHttp.connectionPool().evictAll();
    }
  }

  /**
   * Builds a {@link CodeVector}. Each setting may be set once. Not thread-safe; a builder may build
   * several instances.
   */
  public static final class Builder {
    private Store store;
    private Aead kek;
    private Clock clock;
    private Catalog catalog;
    private OkHttpClient http;
    private RouterListener listener;
    private Consumer<UsageRecord> usageListener;
    private boolean storeUsage = true;
    private Duration cooldown;
    private UpstreamLimits upstreamLimits;
    private LimitPolicy limitsOnStoreError;
    private final List<UpstreamFactory> upstreams = new ArrayList<>();

    private Builder() {}

    /**
     * Sets where the registry keeps its data. Required.
     *
     * @param store the store, such as an {@link dev.codevector.store.InMemoryStore}
     * @return this builder
     * @throws IllegalStateException if the store was already set
     */
    public Builder store(Store store) {
      requireUnset(this.store, "store");
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets the key-encryption key credentials are sealed under. Required.
     *
     * @param kek the key, such as {@link dev.codevector.vault.Kek#aead()}
     * @return this builder
     * @throws IllegalStateException if the key was already set
     */
    public Builder kek(Aead kek) {
      requireUnset(this.kek, "kek");
      this.kek = Objects.requireNonNull(kek, "kek");
      return this;
    }

    /**
     * Sets the source of time. Defaults to {@link Clock#system()}.
     *
     * @param clock the clock
     * @return this builder
     * @throws IllegalStateException if the clock was already set
     */
    public Builder clock(Clock clock) {
      requireUnset(this.clock, "clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the catalog that imports read from. Defaults to {@link Catalog#bundled()}.
     *
     * @param catalog the catalog
     * @return this builder
     * @throws IllegalStateException if the catalog was already set
     */
    public Builder catalog(Catalog catalog) {
      requireUnset(this.catalog, "catalog");
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      return this;
    }

    /**
     * Sets the HTTP client every upstream call goes through, to share its connection pool with the
     * application. Defaults to a client CodeVector creates and {@link CodeVector#close()} releases,
     * which connects within 10 seconds and waits up to 5 minutes for the first byte and between
     * stream events.
     *
     * @param http the client; its owner closes it
     * @return this builder
     * @throws IllegalStateException if the client was already set
     */
    public Builder httpClient(OkHttpClient http) {
      requireUnset(this.http, "httpClient");
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /**
     * Sets the listener told about attempts and outcomes. Defaults to {@link RouterListener#NONE}.
     *
     * @param listener the listener
     * @return this builder
     * @throws IllegalStateException if the listener was already set
     */
    public Builder listener(RouterListener listener) {
      requireUnset(this.listener, "listener");
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets how long a Backend whose circuit opened after repeated failures is skipped, when the
     * upstream did not say ({@code Retry-After}). Defaults to 30 seconds.
     *
     * @param cooldown the cooldown, positive
     * @return this builder
     * @throws IllegalStateException if the cooldown was already set
     */
    public Builder circuitCooldown(Duration cooldown) {
      requireUnset(this.cooldown, "circuitCooldown");
      if (cooldown.isNegative() || cooldown.isZero()) {
        throw new IllegalArgumentException("cooldown must be positive: " + cooldown);
      }
      this.cooldown = cooldown;
      return this;
    }

    /**
     * Sets how much of an upstream's answer is read at most: past it the answer is an upstream
     * failure. Defaults to {@link UpstreamLimits#ofDefaults()}.
     *
     * @param limits the limits
     * @return this builder
     * @throws IllegalStateException if the limits were already set
     */
    public Builder upstreamLimits(UpstreamLimits limits) {
      requireUnset(this.upstreamLimits, "upstreamLimits");
      this.upstreamLimits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Sets what admission does with a request when the store fails while its limits are checked.
     * Defaults to {@link LimitPolicy#OPEN}: the request is admitted unchecked.
     *
     * @param policy the policy
     * @return this builder
     * @throws IllegalStateException if the policy was already set
     */
    public Builder limitsOnStoreError(LimitPolicy policy) {
      requireUnset(this.limitsOnStoreError, "limitsOnStoreError");
      this.limitsOnStoreError = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Installs a factory of upstreams, asked before the built-in ones for the kinds it supports.
     *
     * @param factory the factory
     * @return this builder
     */
    public Builder upstreams(UpstreamFactory factory) {
      upstreams.add(Objects.requireNonNull(factory, "factory"));
      return this;
    }

    /**
     * Hands every usage record the router makes to a listener as well, such as an application that
     * keeps records elsewhere or counts them. It is called on the thread that ends the request (the
     * one that closes its answer, or the one {@code route} throws on), so it must return quickly;
     * an exception it throws is logged and ignored.
     *
     * @param listener told of each record
     * @return this builder
     */
    public Builder usageListener(Consumer<UsageRecord> listener) {
      requireUnset(usageListener, "usageListener");
      this.usageListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets whether the router writes each request's usage record to the store (the default) or only
     * hands it to the {@link #usageListener usage listener}.
     *
     * @param store true to write records to the store
     * @return this builder
     */
    public Builder storeUsage(boolean store) {
      this.storeUsage = store;
      return this;
    }

    /**
     * Builds the instance, checking that the key-encryption key is the one the store's credentials
     * were sealed with (a store with none remembers this key from now on).
     *
     * @return the new instance
     * @throws IllegalStateException if the store or the key-encryption key is not set
     * @throws dev.codevector.vault.VaultException if the key-encryption key is wrong
     */
    public CodeVector build() {
      if (store == null || kek == null) {
        throw new IllegalStateException((store == null ? "store" : "kek") + " was not set");
      }
      Clock time = clock == null ? Clock.system() : clock;
      DefaultRegistry registry =
          DefaultRegistry.open(store, kek, time, catalog == null ? Catalog.bundled() : catalog);
      OkHttpClient owned = http == null ? defaultHttpClient() : null;
      List<UpstreamFactory> factories = new ArrayList<>(upstreams);
      UpstreamLimits limits = upstreamLimits == null ? UpstreamLimits.ofDefaults() : upstreamLimits;
      factories.add(new HttpUpstreams(http == null ? owned : http, time, limits));
      DefaultUsageRecorder recorder =
          new DefaultUsageRecorder(store.usage(), DefaultUsageRecorder.Settings.defaults());
      Router router =
          new FailoverRouter(
              registry,
              registry,
              factories,
              listener == null ? RouterListener.NONE : listener,
              time,
              3,
              cooldown == null ? Duration.ofSeconds(30) : cooldown,
              limits,
              usageSink(storeUsage ? recorder::record : record -> {}, usageListener));
      return new CodeVector(
          store,
          registry,
          router,
          new DefaultAccess(store.access(), store.registry(), time, new SecureRandom()),
          new DefaultLimits(
              store, time, limitsOnStoreError == null ? LimitPolicy.OPEN : limitsOnStoreError),
          recorder,
          owned);
    }

    /** Where the router's usage records go: the store's recorder, then the listener if any. */
    private static Consumer<UsageRecord> usageSink(
        Consumer<UsageRecord> store, Consumer<UsageRecord> listener) {
      if (listener == null) {
        return store;
      }
      return record -> {
        store.accept(record);
        try {
          listener.accept(record);
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "the usage listener failed", e);
        }
      };
    }

    /**
     * {@code TCP_NODELAY} on every connection; up to 256 idle connections kept for 5 minutes, so
     * that a busy gateway reuses connections instead of opening one per call; connect within 10
     * seconds; allow up to 5 minutes for the first byte and between stream events, since a model
     * may think for minutes before answering; no overall limit, since a healthy stream may last
     * longer than any fixed bound.
     */
    private static OkHttpClient defaultHttpClient() {
      return new OkHttpClient.Builder()
          .socketFactory(new NoDelaySocketFactory())
          .connectionPool(new ConnectionPool(256, 5, TimeUnit.MINUTES))
          .connectTimeout(Duration.ofSeconds(10))
          .readTimeout(Duration.ofMinutes(5))
          .writeTimeout(Duration.ofMinutes(1))
          .build();
    }

    private static void requireUnset(Object current, String name) {
      if (current != null) {
        throw new IllegalStateException(name + " was already set to " + current);
      }
    }
  }
}
