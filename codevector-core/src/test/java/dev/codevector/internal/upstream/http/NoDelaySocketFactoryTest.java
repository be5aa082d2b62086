package dev.codevector.internal.upstream.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

final class NoDelaySocketFactoryTest {

  @Test
  void unconnectedSocketsHaveNagleOff() throws Exception {
    try (Socket socket = new NoDelaySocketFactory().createSocket()) {
      assertTrue(socket.getTcpNoDelay());
    }
  }

  @Test
  void connectedSocketsHaveNagleOff() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket socket =
            new NoDelaySocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
      assertTrue(socket.getTcpNoDelay());
    }
  }
}
