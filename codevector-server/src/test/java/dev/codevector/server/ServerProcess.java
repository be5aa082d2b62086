package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.access.IssuedKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;

/**
 * {@link Main} in a JVM of its own, as an operator runs it: configured by its environment alone
 * (none of the test's own {@code CODEVECTOR_} variables), with a command line.
 */
final class ServerProcess {
  private static final Pattern LISTENING = Pattern.compile("listening on http://127.0.0.1:(\\d+)");

  private ServerProcess() {}

  /**
   * The environment of a server on a random loopback port with H2 in a data directory and the
   * tests' admin token, plus the given names and values.
   */
  static Map<String, String> environment(Path dataDir, String... more) {
    Map<String, String> env = new HashMap<>();
    env.put("CODEVECTOR_HOST", "127.0.0.1");
    env.put("CODEVECTOR_PORT", "0");
    env.put("CODEVECTOR_DATA_DIR", dataDir.toString());
    env.put("CODEVECTOR_ADMIN_TOKEN", ServerHarness.ADMIN_TOKEN);
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  /**
   * Publishes {@code gpt-main} on an upstream in the environment's database, through a server in
   * this JVM that is stopped again, and returns a key granted it.
   */
  static IssuedKey keyForGptMain(Map<String, String> env, MockWebServer upstream) {
    try (ServerHarness harness = new ServerHarness(ServerConfig.fromEnvironment(env))) {
      return harness.keyFor("ada", harness.chatModel("gpt-main", upstream));
    }
  }

  /** Starts {@code Main} with an environment and arguments. */
  static Process start(Map<String, String> env, String... args) throws IOException {
    return launch(env, List.of(Main.class.getName()), args);
  }

  /**
   * Returns a thread dump of a running server process, for the message of a test that found it
   * still running when it should have ended; what {@code jcmd} printed, or why it could not run.
   */
  static String threads(Process server) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process dump =
          new ProcessBuilder(jcmd.toString(), Long.toString(server.pid()), "Thread.print")
              .redirectErrorStream(true)
              .start();
      String out = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      dump.waitFor(20, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      return "no thread dump: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "no thread dump: interrupted";
    }
  }

  /**
   * Starts a JVM on the test class path with an environment, then options and a main class (as
   * {@code -Xmx96m}, {@code dev.codevector.server.Main}), then arguments.
   */
  static Process launch(Map<String, String> env, List<String> optionsAndMain, String... args)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path")));
    command.addAll(optionsAndMain);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("CODEVECTOR_"));
    builder.environment().putAll(env);
    return builder.start();
  }

  /** Reads the server's standard output up to the line with its address; returns its port. */
  static int port(Process server) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      Matcher listening = LISTENING.matcher(line);
      if (listening.find()) {
        return Integer.parseInt(listening.group(1));
      }
    }
    throw new AssertionError("the server printed no address");
  }

  /**
   * Reads what a started server prints from now on, on both of its streams, on threads of their
   * own, so that a server that logs a lot never blocks on a full pipe; keeps the last lines.
   */
  static Output drain(Process server) {
    Output output = new Output();
    for (java.io.InputStream stream : List.of(server.getInputStream(), server.getErrorStream())) {
      Thread.ofPlatform()
          .daemon()
          .name("server-output-" + server.pid())
          .start(
              () -> {
                try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                  for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                  }
                } catch (IOException e) {
                  output.add("(output unreadable: " + e.getMessage() + ")");
                }
              });
    }
    return output;
  }

  /** The last lines a server printed. Thread-safe. */
  static final class Output {
    private static final int KEPT = 200;
    private final java.util.ArrayDeque<String> lines = new java.util.ArrayDeque<>();

    private synchronized void add(String line) {
      if (lines.size() == KEPT) {
        lines.removeFirst();
      }
      lines.addLast(line);
    }

    @Override
    public synchronized String toString() {
      return String.join("\n", lines);
    }
  }

  /** Sends a chat completion request with a key to a server process on a port. */
  static <T> HttpResponse<T> chat(
      int port, IssuedKey key, String json, HttpResponse.BodyHandler<T> answer) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key.plaintext().reveal())
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            answer);
  }

  /**
   * What a command run to its end printed, and its exit status. Standard error leaves out the JVM's
   * own {@code WARNING:} lines, such as newer JDKs print when a library uses {@code
   * sun.misc.Unsafe}.
   */
  record Result(int status, String out, String err) {}

  /** Runs {@code Main} with arguments to its end. */
  static Result run(Map<String, String> env, String... args) throws Exception {
    Process process = start(env, args);
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err =
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)
            .lines()
            .filter(line -> !line.startsWith("WARNING: "))
            .map(line -> line + "\n")
            .collect(Collectors.joining());
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the process did not end");
    return new Result(process.exitValue(), out, err);
  }

  /** Runs {@code Main} to its end, expecting exit status 0 and nothing on standard error. */
  static String succeed(Map<String, String> env, String... args) throws Exception {
    Result result = run(env, args);
    assertEquals(0, result.status(), result.err());
    assertEquals("", result.err());
    return result.out();
  }
}
