package dev.codevector.benchmarks.load;

import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.WindowRateControl;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A fast stand-in for an LLM provider: OpenAI Chat at {@code /v1/chat/completions} and Anthropic
 * Messages at {@code /v1/messages}, as JSON or as a stream, instant or with the delays a path names
 * (see {@link MockRoute}). Serves plain HTTP/1.1, and optionally TLS with HTTP/2 (as the real
 * providers do), on 127.0.0.1.
 *
 * <p>Run: {@code java -cp benchmarks.jar dev.codevector.benchmarks.load.MockUpstream [tls-keystore
 * password]}. Prints {@code http=<port>} and, with TLS, {@code https=<port>}, then serves until
 * stopped.
 */
public final class MockUpstream {
  private final Server server;
  private final ServerConnector plain;
  private final ServerConnector tls;

  private MockUpstream(Server server, ServerConnector plain, ServerConnector tls) {
    this.server = server;
    this.plain = plain;
    this.tls = tls;
  }

  /**
   * Starts a mock on random ports of 127.0.0.1.
   *
   * @param keyStore a PKCS#12 key store for the TLS port, or null for plain HTTP only
   * @param password the key store's password
   * @return the running mock
   * @throws Exception if the server does not start
   */
  public static MockUpstream start(Path keyStore, String password) throws Exception {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    Server server = new Server();
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    config.setSendDateHeader(false);
    ServerConnector plain = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
    plain.setHost("127.0.0.1");
    plain.setAcceptQueueSize(16384);
    server.addConnector(plain);
    ServerConnector tls = null;
    if (keyStore != null) {
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStorePath(keyStore.toString());
      ssl.setKeyStorePassword(password);
      HttpConfiguration secure = new HttpConfiguration(config);
      secure.addCustomizer(new SecureRequestCustomizer(false));
      HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(secure);
      h2.setMaxConcurrentStreams(128);
      // A client opening streams on a new connection before it has read the server's SETTINGS
      // may exceed the stream limit; those streams are refused (and retried), as HTTP/2 allows.
      // Jetty's default rate control would take a burst of refusals for an attack and close the
      // connection with every stream on it.
      h2.setRateControlFactory(new WindowRateControl.Factory(100_000));
      ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
      alpn.setDefaultProtocol("http/1.1");
      tls =
          new ServerConnector(
              server,
              1,
              1,
              new SslConnectionFactory(ssl, alpn.getProtocol()),
              alpn,
              h2,
              new HttpConnectionFactory(secure));
      tls.setHost("127.0.0.1");
      tls.setAcceptQueueSize(16384);
      server.addConnector(tls);
    }
    server.setHandler(new MockHandler(timer));
    server.start();
    return new MockUpstream(server, plain, tls);
  }

  /**
   * Returns the plain HTTP port.
   *
   * @return the port
   */
  public int httpPort() {
    return plain.getLocalPort();
  }

  /**
   * Returns the TLS port.
   *
   * @return the port, or -1 without TLS
   */
  public int httpsPort() {
    return tls == null ? -1 : tls.getLocalPort();
  }

  /**
   * Starts a mock and serves until the process is stopped.
   *
   * @param args optionally a PKCS#12 key store path and its password, for the TLS port
   * @throws Exception if the server does not start
   */
  public static void main(String[] args) throws Exception {
    MockUpstream mock = args.length >= 2 ? start(Path.of(args[0]), args[1]) : start(null, null);
    System.out.println("http=" + mock.httpPort());
    if (mock.httpsPort() > 0) {
      System.out.println("https=" + mock.httpsPort());
    }
    System.out.flush();
    mock.server.join();
  }
}
