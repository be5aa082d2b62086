package dev.codevector.internal.upstream.google;

import dev.codevector.spi.UpstreamRequest;
import java.io.IOException;
import okhttp3.Headers;

/** The {@code Authorization} header of a Vertex AI call, from the Provider's service account. */
final class VertexAuth {
  private VertexAuth() {}

  static Headers headers(GoogleAccessTokens tokens, UpstreamRequest request) throws IOException {
    String token = tokens.token(request.credentials().get("serviceAccountJson"));
    return new Headers.Builder().add("Authorization", "Bearer " + token).build();
  }
}
