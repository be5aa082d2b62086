package dev.codevector.internal.upstream;

import dev.codevector.registry.Provider;
import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * A Provider's timeouts, from its configuration or the kind's defaults: connect, first byte (the
 * wait for the answer's headers), idle (between two reads of the answer's body, so between stream
 * events), and total.
 */
final class UpstreamTimeouts {
  final Duration connect;
  final Duration firstByte;
  final Duration idle;
  final Duration total;

  private UpstreamTimeouts(Provider provider) {
    connect = seconds(provider, "connectTimeoutSeconds");
    firstByte = seconds(provider, "firstByteTimeoutSeconds");
    idle = seconds(provider, "idleTimeoutSeconds");
    total = seconds(provider, "totalTimeoutSeconds");
  }

  static UpstreamTimeouts of(Provider provider) {
    return new UpstreamTimeouts(provider);
  }

  /** A client sharing the given one's connection pool and threads, with these timeouts. */
  OkHttpClient apply(OkHttpClient shared) {
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
