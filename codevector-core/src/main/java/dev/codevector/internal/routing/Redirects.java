package dev.codevector.internal.routing;

import dev.codevector.spi.UpstreamResponse;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Upstream redirects, which are never followed: following one would send the credential's header
 * and the client's prompt to wherever the redirect points. A redirect is an upstream failure.
 */
final class Redirects {
  private Redirects() {}

  static boolean isRedirect(int status) {
    return status >= 300 && status < 400;
  }

  /**
   * Describes a redirect and closes its response. Only the host of its {@code Location} is named: a
   * path or query may carry a token.
   */
  static String describe(UpstreamResponse response) {
    try (response) {
      String target = response.header("location").map(Redirects::host).orElse("no location");
      return "the upstream answered "
          + response.status()
          + " redirecting to "
          + target
          + "; redirects are not followed";
    }
  }

  private static String host(String location) {
    try {
      String host = new URI(location.strip()).getHost();
      return host == null ? "a location on the same host" : "host " + host;
    } catch (URISyntaxException e) {
      return "a malformed location";
    }
  }
}
