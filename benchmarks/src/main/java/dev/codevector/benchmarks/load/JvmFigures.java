package dev.codevector.benchmarks.load;

import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The gateway JVM's running totals, read off its {@code /metrics}: heap allocated in the young
 * generation (counted at each collection) and the collections with their pause time. The difference
 * of two readings describes the load between them.
 *
 * @param allocatedBytes bytes allocated in the young generation; NaN when the collector has no eden
 * @param collections collections of any kind
 * @param pauseSeconds the collections' total pause time
 */
record JvmFigures(double allocatedBytes, double collections, double pauseSeconds) {
  private static final String ALLOCATED = "jvm_memory_pool_allocated_bytes_total{";
  private static final String COUNT = "jvm_gc_collection_seconds_count{";
  private static final String SUM = "jvm_gc_collection_seconds_sum{";

  /**
   * Reads the figures now.
   *
   * @param http the client
   * @param gatewayUrl the gateway's base URL
   * @param token the admin token or the metrics token, which {@code /metrics} requires
   * @return the totals since the gateway started
   * @throws IOException if the metrics cannot be read
   */
  static JvmFigures read(OkHttpClient http, String gatewayUrl, String token) throws IOException {
    Request request =
        new Request.Builder()
            .url(gatewayUrl + "/metrics")
            .header("Authorization", "Bearer " + token)
            .build();
    try (Response response = http.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        throw new IOException("/metrics answered " + response.code());
      }
      return parse(response.body().string());
    }
  }

  private static JvmFigures parse(String metrics) {
    double allocated = Double.NaN;
    double collections = 0;
    double pause = 0;
    for (String line : metrics.split("\n")) {
      if (line.startsWith(ALLOCATED) && line.contains("Eden")) {
        allocated = (Double.isNaN(allocated) ? 0 : allocated) + value(line);
      } else if (line.startsWith(COUNT)) {
        collections += value(line);
      } else if (line.startsWith(SUM)) {
        pause += value(line);
      }
    }
    return new JvmFigures(allocated, collections, pause);
  }

  private static double value(String line) {
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }

  /**
   * Returns what happened between an earlier reading and this one.
   *
   * @param earlier the earlier reading
   * @return the differences
   */
  JvmFigures since(JvmFigures earlier) {
    return new JvmFigures(
        allocatedBytes - earlier.allocatedBytes,
        collections - earlier.collections,
        pauseSeconds - earlier.pauseSeconds);
  }
}
