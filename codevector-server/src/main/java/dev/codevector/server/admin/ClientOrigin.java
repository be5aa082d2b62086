package dev.codevector.server.admin;

import dev.codevector.server.ServerConfig;
import io.javalin.http.Context;

/**
 * Where a request comes from: the client's address and whether it reached us over HTTPS. Without
 * trusted forwarded headers the address is the socket's remote address and the scheme is the
 * connection's; behind a proxy trusted to set them, the first address of {@code X-Forwarded-For}
 * and {@code X-Forwarded-Proto: https} count instead. An https {@code CODEVECTOR_PUBLIC_URL} means
 * every client reaches us over HTTPS.
 *
 * @param trustForwardedHeaders whether the forwarded headers are believed
 * @param publicHttps whether the public URL is an https URL
 */
record ClientOrigin(boolean trustForwardedHeaders, boolean publicHttps) {
  /** Longer than any IPv6 address with its zone: a forwarded address is cut there. */
  private static final int LONGEST_ADDRESS = 64;

  /** Returns the origin rules the settings ask for. */
  static ClientOrigin of(ServerConfig config) {
    return new ClientOrigin(
        config.trustForwardedHeaders(),
        config.publicUrl().map(url -> "https".equalsIgnoreCase(url.getScheme())).orElse(false));
  }

  /** Returns the client's address. */
  String address(Context ctx) {
    String forwarded = trustForwardedHeaders ? ctx.header("X-Forwarded-For") : null;
    if (forwarded != null) {
      String first = forwarded.split(",", 2)[0].strip();
      if (!first.isEmpty()) {
        return first.length() > LONGEST_ADDRESS ? first.substring(0, LONGEST_ADDRESS) : first;
      }
    }
    return ctx.req().getRemoteAddr();
  }

  /** Returns whether the client reached us over HTTPS, so cookies are to be {@code Secure}. */
  boolean isHttps(Context ctx) {
    return publicHttps
        || "https".equalsIgnoreCase(ctx.scheme())
        || (trustForwardedHeaders && "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto")));
  }
}
