package dev.codevector.internal.upstream.google;

import dev.codevector.internal.upstream.http.JsonPost;
import dev.codevector.registry.Provider;
import okhttp3.HttpUrl;

/**
 * Where a Vertex AI Provider's models are: {@code
 * https://<region>-aiplatform.googleapis.com/v1/projects/<project>/locations/<region>/publishers/<publisher>/models/<model>:<method>},
 * with the host {@code aiplatform.googleapis.com} for the {@code global} region, or the Provider's
 * {@code endpoint} (a Private Service Connect endpoint, say) in place of the host.
 */
final class VertexLocation {
  private final HttpUrl locationUrl;

  VertexLocation(Provider provider) {
    String project = provider.configValue("project").orElseThrow();
    String region = provider.configValue("region").orElseThrow();
    String host =
        region.equals("global")
            ? "https://aiplatform.googleapis.com"
            : "https://" + region + "-aiplatform.googleapis.com";
    this.locationUrl =
        JsonPost.baseUrl(provider.configValue("endpoint").orElse(host))
            .newBuilder()
            .addPathSegment("v1")
            .addPathSegment("projects")
            .addPathSegment(project)
            .addPathSegment("locations")
            .addPathSegment(region)
            .build();
  }

  /**
   * Returns the URL of a method of a publisher's model, such as {@code
   * publishers/google/models/gemini-2.5-pro:generateContent}.
   */
  HttpUrl model(String publisher, String model, String method) {
    return locationUrl
        .newBuilder()
        .addPathSegment("publishers")
        .addPathSegment(publisher)
        .addPathSegment("models")
        .addPathSegment(model + ":" + method)
        .build();
  }
}
