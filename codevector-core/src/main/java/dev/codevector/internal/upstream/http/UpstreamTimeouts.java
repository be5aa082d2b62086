package dev.codevector.internal.upstream.http;

import dev.codevector.registry.Provider;
import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * A Provider's timeouts, from its configuration or the kind's defaults: connect, first byte (the
 * wait for the answer's headers), idle (between two reads of the answer's body, so between stream
 * events), and total.
 */
public final class UpstreamTimeouts {
  final Duration connect;
  final Duration firstByte;

  /** How long a call may wait for the next bytes once the answer began. */
  public final Duration idle;

  final Duration total;

  private UpstreamTimeouts(Provider provider) {
    connect = seconds(provider, "connectTimeoutSeconds");
    firstByte = seconds(provider, "firstByteTimeoutSeconds");
    idle = seconds(provider, "idleTimeoutSeconds");
    total = seconds(provider, "totalTimeoutSeconds");
  }

  /**
   * Returns a Provider's timeouts, its configuration's or the defaults.
   *
   * @param provider the Provider
   * @return the timeouts
   */
  public static UpstreamTimeouts of(Provider provider) {
    return new UpstreamTimeouts(provider);
  }

  /** A client sharing the given one's connection pool and threads, with these timeouts. */
  public OkHttpClient apply(OkHttpClient shared) {
    return shared
        .newBuilder()
        .connectTimeout(connect)
        .readTimeout(firstByte)
        .callTimeout(total)
        .build();
  }

  private static Duration seconds(Provider provider, String field) {
    return Duration.ofSeconds(Long.parseLong(provider.configValue(field).orElseThrow()));
  }
}
