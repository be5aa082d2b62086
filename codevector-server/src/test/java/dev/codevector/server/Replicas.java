package dev.codevector.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Server processes started with one environment, as replicas sharing a database: what each prints
 * is read as it comes (see {@link ServerProcess#drain}), and closing stops them all.
 */
final class Replicas implements AutoCloseable {
  private final Map<String, String> env;
  private final List<Process> servers = new ArrayList<>();
  private final List<ServerProcess.Output> outputs = new ArrayList<>();

  Replicas(Map<String, String> env) {
    this.env = env;
  }

  /** Starts one more replica; its port. */
  int start() throws Exception {
    Process server = ServerProcess.start(env);
    servers.add(server);
    int port = ServerProcess.port(server);
    outputs.add(ServerProcess.drain(server));
    return port;
  }

  /** The replicas' processes, in the order they were started. */
  List<Process> processes() {
    return List.copyOf(servers);
  }

  /** The last lines each replica printed, for a failing assertion's message. */
  @Override
  public String toString() {
    return outputs.toString();
  }

  @Override
  public void close() {
    try {
      for (Process server : servers) {
        server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
