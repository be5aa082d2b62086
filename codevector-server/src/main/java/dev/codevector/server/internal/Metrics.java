package dev.codevector.server.internal;

import dev.codevector.limits.Cap;
import dev.codevector.limits.CapStatus;
import dev.codevector.limits.Limit;
import dev.codevector.limits.LimitId;
import dev.codevector.limits.LimitNotFoundException;
import dev.codevector.limits.Limits;
import dev.codevector.registry.BackendId;
import dev.codevector.routing.Attempt;
import dev.codevector.routing.CircuitState;
import dev.codevector.routing.RouteResponse;
import dev.codevector.routing.RouterListener;
import dev.codevector.spi.StoreException;
import dev.codevector.usage.UsageRecorder;
import dev.codevector.wire.Dialect;
import io.javalin.http.Context;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The server's Prometheus metrics, served at {@code /metrics} in the text format: requests and
 * their latency and time to first token by dialect and status, upstream attempts by Backend,
 * Provider and outcome, failed attempts by status, circuit state by Backend (0 closed, 0.5
 * half-open, 1 open), the usage queue, and the JVM's and the process's own metrics (memory and
 * allocation by pool, collections, threads, CPU time, resident memory). Labels are ids, never
 * request content. A scrape must present the admin token or the metrics token (see {@link
 * AdminGate#metrics}).
 *
 * <p>This class is thread-safe.
 */
public final class Metrics implements RouterListener {
  private static final double[] SECONDS = {
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300
  };

  // The JVM's and the process's metrics, registered once however many servers a JVM runs: they
  // watch the collector through listeners that are never removed.
  private static final PrometheusRegistry JVM = jvmRegistry();

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final Counter requests =
      Counter.builder()
          .name("codevector_requests")
          .help("Proxy requests answered, by dialect and HTTP status")
          .labelNames("dialect", "status")
          .register(registry);
  private final Histogram latency =
      Histogram.builder()
          .name("codevector_request_duration_seconds")
          .help("Time from a proxy request's arrival to the end of its answer")
          .labelNames("dialect")
          .classicUpperBounds(SECONDS)
          .register(registry);
  private final Histogram firstToken =
      Histogram.builder()
          .name("codevector_time_to_first_token_seconds")
          .help("Time from a streamed request's arrival to its first event written")
          .labelNames("dialect")
          .classicUpperBounds(SECONDS)
          .register(registry);
  private final Counter attempts =
      Counter.builder()
          .name("codevector_upstream_attempts")
          .help("Upstream attempts, by Backend, Provider and outcome")
          .labelNames("backend", "provider", "outcome")
          .register(registry);
  private final Counter failures =
      Counter.builder()
          .name("codevector_upstream_failures")
          .help(
              "Upstream attempts that failed over, by Backend, Provider and status (0: no answer)")
          .labelNames("backend", "provider", "status")
          .register(registry);
  private final Counter limitRefusals =
      Counter.builder()
          .name("codevector_limit_refusals")
          .help("Proxy requests a limit refused, by limit and cap")
          .labelNames("limit", "cap")
          .register(registry);
  private final Gauge circuits =
      Gauge.builder()
          .name("codevector_circuit_state")
          .help("A Backend's circuit: 0 closed, 0.5 half-open, 1 open")
          .labelNames("backend")
          .register(registry);

  /** Creates the metrics; a scrape also shows the JVM's and the process's. */
  public Metrics() {}

  /**
   * Adds gauges that read the usage recorder's queue when scraped.
   *
   * @param usage the recorder, once it exists
   */
  public void watch(Supplier<UsageRecorder> usage) {
    GaugeWithCallback.builder()
        .name("codevector_usage_queue_depth")
        .help("Usage records waiting to be written")
        .callback(callback -> callback.call(usage.get().queueDepth()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("codevector_usage_dropped")
        .help("Usage records dropped because the queue was full")
        .callback(callback -> callback.call(usage.get().dropped()))
        .register(registry);
  }

  /**
   * Adds gauges that read each budget's amount and what was spent against it in its current period
   * when scraped, labelled by limit id.
   *
   * @param limits the limits service, once it exists
   */
  public void watchBudgets(Supplier<Limits> limits) {
    GaugeWithCallback.builder()
        .name("codevector_limit_budget_usd")
        .help("A limit's budget for its current period, in US dollars")
        .labelNames("limit")
        .callback(callback -> budgets(limits.get(), CapStatus::limit, callback))
        .register(registry);
    GaugeWithCallback.builder()
        .name("codevector_limit_spent_usd")
        .help("What settled requests spent against a limit's budget in its current period")
        .labelNames("limit")
        .callback(callback -> budgets(limits.get(), CapStatus::used, callback))
        .register(registry);
  }

  /** Reports one figure of each budget; a limit deleted or unreadable meanwhile is left out. */
  private static void budgets(
      Limits limits, Function<CapStatus, BigDecimal> figure, GaugeWithCallback.Callback callback) {
    for (Limit limit : limits.list()) {
      if (limit.spec().budget().isEmpty()) {
        continue;
      }
      try {
        limits.status(limit.id()).caps().stream()
            .filter(cap -> cap.cap() == Cap.BUDGET)
            .forEach(cap -> callback.call(figure.apply(cap).doubleValue(), limit.id().toString()));
      } catch (LimitNotFoundException | StoreException e) {
        // Deleted since listed, or the store is down: the scrape goes on without it.
      }
    }
  }

  /**
   * Counts one request a limit refused.
   *
   * @param limit the limit's id
   * @param cap the cap that had no room
   */
  public void limitRefused(LimitId limit, Cap cap) {
    limitRefusals.labelValues(limit.toString(), cap.name().toLowerCase(Locale.ROOT)).inc();
  }

  /**
   * Counts one answered proxy request.
   *
   * @param dialect the client's dialect
   * @param status the status the client got
   * @param took how long the whole answer took
   * @param toFirstToken how long the first streamed event took, for a stream
   */
  public void request(Dialect dialect, int status, Duration took, Optional<Duration> toFirstToken) {
    String name = dialect.name().toLowerCase(Locale.ROOT);
    requests.labelValues(name, Integer.toString(status)).inc();
    latency.labelValues(name).observe(seconds(took));
    toFirstToken.ifPresent(d -> firstToken.labelValues(name).observe(seconds(d)));
  }

  @Override
  public void attemptFailed(String model, Attempt attempt) {
    count(attempt);
    failures
        .labelValues(
            attempt.backendId().value(),
            attempt.providerId().value(),
            Integer.toString(attempt.status()))
        .inc();
  }

  @Override
  public void routeCompleted(String model, RouteResponse response) {
    Attempt last = response.attempts().get(response.attempts().size() - 1);
    count(last);
  }

  @Override
  public void circuitChanged(BackendId backendId, CircuitState state) {
    circuits
        .labelValues(backendId.value())
        .set(state == CircuitState.OPEN ? 1 : state == CircuitState.HALF_OPEN ? 0.5 : 0);
  }

  private void count(Attempt attempt) {
    attempts
        .labelValues(
            attempt.backendId().value(),
            attempt.providerId().value(),
            attempt.outcome().name().toLowerCase(Locale.ROOT))
        .inc();
  }

  /**
   * Answers a scrape.
   *
   * @param ctx the request to {@code /metrics}
   */
  public void scrape(Context ctx) {
    ctx.contentType(PrometheusTextFormatWriter.CONTENT_TYPE);
    try {
      MetricSnapshots.Builder all = MetricSnapshots.builder();
      registry.scrape().forEach(all::metricSnapshot);
      JVM.scrape().forEach(all::metricSnapshot);
      writer.write(ctx.outputStream(), all.build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static PrometheusRegistry jvmRegistry() {
    PrometheusRegistry jvm = new PrometheusRegistry();
    JvmMetrics.builder().register(jvm);
    return jvm;
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
