package dev.codevector.server;

import dev.codevector.server.internal.OutOfMemoryExit;
import dev.codevector.server.internal.RotateKekCommand;
import java.util.List;

/**
 * Starts the CodeVector server from environment variables (see {@link ServerConfig}) and stops it
 * gracefully on SIGTERM, or runs an operator's command against its database. A configuration
 * problem stops start-up with one line on standard error and exit status 1. After a graceful stop
 * the process exits with status 0, not the signal's 143; if stopping fails, with status 1. An
 * {@link OutOfMemoryError} in any thread ends the process at once with one line on standard error
 * and exit status 3 (see {@link OutOfMemoryExit}), also when the JVM was started without {@code
 * -XX:+ExitOnOutOfMemoryError}.
 */
public final class Main {
  private Main() {}

  /**
   * Runs the server until the process is told to stop; or, given {@code rotate-kek --new-kek-file
   * PATH}, re-wraps the stored credentials under a new key-encryption key and exits (see {@link
   * RotateKekCommand}).
   *
   * @param args none to run the server, or a command and its arguments; configuration comes from
   *     the environment
   */
  public static void main(String[] args) {
    OutOfMemoryExit.install();
    if (args.length > 0) {
      System.exit(command(List.of(args)));
      return;
    }
    CodeVectorServer server;
    try {
      ServerConfig config = ServerConfig.fromEnvironment(System.getenv());
      server = CodeVectorServer.start(config, System.out);
      System.out.println(
          "CodeVector is listening on http://"
              + config.host()
              + ":"
              + server.port()
              + " (proxy /v1, admin /admin, health /healthz)");
    } catch (ConfigurationException e) {
      System.err.println("codevector: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server), "codevector-shutdown"));
  }

  /**
   * Stops the server, then ends the process at once with the status that tells how stopping went: a
   * JVM that runs its shutdown hooks on a signal would otherwise exit with the signal's status.
   */
  private static void stop(CodeVectorServer server) {
    int status = 0;
    try {
      server.close();
    } catch (RuntimeException e) {
      System.err.println("codevector: stopping failed: " + e);
      status = 1;
    }
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(status);
  }

  private static int command(List<String> args) {
    if (args.get(0).equals(RotateKekCommand.NAME)) {
      return RotateKekCommand.run(
          args.subList(1, args.size()), System.getenv(), System.out, System.err);
    }
    System.err.println(
        "codevector: unknown command '"
            + args.get(0)
            + "'; run without arguments to start the server, or: codevector "
            + RotateKekCommand.NAME
            + " --new-kek-file PATH");
    return 2;
  }
}
