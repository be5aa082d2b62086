package dev.codevector.server.proxy;

import dev.codevector.routing.Cancellation;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Request;

/**
 * Notices a client that disconnects while its request waits on an upstream, and gives the request's
 * {@link Cancellation}.
 *
 * <p>Jetty reports a reset HTTP/2 stream to the request's failure listeners, but does not read an
 * HTTP/1 connection while its request is handled, so it would see the client's close only at the
 * next write, which for a silent upstream may be minutes away. The connection's socket is therefore
 * also watched for reading on a selector of its own, one thread for the whole process: an HTTP/1
 * client sends nothing more before its answer has arrived, so once the request body is read, a
 * socket that becomes readable holds the client's close (or a reset). The bytes are never read
 * here; Jetty's own selector is left alone, and the connection is reused as usual once the watch
 * ends. A client that pipelines a further request, or half-closes its side while still reading, is
 * taken for gone, as nginx takes it.
 */
final class ClientWatch {
  private static final System.Logger LOG = System.getLogger(ClientWatch.class.getName());
  private static final Selector SELECTOR = openSelector();
  private static final Queue<Watch> ADDED = new ConcurrentLinkedQueue<>();

  static {
    Thread thread = new Thread(ClientWatch::select, "codevector-client-watch");
    thread.setDaemon(true);
    thread.start();
  }

  private ClientWatch() {}

  /**
   * Watches the client of a request whose body has been read, until the returned registration is
   * closed; gives {@code cancellation} if the client goes away meanwhile.
   *
   * @param ctx the client's request
   * @param cancellation what to give when the client goes away
   * @return the watch; closing it ends the watch
   */
  static Cancellation.Registration watch(Context ctx, Cancellation cancellation) {
    Request request = ServletContextRequest.getServletContextRequest(ctx.req());
    request.addFailureListener(
        failure -> {
          // An idle connection is not a client that left; the upstream's own timeouts apply.
          if (!(failure instanceof TimeoutException)) {
            cancellation.cancel();
          }
        });
    EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
    HttpVersion version = request.getConnectionMetaData().getHttpVersion();
    if (!(endPoint instanceof SocketChannelEndPoint socket) || version.getVersion() >= 20) {
      return () -> {};
    }
    Watch watch = new Watch(socket.getChannel(), cancellation);
    ADDED.add(watch);
    SELECTOR.wakeup();
    return watch;
  }

  private static Selector openSelector() {
    try {
      return Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the selector that watches clients", e);
    }
  }

  private static void select() {
    while (true) {
      try {
        SELECTOR.select();
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "the selector that watches clients failed", e);
        continue;
      }
      for (Watch added; (added = ADDED.poll()) != null; ) {
        added.register();
      }
      for (SelectionKey key : SELECTOR.selectedKeys()) {
        key.cancel();
        ((Watch) key.attachment()).gone();
      }
      SELECTOR.selectedKeys().clear();
    }
  }

  /** One request's watch. */
  private static final class Watch implements Cancellation.Registration {
    final SocketChannel channel;
    final Cancellation cancellation;
    // Guarded by this.
    private SelectionKey key;
    private boolean closed;

    Watch(SocketChannel channel, Cancellation cancellation) {
      this.channel = channel;
      this.cancellation = cancellation;
    }

    /** Runs on the selector's thread. */
    synchronized void register() {
      if (closed) {
        return;
      }
      try {
        key = channel.register(SELECTOR, SelectionKey.OP_READ, this);
      } catch (ClosedChannelException e) {
        gone();
      }
    }

    /** Gives the cancellation off the selector's thread, which must never wait on an upstream. */
    void gone() {
      Thread.ofVirtual().name("codevector-client-gone").start(cancellation::cancel);
    }

    @Override
    public void close() {
      synchronized (this) {
        closed = true;
        if (key == null) {
          return;
        }
        key.cancel();
      }
      // The selector lets go of a cancelled key at its next select, and Jetty closes the socket
      // only once no selector holds it.
      SELECTOR.wakeup();
    }
  }
}
