package dev.codevector.server;

/**
 * Starts the CodeVector server from environment variables (see {@link ServerConfig}) and stops it
 * gracefully on SIGTERM. A configuration problem stops start-up with one line on standard error and
 * exit status 1.
 */
public final class Main {
  private Main() {}

  /**
   * Runs the server until the process is told to stop.
   *
   * @param args ignored; configuration comes from the environment
   */
  public static void main(String[] args) {
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
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "codevector-shutdown"));
  }
}
