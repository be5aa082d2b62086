package dev.codevector.internal.upstream.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Response;

/**
 * Lets one call at a time open a new connection to an HTTP/2 upstream: a call that starts while
 * another is connecting to the same origin waits for that connection (at most the connect timeout)
 * and then shares it. Without this, a burst of calls to an upstream whose connections are all at
 * their stream limit opens one connection per call, and on a busy machine those TLS handshakes
 * starve each other while the calls wait. Origins known to speak HTTP/1.1, where a connection
 * serves one call at a time, are not held back.
 */
public final class ConnectGate implements Interceptor {
  private final Map<String, CountDownLatch> connecting = new ConcurrentHashMap<>();
  private final Map<String, Boolean> multiplexed = new ConcurrentHashMap<>();
  private final long maxWaitMillis;

  /**
   * Creates a gate.
   *
   * @param maxWaitMillis the longest a call waits for another's connection, such as the connect
   *     timeout
   */
  public ConnectGate(long maxWaitMillis) {
    this.maxWaitMillis = maxWaitMillis;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    String origin = origin(chain.request().url());
    CountDownLatch other = connecting.get(origin);
    if (other != null && multiplexed.getOrDefault(origin, false)) {
      try {
        other.await(maxWaitMillis, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while another call connected");
      }
    }
    chain.call().addEventListener(new Connecting(origin));
    return chain.proceed(chain.request());
  }

  private static String origin(HttpUrl url) {
    return url.scheme() + "://" + url.host() + ":" + url.port();
  }

  /** Marks the origin as being connected to while this call opens a connection. */
  private final class Connecting extends EventListener {
    private final String origin;
    private final AtomicReference<CountDownLatch> own = new AtomicReference<>();

    Connecting(String origin) {
      this.origin = origin;
    }

    @Override
    public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
      if (own.get() != null) {
        return;
      }
      CountDownLatch latch = new CountDownLatch(1);
      if (connecting.putIfAbsent(origin, latch) == null) {
        own.set(latch);
      }
    }

    @Override
    public void connectFailed(
        Call call, InetSocketAddress address, Proxy proxy, Protocol protocol, IOException e) {
      done();
    }

    @Override
    public void connectionAcquired(Call call, Connection connection) {
      Protocol protocol = connection.protocol();
      Boolean h2 = protocol == Protocol.HTTP_2 || protocol == Protocol.H2_PRIOR_KNOWLEDGE;
      if (!h2.equals(multiplexed.get(origin))) {
        multiplexed.put(origin, h2);
      }
      done();
    }

    @Override
    public void callFailed(Call call, IOException e) {
      done();
    }

    private void done() {
      CountDownLatch latch = own.getAndSet(null);
      if (latch != null) {
        connecting.remove(origin, latch);
        latch.countDown();
      }
    }
  }
}
