package dev.codevector.examples.ask;

import com.sun.net.httpserver.HttpServer;
import dev.codevector.CodeVector;
import dev.codevector.jdbc.JdbcStore;
import dev.codevector.vault.Kek;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small web application that embeds CodeVector: it keeps its registry in H2 under a data
 * directory, with the key-encryption key that seals the upstreams' API keys in {@code kek.json}
 * beside it (generated on first start, mode 0600: back it up with the database), registers its
 * upstreams as OpenAI-compatible Providers, publishes the Model {@code ask} with a Backend on each,
 * and answers questions by routing to that Model in-process, failing over from one upstream to the
 * next.
 *
 * <pre>{@code
 * curl -s localhost:8081/ask -d '{"question": "What is a JVM?"}'
 * {"answer":"The Java Virtual Machine ...","model":"gpt-4o-mini"}
 * curl -sN localhost:8081/ask/stream -d '{"question": "What is a JVM?"}'
 * data: {"text":"The"}
 * ...
 * event: done
 * }</pre>
 *
 * <p>Run it with {@code ./mvnw -q install -DskipTests && OPENAI_API_KEY=sk-... ./mvnw -q -pl
 * examples exec:java -Dexec.mainClass=dev.codevector.examples.ask.AskApplication}; {@link
 * AskSettings#fromEnvironment} lists the other variables it reads, such as {@code OPENAI_BASE_URL}
 * for any OpenAI-compatible server and {@code ASK_FALLBACK_BASE_URL} for a second upstream. Stop it
 * with Ctrl-C.
 */
public final class AskApplication implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService handlers;
  private final CodeVector codeVector;
  private final JdbcStore store;

  private AskApplication(
      HttpServer server, ExecutorService handlers, CodeVector codeVector, JdbcStore store) {
    this.server = server;
    this.handlers = handlers;
    this.codeVector = codeVector;
    this.store = store;
  }

  /**
   * Starts the service with the settings of the environment and stops it when the JVM exits.
   *
   * @param args ignored
   * @throws IOException if the service cannot listen
   */
  public static void main(String[] args) throws IOException {
    AskApplication application = start(AskSettings.fromEnvironment(System.getenv()));
    Runtime.getRuntime().addShutdownHook(new Thread(application::close, "ask-stop"));
    InetSocketAddress address = application.address();
    System.out.println(
        "Asking on http://" + address.getHostString() + ":" + address.getPort() + "/ask");
  }

  /**
   * Opens the store, brings the registry in line with the settings and starts listening.
   *
   * @param settings the settings
   * @return the running service; close it to stop it
   * @throws IOException if the service cannot listen or the data directory cannot be created
   * @throws dev.codevector.spi.StoreException if the database cannot be opened
   * @throws dev.codevector.vault.VaultException if the key-encryption key cannot be read or is not
   *     the one the database's credentials were sealed with
   */
  public static AskApplication start(AskSettings settings) throws IOException {
    Kek kek = kek(settings.dataDir());
    JdbcStore store = JdbcStore.h2(settings.dataDir());
    CodeVector codeVector = null;
    try {
      codeVector = CodeVector.builder().store(store).kek(kek.aead()).build();
      AskModel.publish(codeVector.registry(), settings.upstreams());
      HttpServer server =
          HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
      ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
      server.setExecutor(handlers);
      server.createContext("/ask", new AskHandler(codeVector.router(), false));
      server.createContext("/ask/stream", new AskHandler(codeVector.router(), true));
      server.start();
      return new AskApplication(server, handlers, codeVector, store);
    } catch (IOException | RuntimeException e) {
      if (codeVector != null) {
        codeVector.close();
      }
      store.close();
      throw e;
    }
  }

  /**
   * Returns the address the service listens on.
   *
   * @return the address, such as {@code 127.0.0.1:8081}
   */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /**
   * Stops the service: no new requests are taken, those in progress get up to 5 seconds to finish
   * and are then cut off, and the database is closed.
   */
  @Override
  public void close() {
    server.stop(5);
    handlers.shutdownNow();
    codeVector.close();
    store.close();
  }

  /** Returns the key-encryption key in the data directory, generating it on first start. */
  private static Kek kek(Path dataDir) throws IOException {
    Path file = dataDir.resolve("kek.json");
    if (Files.exists(file)) {
      return Kek.load(file);
    }
    Files.createDirectories(dataDir);
    Kek kek = Kek.generate();
    kek.writeNew(file);
    return kek;
  }
}
