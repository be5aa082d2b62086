package dev.codevector.benchmarks.load;

import dev.codevector.benchmarks.Payloads;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The load benchmark: starts the mock upstream and a CodeVector server as separate processes, sets
 * the server up through its admin API, runs every scenario once straight at the mock ("direct") and
 * once through CodeVector, repeats that, and prints the medians as a table with the machine and the
 * commands. Run it with {@code benchmarks/load} from the repository's root.
 *
 * <p>Options: {@code --runs N} (default 3), {@code --seconds S} per wrk load (default 8), {@code
 * --scenarios ABCDEF} (default all), {@code --streams N} held open in E (default 10000), {@code
 * --limit N} to put a limit of N requests per minute on the benchmark's key (default none), for the
 * cost of admitting every request through a limit that never refuses.
 */
public final class LoadBenchmark {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final String CHAT = "/v1/chat/completions";
  private static final String MESSAGES = "/v1/messages";
  private static final String STORE_PASSWORD = "benchmark";

  private final Path root;
  private final Path work;
  private final Options options;
  private final Wrk wrk;
  private final Table table = new Table();
  private final AtomicLong directErrors = new AtomicLong();
  private final AtomicLong gatewayErrors = new AtomicLong();
  private final OkHttpClient http =
      new OkHttpClient.Builder()
          .connectionPool(new ConnectionPool(64, 1, TimeUnit.MINUTES))
          .readTimeout(Duration.ofSeconds(60))
          .build();

  private ChildProcess mockProcess;
  private ChildProcess gateway;
  private String mock;
  private String mockTls;
  private String gatewayUrl;
  private AdminClient admin;
  private AdminClient.Caller caller;

  private LoadBenchmark(Path root, Options options) throws IOException {
    this.root = root;
    this.work = root.resolve("benchmarks/target/load");
    this.options = options;
    Files.createDirectories(work);
    this.wrk = new Wrk(work);
  }

  /** The command line's options. */
  private record Options(
      int runs, Duration loadTime, String scenarios, int heldStreams, long requestsPerMinute) {
    static Options parse(String[] args) {
      int runs = 3;
      int seconds = 8;
      String scenarios = "ABCDEF";
      int streams = 10_000;
      long limit = 0;
      for (int i = 0; i + 1 < args.length; i += 2) {
        switch (args[i]) {
          case "--runs" -> runs = Integer.parseInt(args[i + 1]);
          case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
          case "--scenarios" -> scenarios = args[i + 1].toUpperCase(Locale.ROOT);
          case "--streams" -> streams = Integer.parseInt(args[i + 1]);
          case "--limit" -> limit = Long.parseLong(args[i + 1]);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      return new Options(runs, Duration.ofSeconds(seconds), scenarios, streams, limit);
    }

    boolean has(char scenario) {
      return scenarios.indexOf(scenario) >= 0;
    }
  }

  /**
   * Runs the benchmark.
   *
   * @param args the options
   * @throws Exception if a process does not start or a load fails
   */
  public static void main(String[] args) throws Exception {
    LoadBenchmark benchmark = new LoadBenchmark(Path.of("").toAbsolutePath(), Options.parse(args));
    try {
      benchmark.start();
      benchmark.runScenarios();
      benchmark.report(args);
    } finally {
      benchmark.stop();
    }
    System.exit(0);
  }

  private void start() throws Exception {
    Path keyStore = work.resolve("mock.p12");
    Files.deleteIfExists(keyStore);
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(
        keytool,
        "-genkeypair",
        "-alias",
        "mock",
        "-keyalg",
        "EC",
        "-dname",
        "CN=127.0.0.1",
        "-ext",
        "SAN=ip:127.0.0.1",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        STORE_PASSWORD);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    mockProcess =
        ChildProcess.start(
            new ProcessBuilder(
                java,
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                MockUpstream.class.getName(),
                keyStore.toString(),
                STORE_PASSWORD),
            work.resolve("mock.log"));
    mock = "http://127.0.0.1:" + mockProcess.awaitLine("http=", Duration.ofSeconds(30));
    mockTls = "https://127.0.0.1:" + mockProcess.awaitLine("https=", Duration.ofSeconds(30));

    int port = freePort();
    String adminToken = HexFormat.of().formatHex(SecureRandom.getInstanceStrong().generateSeed(16));
    Path data = work.resolve("gateway-data");
    deleteTree(data);
    ProcessBuilder server = new ProcessBuilder(root.resolve("codevector").toString());
    Map<String, String> env = server.environment();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("CODEVECTOR_HOST", "127.0.0.1");
    env.put("CODEVECTOR_PORT", Integer.toString(port));
    env.put("CODEVECTOR_DATA_DIR", data.toString());
    env.put("CODEVECTOR_ADMIN_TOKEN", adminToken);
    // The gateway trusts the mock's certificate; its own JVM options stay those of ./codevector.
    env.put(
        "JAVA_TOOL_OPTIONS",
        "-Djavax.net.ssl.trustStore="
            + keyStore
            + " -Djavax.net.ssl.trustStorePassword="
            + STORE_PASSWORD);
    gateway = ChildProcess.start(server, work.resolve("gateway.log"));
    gateway.awaitLine("CodeVector is listening on", Duration.ofMinutes(5));
    gatewayUrl = "http://127.0.0.1:" + port;
    setUp(adminToken);
  }

  private void setUp(String adminToken) throws IOException {
    admin = new AdminClient(http, gatewayUrl, adminToken);
    caller = admin.caller("bench");
    if (options.requestsPerMinute() > 0) {
      admin.limitRequests(caller, options.requestsPerMinute());
    }
    String instant = admin.openAiModel("mock", mock + "/v1", "gpt-bench");
    publish("bench", instant);
    publish("bench-ttfb", admin.openAiModel("mock-ttfb", mock + "/ttfb/20/v1", "gpt-bench"));
    publish("bench-stream", admin.openAiModel("mock-paced", mock + "/pace/5/v1", "gpt-bench"));
    publish(
        "bench-slow",
        admin.openAiModel("mock-slow", mockTls + "/chunks/10/pace/3000/v1", "gpt-bench"));
    publish(
        "bench-failover",
        admin.openAiModel("refusing", "http://127.0.0.1:" + freePort() + "/v1", "gpt-bench"),
        instant);
  }

  private void publish(String slug, String... providerModelIds) throws IOException {
    admin.publishModel(slug, List.of(providerModelIds));
    admin.grant(slug, caller);
  }

  private void runScenarios() throws Exception {
    warmUp();
    Map<Character, Scenario> scenarios = new LinkedHashMap<>();
    scenarios.put('A', this::scenarioA);
    scenarios.put('B', this::scenarioB);
    scenarios.put('C', this::scenarioC);
    scenarios.put('D', this::scenarioD);
    scenarios.put('F', this::scenarioF);
    // Last, since thousands of held streams may leave the gateway short of memory.
    scenarios.put('E', this::scenarioE);
    for (Map.Entry<Character, Scenario> scenario : scenarios.entrySet()) {
      if (options.has(scenario.getKey())) {
        scenario.getValue().run();
      }
    }
    table.add(
        "all",
        "failed requests",
        directErrors.get(),
        gatewayErrors.get(),
        "",
        "0",
        gatewayErrors.get() == 0);
  }

  /** One lettered scenario of the benchmark. */
  private interface Scenario {
    void run() throws Exception;
  }

  private void warmUp() throws Exception {
    Duration warm = Duration.ofSeconds(Math.max(5, options.loadTime().toSeconds()));
    wrk.run("warm-chat", gatewayUrl + CHAT, gatewayHeaders(), chat("bench"), 50, warm);
    wrk.run("warm-messages", gatewayUrl + MESSAGES, gatewayHeaders(), messages("bench"), 50, warm);
    wrk.run("warm-failover", gatewayUrl + CHAT, gatewayHeaders(), chat("bench-failover"), 50, warm);
    new StreamLoad(http).run(streamRequest(gatewayUrl, "bench-stream"), 20, 400);
    // A gateway in use holds its HTTP/2 connection to a provider; E's streams start with one.
    wrk.run("warm-slow", gatewayUrl + CHAT, gatewayHeaders(), chat("bench-slow"), 2, warm);
  }

  // A: 1 connection, instant mock: added latency.
  private void scenarioA() throws Exception {
    Comparison a = wrkLoad("a", mock + CHAT, CHAT, chat("bench"), 1);
    latencyRows("A: 1 conn, instant", a, 0.2, 1.0);
    allocationRows("A: 1 conn, instant", a);
  }

  // B: 50 connections, instant mock: throughput, CPU and memory.
  private void scenarioB() throws Exception {
    Comparison b = wrkLoad("b", mock + CHAT, CHAT, chat("bench"), 50);
    throughputRows("B: 50 conns, instant", b);
  }

  // C: 50 connections, 20 ms to first byte: the ceiling is 50 / 20 ms = 2,500 req/s.
  private void scenarioC() throws Exception {
    Comparison c = wrkLoad("c", mock + "/ttfb/20" + CHAT, CHAT, chat("bench-ttfb"), 50);
    double rps = c.gateway(Load::rps);
    table.add(
        "C: 50 conns, 20 ms TTFB",
        "req/s",
        c.direct(Load::rps),
        rps,
        percent(rps / 2500) + " of 2,500",
        ">= 95 % of 2,500",
        rps >= 0.95 * 2500);
    table.add(
        "C: 50 conns, 20 ms TTFB",
        "latency p99 (ms)",
        c.direct(Load::p99Millis),
        c.gateway(Load::p99Millis),
        added(c.gateway(Load::p99Millis) - c.direct(Load::p99Millis)),
        "",
        null);
  }

  // D: streams of 8 chunks 5 ms apart, 1 and 20 at a time.
  private void scenarioD() throws Exception {
    for (int concurrency : new int[] {1, 20}) {
      int total = concurrency == 1 ? 300 : 1200;
      double[][] direct = new double[3][options.runs()];
      double[][] through = new double[3][options.runs()];
      for (int run = 0; run < options.runs(); run++) {
        streamFigures(
            new StreamLoad(http)
                .run(streamRequest(mock + "/pace/5", "bench-stream"), concurrency, total),
            direct,
            run,
            directErrors);
        streamFigures(
            new StreamLoad(http).run(streamRequest(gatewayUrl, "bench-stream"), concurrency, total),
            through,
            run,
            gatewayErrors);
      }
      String scenario = "D: streams, " + concurrency + " at a time";
      // Medians over the runs of TTFT p50, TTFT p99 and whole stream p50, direct and through.
      double[] d = new double[3];
      double[] g = new double[3];
      for (int i = 0; i < 3; i++) {
        d[i] = Table.median(direct[i]);
        g[i] = Table.median(through[i]);
      }
      addedRow(scenario, "TTFT p50 (ms)", d[0], g[0], "", null);
      addedRow(scenario, "TTFT p99 (ms)", d[1], g[1], "added <= 1 ms", g[1] - d[1] <= 1.0);
      addedRow(
          scenario,
          "whole stream p50 (ms)",
          d[2],
          g[2],
          "chunks at the upstream's pace",
          g[2] - d[2] <= 1.0 && g[0] < g[2] / 4);
    }
  }

  private static void streamFigures(
      List<StreamLoad.Timing> timings, double[][] figures, int run, AtomicLong errors) {
    double[] first =
        timings.stream()
            .filter(StreamLoad.Timing::ok)
            .mapToDouble(t -> t.firstEventNanos() / 1e6)
            .toArray();
    double[] end =
        timings.stream()
            .filter(StreamLoad.Timing::ok)
            .mapToDouble(t -> t.endNanos() / 1e6)
            .toArray();
    countFailures(timings, errors);
    figures[0][run] = Table.percentile(first, 50);
    figures[1][run] = Table.percentile(first, 99);
    figures[2][run] = Table.percentile(end, 50);
  }

  /** Counts failed streams, and prints how they failed. */
  private static long countFailures(List<StreamLoad.Timing> timings, AtomicLong errors) {
    Map<String, Long> reasons =
        timings.stream()
            .filter(t -> !t.ok())
            .collect(Collectors.groupingBy(StreamLoad.Timing::failure, Collectors.counting()));
    reasons.forEach(
        (reason, count) -> System.err.println("failed streams: " + count + " x " + reason));
    long failed = reasons.values().stream().mapToLong(Long::longValue).sum();
    errors.addAndGet(failed);
    return failed;
  }

  // E: thousands of slow streams (10 chunks 3 s apart), opened 1,000 a second, held open at once.
  private void scenarioE() throws Exception {
    int count = options.heldStreams();
    double[] directFailed = new double[options.runs()];
    double[] failed = new double[options.runs()];
    double[] peakRss = new double[options.runs()];
    for (int run = 0; run < options.runs(); run++) {
      List<StreamLoad.Timing> direct =
          new StreamLoad(http)
              .hold(
                  streamRequest(mock + "/chunks/10/pace/3000", "bench-slow"),
                  count,
                  1000,
                  () -> {});
      directFailed[run] = countFailures(direct, directErrors);
      AtomicLong peak = new AtomicLong();
      List<StreamLoad.Timing> through =
          new StreamLoad(http)
              .hold(
                  streamRequest(gatewayUrl, "bench-slow"),
                  count,
                  1000,
                  () -> peak.accumulateAndGet(rss(), Math::max));
      failed[run] = countFailures(through, gatewayErrors);
      peakRss[run] = peak.get() / 1048576.0;
      System.gc();
    }
    String scenario = "E: " + String.format(Locale.ROOT, "%,d", count) + " slow streams";
    double rss = Table.median(peakRss);
    table.add(
        scenario,
        "failed streams",
        Table.median(directFailed),
        Table.median(failed),
        "",
        "0",
        Table.median(failed) == 0);
    table.add(scenario, "gateway peak RSS (MB)", Double.NaN, rss, "", "<= 512 MB", rss <= 512);
  }

  // F: A and B with translation (Anthropic Messages in, OpenAI Chat upstream) and with failover.
  private void scenarioF() throws Exception {
    Comparison passthrough = wrkLoad("f-pass", mock + CHAT, CHAT, chat("bench"), 1);
    Comparison translated = wrkLoad("f-translate", mock + MESSAGES, MESSAGES, messages("bench"), 1);
    double overPassthrough =
        (translated.gateway(Load::p50Millis) - translated.direct(Load::p50Millis))
            - (passthrough.gateway(Load::p50Millis) - passthrough.direct(Load::p50Millis));
    latencyRows("F: translation, 1 conn", translated, Double.NaN, Double.NaN);
    table.add(
        "F: translation, 1 conn",
        "added p50 over passthrough (ms)",
        Double.NaN,
        Double.NaN,
        added(overPassthrough),
        "<= 0.1 ms",
        overPassthrough <= 0.1);
    throughputRows(
        "F: translation, 50 conns",
        wrkLoad("f-translate-50", mock + MESSAGES, MESSAGES, messages("bench"), 50));
    failoverWhileClosed();
    latencyRows(
        "F: failover, circuit open, 1 conn",
        wrkLoad("f-failover", mock + CHAT, CHAT, chat("bench-failover"), 1),
        passthroughAdded(passthrough, Load::p50Millis) + 0.05,
        passthroughAdded(passthrough, Load::p99Millis) + 0.25);
    throughputRows(
        "F: failover, circuit open, 50 conns",
        wrkLoad("f-failover-50", mock + CHAT, CHAT, chat("bench-failover"), 50));
  }

  private static double passthroughAdded(Comparison passthrough, ToDoubleFunction<Load> figure) {
    return passthrough.gateway(figure) - passthrough.direct(figure);
  }

  /**
   * Times requests whose first Backend refuses connections before its circuit opens: each of fresh
   * Models' first three requests tries the refusing primary, then the healthy secondary. The Models
   * share one refusing Provider, used once beforehand, so that what is timed is the failover and
   * not the first use of a Provider (opening its credentials); each Model's Backends, and so their
   * circuits, are its own.
   */
  private void failoverWhileClosed() throws Exception {
    String healthy = admin.openAiModel("mock-secondary", mock + "/v1", "gpt-bench");
    String refusing =
        admin.openAiModel(
            "refusing-primary", "http://127.0.0.1:" + freePort() + "/v1", "gpt-bench");
    publish("failover-first-use", refusing, healthy);
    timeOne(gatewayUrl + CHAT, gatewayHeaders(), chat("failover-first-use"), gatewayErrors);
    double[] direct = new double[options.runs()];
    double[] through = new double[options.runs()];
    for (int run = 0; run < options.runs(); run++) {
      List<Double> directTimes = new ArrayList<>();
      List<Double> gatewayTimes = new ArrayList<>();
      for (int model = 0; model < 40; model++) {
        String slug = "failover-" + run + "-" + model;
        publish(slug, refusing, healthy);
        for (int i = 0; i < 3; i++) {
          directTimes.add(timeOne(mock + CHAT, Map.of(), chat(slug), directErrors));
          gatewayTimes.add(timeOne(gatewayUrl + CHAT, gatewayHeaders(), chat(slug), gatewayErrors));
        }
      }
      direct[run] = Table.percentile(directTimes.stream().mapToDouble(d -> d).toArray(), 50);
      through[run] = Table.percentile(gatewayTimes.stream().mapToDouble(d -> d).toArray(), 50);
    }
    double addedP50 = Table.median(through) - Table.median(direct);
    table.add(
        "F: failover, primary refusing, circuit closed",
        "latency p50 (ms)",
        Table.median(direct),
        Table.median(through),
        added(addedP50),
        "added <= 1 ms",
        addedP50 <= 1.0);
  }

  private double timeOne(String url, Map<String, String> headers, String body, AtomicLong errors)
      throws IOException {
    Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(body, JSON));
    headers.forEach(request::header);
    long start = System.nanoTime();
    try (Response response = http.newCall(request.build()).execute()) {
      response.body().bytes();
      if (response.code() != 200) {
        errors.incrementAndGet();
      }
    }
    return (System.nanoTime() - start) / 1e6;
  }

  private void latencyRows(String scenario, Comparison load, double p50Target, double p99Target) {
    latencyRow(scenario, "latency p50 (ms)", load, Load::p50Millis, p50Target);
    latencyRow(scenario, "latency p99 (ms)", load, Load::p99Millis, p99Target);
  }

  /** Adds the row of one latency percentile; a NaN target is no target. */
  private void latencyRow(
      String scenario,
      String figure,
      Comparison load,
      ToDoubleFunction<Load> percentile,
      double target) {
    double direct = load.direct(percentile);
    double gateway = load.gateway(percentile);
    addedRow(
        scenario,
        figure,
        direct,
        gateway,
        Double.isNaN(target) ? "" : "added <= " + Table.format(target) + " ms",
        Double.isNaN(target) ? null : gateway - direct <= target);
  }

  /** Adds the row of a figure in milliseconds that the gateway adds to, direct and through it. */
  private void addedRow(
      String scenario, String figure, double direct, double gateway, String target, Boolean met) {
    table.add(scenario, figure, direct, gateway, added(gateway - direct), target, met);
  }

  private void throughputRows(String scenario, Comparison load) {
    double ratio = load.gateway(Load::rps) / load.direct(Load::rps);
    double cpu = load.gateway(Load::cpuMicrosPerRequest);
    double rss = load.gateway(Load::rssMegabytes);
    table.add(
        scenario,
        "req/s",
        load.direct(Load::rps),
        load.gateway(Load::rps),
        percent(ratio),
        ">= 60 %",
        ratio >= 0.6);
    table.add(
        scenario,
        "latency p50 / p99 (ms)",
        Double.NaN,
        Double.NaN,
        Table.format(load.direct(Load::p50Millis))
            + " / "
            + Table.format(load.direct(Load::p99Millis))
            + " → "
            + Table.format(load.gateway(Load::p50Millis))
            + " / "
            + Table.format(load.gateway(Load::p99Millis)),
        "",
        null);
    table.add(
        scenario, "gateway CPU per request (µs)", Double.NaN, cpu, "", "<= 100 µs", cpu <= 100);
    table.add(scenario, "gateway RSS (MB)", Double.NaN, rss, "", "<= 300 MB", rss <= 300);
    allocationRows(scenario, load);
  }

  /** The gateway's heap allocation and collections under a load, which explain its p99. */
  private void allocationRows(String scenario, Comparison load) {
    table.add(
        scenario,
        "gateway heap allocated per request (KB)",
        Double.NaN,
        load.gateway(Load::allocatedKilobytesPerRequest),
        "",
        "",
        null);
    table.add(
        scenario,
        "gateway collections: count / mean pause (ms)",
        Double.NaN,
        Double.NaN,
        Table.format(load.gateway(Load::collections))
            + " / "
            + Table.format(load.gateway(Load::meanPauseMillis)),
        "",
        null);
  }

  /** One figure set of a wrk load; the gateway's own figures are 0 for a direct load. */
  private record Load(
      double rps,
      double p50Millis,
      double p99Millis,
      double cpuMicrosPerRequest,
      double rssMegabytes,
      double allocatedKilobytesPerRequest,
      double collections,
      double meanPauseMillis) {

    /** The figures of a load straight at the mock, which has no gateway figures. */
    static Load direct(Wrk.Result result) {
      return new Load(
          result.requestsPerSecond(),
          millis(result.p50Micros()),
          millis(result.p99Micros()),
          0,
          0,
          0,
          0,
          0);
    }
  }

  /** A load's runs straight at the mock and through the gateway. */
  private record Comparison(List<Load> directRuns, List<Load> gatewayRuns) {
    double direct(ToDoubleFunction<Load> figure) {
      return Table.median(directRuns.stream().mapToDouble(figure).toArray());
    }

    double gateway(ToDoubleFunction<Load> figure) {
      return Table.median(gatewayRuns.stream().mapToDouble(figure).toArray());
    }
  }

  private Comparison wrkLoad(
      String name, String directUrl, String gatewayPath, String body, int connections)
      throws Exception {
    List<Load> direct = new ArrayList<>();
    List<Load> through = new ArrayList<>();
    for (int run = 0; run < options.runs(); run++) {
      Wrk.Result d =
          wrk.run(name + "-direct", directUrl, Map.of(), body, connections, options.loadTime());
      directErrors.addAndGet(d.errors());
      direct.add(Load.direct(d));
      long cpu = gateway.cpuNanos();
      JvmFigures jvm = admin.jvmFigures();
      Wrk.Result g =
          wrk.run(
              name + "-gateway",
              gatewayUrl + gatewayPath,
              gatewayHeaders(),
              body,
              connections,
              options.loadTime());
      long requests = Math.max(1, g.requests());
      double cpuMicros = (gateway.cpuNanos() - cpu) / 1000.0 / requests;
      jvm = admin.jvmFigures().since(jvm);
      gatewayErrors.addAndGet(g.errors());
      through.add(
          new Load(
              g.requestsPerSecond(),
              millis(g.p50Micros()),
              millis(g.p99Micros()),
              cpuMicros,
              rss() / 1048576.0,
              jvm.allocatedBytes() / 1024 / requests,
              jvm.collections(),
              jvm.collections() == 0 ? 0 : jvm.pauseSeconds() * 1000 / jvm.collections()));
    }
    return new Comparison(direct, through);
  }

  private static double millis(long micros) {
    return micros / 1000.0;
  }

  private long rss() {
    try {
      return gateway.rssBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the gateway's memory", e);
    }
  }

  private Map<String, String> gatewayHeaders() {
    return Map.of("Authorization", "Bearer " + caller.key(), "anthropic-version", "2023-06-01");
  }

  private Request streamRequest(String base, String model) {
    String url = base + CHAT;
    String body =
        chat(model)
            .replace(
                "\"stream\":false", "\"stream\":true,\"stream_options\":{\"include_usage\":true}");
    Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(body, JSON));
    if (base.equals(gatewayUrl)) {
      gatewayHeaders().forEach(request::header);
    }
    return request.build();
  }

  private static String chat(String model) {
    return Payloads.chatRequest(model, false);
  }

  private static String messages(String model) {
    return Payloads.messagesRequest(model, false);
  }

  private static String added(double millis) {
    return (millis >= 0 ? "+" : "") + String.format(Locale.ROOT, "%.3f ms", millis);
  }

  private static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.0f %%", ratio * 100);
  }

  private void report(String[] args) throws IOException {
    StringBuilder out = new StringBuilder();
    out.append("## Load benchmark\n\n");
    out.append(Machine.describe()).append('\n');
    out.append("Medians of ")
        .append(options.runs())
        .append(" runs; each wrk load runs ")
        .append(options.loadTime().toSeconds())
        .append(" s; the request is a ")
        .append(chat("bench").length() / 1024)
        .append(" KB agent turn with tools.\n\n");
    out.append(table.markdown()).append('\n');
    out.append("Command: `benchmarks/load")
        .append(args.length == 0 ? "" : " " + String.join(" ", args))
        .append("`\n\n");
    out.append("wrk loads (direct at the mock, then through CodeVector):\n\n```\n");
    wrk.commands().forEach(command -> out.append(command).append('\n'));
    out.append(
        "```\n\nStreams (D, E) and single requests (F, failover while the circuit is closed)"
            + " are timed by the benchmark's own OkHttp client. In E, CodeVector reaches the mock over"
            + " TLS with HTTP/2, as real providers are reached; the client reaches both over plain"
            + " HTTP/1.1, one connection per stream.\n");
    System.out.println(out);
    Files.writeString(work.resolve("results.md"), out, StandardCharsets.UTF_8);
  }

  private void stop() throws InterruptedException {
    if (gateway != null) {
      gateway.stop();
    }
    if (mockProcess != null) {
      mockProcess.stop();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException(command[0] + " failed: " + output);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }
}
