package dev.codevector.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs wrk, the HTTP load generator, with a POST body and headers, and reads its figures: requests,
 * duration, latency percentiles to the microsecond, and errors of every kind.
 */
final class Wrk {
  private static final String SCRIPT =
      """
      wrk.method = "POST"
      local file = io.open("%s", "rb")
      wrk.body = file:read("*a")
      file:close()
      %s
      done = function(summary, latency, requests)
        local e = summary.errors
        io.write(string.format("RESULT %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
          latency:percentile(50), latency:percentile(99),
          e.connect + e.read + e.write + e.status + e.timeout))
      end
      """;

  private final Path workDir;
  private final List<String> commands = new ArrayList<>();

  Wrk(Path workDir) {
    this.workDir = workDir;
  }

  /** One wrk run's figures. */
  record Result(long requests, double seconds, long p50Micros, long p99Micros, long errors) {
    double requestsPerSecond() {
      return requests / seconds;
    }
  }

  /**
   * Runs one load.
   *
   * @param name a file name for the generated script and body
   * @param url the URL to POST to
   * @param headers request headers
   * @param body the request body
   * @param connections open connections, each with one request in flight
   * @param duration how long
   * @return the figures
   */
  Result run(
      String name,
      String url,
      Map<String, String> headers,
      String body,
      int connections,
      Duration duration)
      throws IOException, InterruptedException {
    Path bodyFile = workDir.resolve(name + ".json");
    Files.writeString(bodyFile, body, StandardCharsets.UTF_8);
    StringBuilder headerLines =
        new StringBuilder("wrk.headers[\"Content-Type\"] = \"application/json\"\n");
    headers.forEach(
        (header, value) ->
            headerLines
                .append("wrk.headers[\"")
                .append(header)
                .append("\"] = \"")
                .append(value)
                .append("\"\n"));
    Path script = workDir.resolve(name + ".lua");
    Files.writeString(script, SCRIPT.formatted(bodyFile, headerLines), StandardCharsets.UTF_8);
    List<String> command =
        List.of(
            "wrk",
            "-t" + Math.min(connections, 2),
            "-c" + connections,
            "-d" + duration.toSeconds() + "s",
            "--timeout",
            "10s",
            "-s",
            script.toString(),
            url);
    commands.add(String.join(" ", command));
    Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (wrk.waitFor() != 0) {
      throw new IOException("wrk failed: " + output);
    }
    for (String line : output.split("\n")) {
      if (line.startsWith("RESULT ")) {
        String[] f = line.split(" ");
        return new Result(
            Long.parseLong(f[1]),
            Long.parseLong(f[2]) / 1e6,
            Long.parseLong(f[3]),
            Long.parseLong(f[4]),
            Long.parseLong(f[5]));
      }
    }
    throw new IOException("wrk printed no result: " + output);
  }

  /**
   * Returns the distinct wrk command lines run so far.
   *
   * @return the commands
   */
  List<String> commands() {
    return commands.stream().distinct().toList();
  }
}
