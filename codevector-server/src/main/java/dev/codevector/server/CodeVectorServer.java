package dev.codevector.server;

import dev.codevector.CodeVector;
import dev.codevector.jdbc.JdbcStore;
import dev.codevector.limits.LimitPolicy;
import dev.codevector.routing.UpstreamLimits;
import dev.codevector.server.admin.AdminConsole;
import dev.codevector.server.admin.AdminEndpoints;
import dev.codevector.server.admin.AdminGate;
import dev.codevector.server.admin.AdminToken;
import dev.codevector.server.admin.ConsoleSessions;
import dev.codevector.server.internal.AuditRetention;
import dev.codevector.server.internal.Draining;
import dev.codevector.server.internal.ErrorResponses;
import dev.codevector.server.internal.InFlightBytes;
import dev.codevector.server.internal.KeyEncryptionKeys;
import dev.codevector.server.internal.Metrics;
import dev.codevector.server.internal.Readiness;
import dev.codevector.server.internal.Stores;
import dev.codevector.server.proxy.OpenStreams;
import dev.codevector.server.proxy.ProxyEndpoints;
import dev.codevector.spi.AuditStore;
import dev.codevector.store.CachingStore;
import dev.codevector.vault.Kek;
import dev.codevector.vault.VaultException;
import io.javalin.Javalin;
import io.javalin.util.JavalinBindException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.Graceful;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A running CodeVector server: the store, the key-encryption key and the admin token it was started
 * with, and the HTTP server on virtual threads serving the proxy endpoints, the admin API and
 * health checks. {@link #close()} stops it gracefully: it stops accepting connections, answers 503
 * to requests that arrive on connections already open, lets requests in flight finish for the grace
 * period ({@link ServerConfig#stopGrace()}), then ends the streams still open with an error event
 * in their dialect; last it stops the audit trail's daily purge, writes the usage still queued and
 * closes the database, even when an earlier step failed.
 *
 * <p>This class is thread-safe.
 */
public final class CodeVectorServer implements AutoCloseable {
  /** The largest request body accepted: Anthropic's own limit. */
  static final long MAX_BODY = 32L * 1024 * 1024;

  /** What a stream still open when the grace period is over is told before it is closed. */
  private static final String STOPPING = "the server is stopping";

  /** How long the streams ended at the end of the grace period get to write their error event. */
  private static final Duration STREAMS_END_WAIT = Duration.ofSeconds(5);

  private static final System.Logger LOG = System.getLogger(CodeVectorServer.class.getName());
  private static final int ACCEPT_QUEUE = 4096;
  private static final int RESPONSE_COPY_BUFFER = 8192;

  /**
   * How stale the proxy's view of keys, grants and Models may get: changes made through another
   * replica show within this time, and requests of known keys go on while the database is down.
   */
  private static final Duration CACHE_REFRESH = Duration.ofSeconds(1);

  /** How long the database may take to answer a readiness check. */
  private static final Duration READINESS_TIMEOUT = Duration.ofSeconds(1);

  private final JdbcStore store;
  private final CodeVector codeVector;
  private final Javalin http;
  private final OpenStreams streams;
  private final Duration stopGrace;
  private final AuditRetention retention;

  private CodeVectorServer(
      JdbcStore store,
      CodeVector codeVector,
      Javalin http,
      OpenStreams streams,
      Duration stopGrace,
      AuditRetention retention) {
    this.store = store;
    this.codeVector = codeVector;
    this.http = http;
    this.streams = streams;
    this.stopGrace = stopGrace;
    this.retention = retention;
  }

  /**
   * Starts a server.
   *
   * @param config the settings
   * @param out where start-up messages go: a generated key file's path, a generated admin token
   * @return the running server; the caller closes it
   * @throws ConfigurationException if it cannot start as configured, with a one-line message
   */
  public static CodeVectorServer start(ServerConfig config, PrintStream out) {
    Objects.requireNonNull(config, "config");
    JdbcStore store = Stores.open(config);
    try {
      Kek kek = KeyEncryptionKeys.load(config, out);
      Metrics metrics = new Metrics();
      CodeVector codeVector =
          open(store, kek, metrics, config.upstreamLimits(), config.limitsOnDbError());
      metrics.watch(codeVector::usage);
      metrics.watchBudgets(codeVector::limits);
      try {
        AdminToken adminToken = AdminToken.open(store.settings(), config.adminToken(), out);
        Readiness readiness =
            new Readiness(
                () -> store.isReachable(READINESS_TIMEOUT),
                Thread.ofVirtual().name("codevector-readiness")::start);
        OpenStreams streams = new OpenStreams();
        AuditRetention retention = AuditRetention.start(store.audit(), config.auditRetention());
        try {
          return new CodeVectorServer(
              store,
              codeVector,
              http(
                  config,
                  codeVector,
                  store.audit(),
                  adminToken,
                  new ConsoleSessions(store.sessions()),
                  metrics,
                  readiness,
                  streams),
              streams,
              config.stopGrace(),
              retention);
        } catch (RuntimeException e) {
          retention.close();
          throw e;
        }
      } catch (RuntimeException e) {
        codeVector.close();
        throw e;
      }
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private static CodeVector open(
      JdbcStore store,
      Kek kek,
      Metrics metrics,
      UpstreamLimits upstreamLimits,
      LimitPolicy limitsOnDbError) {
    try {
      return CodeVector.builder()
          .store(new CachingStore(store, CACHE_REFRESH))
          .kek(kek.aead())
          .listener(metrics)
          .upstreamLimits(upstreamLimits)
          .limitsOnStoreError(limitsOnDbError)
          .build();
    } catch (VaultException e) {
      throw new ConfigurationException(
          "the key-encryption key does not match the one this database's credentials were sealed"
              + " with; start with the original CODEVECTOR_KEK_FILE or CODEVECTOR_KEK",
          e);
    }
  }

  /**
   * Sets up the connectors before they open. The listening socket's queue of connections not yet
   * accepted gets a size: agents open connections in bursts, and a short queue drops their
   * handshakes. Stopping keeps the idle timeout of open connections, which Jetty would cut to one
   * second: a stream whose upstream pauses about that long between events would be closed
   * mid-answer, without an error event.
   */
  private record ConnectorSetup(int acceptQueue) implements LifeCycle.Listener {
    @Override
    public void lifeCycleStarting(LifeCycle event) {
      for (Connector connector : ((Server) event).getConnectors()) {
        if (connector instanceof ServerConnector server) {
          server.setAcceptQueueSize(acceptQueue);
          server.setShutdownIdleTimeout(server.getIdleTimeout());
        }
      }
    }
  }

  /**
   * Platform threads accept connections and watch sockets; each request is handled on a virtual
   * thread of its own, so thousands of open streams each wait on their upstream without holding a
   * thread, while the acceptor and selectors never compete with them for a carrier.
   */
  private static QueuedThreadPool threadPool() {
    QueuedThreadPool pool = new QueuedThreadPool();
    pool.setName("codevector");
    pool.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    return pool;
  }

  private static Javalin http(
      ServerConfig config,
      CodeVector codeVector,
      AuditStore audit,
      AdminToken adminToken,
      ConsoleSessions sessions,
      Metrics metrics,
      Readiness readiness,
      OpenStreams streams) {
    InFlightBytes inFlight = InFlightBytes.ofHeap();
    ProxyEndpoints proxy = new ProxyEndpoints(codeVector, metrics, MAX_BODY, inFlight, streams);
    Javalin app =
        Javalin.create(
            javalin -> {
              javalin.concurrency.useVirtualThreads = true;
              javalin.jetty.threadPool = threadPool();
              javalin.startup.showJavalinBanner = false;
              javalin.http.maxRequestSize = MAX_BODY;
              // Answers are written in one piece; a smaller copy buffer allocates less per request.
              javalin.http.responseBufferSize = RESPONSE_COPY_BUFFER;
              javalin.jetty.modifyServer(
                  server -> {
                    // Stopping waits for the requests in flight itself (see stopHttp), and then
                    // has Jetty close the connections at once.
                    server.setStopTimeout(0);
                    server.addEventListener(new ConnectorSetup(ACCEPT_QUEUE));
                    server.setErrorHandler(ErrorResponses.jettyErrors());
                    // Javalin attaches its handler inside this one.
                    server.setHandler(new Draining());
                  });
              ErrorResponses.register(javalin.routes);
              javalin.router.javaLangErrorHandler(ErrorResponses::fatal);
              AdminGate gate = AdminGate.create(adminToken, config);
              javalin.routes.get("/healthz", ctx -> ctx.result("ok"));
              javalin.routes.get("/readyz", readiness::answer);
              javalin.routes.get("/metrics", gate.metrics(metrics::scrape));
              proxy.register(javalin.routes);
              new AdminEndpoints(codeVector, gate, sessions, audit).register(javalin.routes);
              new AdminConsole(gate, sessions, inFlight, audit).register(javalin);
            });
    try {
      return app.start(config.host(), config.port());
    } catch (JavalinBindException e) {
      throw new ConfigurationException(
          "port "
              + config.port()
              + " on "
              + config.host()
              + " is already in use; set CODEVECTOR_PORT",
          e);
    }
  }

  /**
   * Returns the port the server listens on.
   *
   * @return the port
   */
  public int port() {
    return http.port();
  }

  /**
   * Returns the CodeVector instance behind the server, for embedding and tests.
   *
   * @return the instance
   */
  public CodeVector codeVector() {
    return codeVector;
  }

  /**
   * Stops accepting, lets requests in flight finish for the grace period, ends the streams still
   * open, writes queued usage and closes the database. The last two happen even if stopping the
   * HTTP server fails.
   */
  @Override
  public void close() {
    try {
      stopHttp();
    } finally {
      try {
        retention.close();
        codeVector.close();
      } finally {
        store.close();
      }
    }
  }

  /**
   * Stops accepting connections and refuses requests on those open, then waits for the requests in
   * flight, not for idle connections to close, before stopping Jetty, which closes them all.
   */
  private void stopHttp() {
    Server jetty = http.jettyServer().server();
    Graceful.shutdown(jetty);
    CompletableFuture<Void> drained = jetty.getDescendant(Draining.class).shutdown();
    if (!await(drained, stopGrace)) {
      int ended = streams.end(STOPPING);
      LOG.log(
          System.Logger.Level.WARNING,
          "the grace period of "
              + stopGrace.toSeconds()
              + " s is over; ending "
              + ended
              + " streams still open");
      await(drained, STREAMS_END_WAIT);
    }
    http.stop();
  }

  /** Waits for the requests in flight to finish; returns whether they did in time. */
  private static boolean await(CompletableFuture<Void> drained, Duration wait) {
    try {
      drained.get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      LOG.log(System.Logger.Level.WARNING, "waiting for requests in flight failed", e.getCause());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
