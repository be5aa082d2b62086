package dev.codevector.internal.upstream.bedrock;

import dev.codevector.Clock;
import dev.codevector.vault.Secret;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Signs requests with AWS Signature Version 4, through the AWS SDK's {@link AwsV4HttpSigner}, for
 * one service and region at the time of a {@link Clock}. The signature covers the host, the given
 * headers, {@code X-Amz-Date}, the body's SHA-256 (sent as {@code x-amz-content-sha256}, as the AWS
 * SDK does for every service) and, with temporary keys, {@code X-Amz-Security-Token}. Paths are
 * encoded a second time in the canonical request, AWS's rule for every service but S3: a model id's
 * {@code %3A} is signed as {@code %253A}.
 *
 * <p>Thread-safe.
 */
final class BedrockSigner {
  private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

  private final String service;
  private final String region;
  private final Clock clock;

  BedrockSigner(String service, String region, Clock clock) {
    this.service = service;
    this.region = region;
    this.clock = clock;
  }

  /**
   * Returns the headers that authenticate a request: {@code Authorization}, {@code X-Amz-Date},
   * {@code x-amz-content-sha256} and, when there is a session token, {@code X-Amz-Security-Token}.
   *
   * @param method the HTTP method
   * @param url the URL, its path already percent-encoded as sent
   * @param headers the headers to sign besides the host
   * @param body the body, empty for none
   * @param keys the AWS keys
   */
  Headers sign(String method, HttpUrl url, Headers headers, byte[] body, Keys keys) {
    SdkHttpRequest.Builder unsigned =
        SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(url.uri());
    headers.forEach(header -> unsigned.appendHeader(header.getFirst(), header.getSecond()));
    SignedRequest signed =
        SIGNER.sign(
            request ->
                request
                    .identity(keys.identity())
                    .request(unsigned.build())
                    .payload(body.length == 0 ? null : ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(
                        HttpSigner.SIGNING_CLOCK,
                        java.time.Clock.fixed(clock.instant(), ZoneOffset.UTC)));
    Headers.Builder added = new Headers.Builder();
    for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
      if (headers.get(header.getKey()) == null && !header.getKey().equalsIgnoreCase("Host")) {
        header.getValue().forEach(value -> added.add(header.getKey(), value));
      }
    }
    return added.build();
  }

  /**
   * AWS keys: an access key id and secret access key, and a session token with temporary keys.
   *
   * @param accessKeyId the access key id
   * @param secretAccessKey the secret access key
   * @param sessionToken the session token of temporary keys
   */
  record Keys(Secret accessKeyId, Secret secretAccessKey, Optional<Secret> sessionToken) {

    private AwsCredentialsIdentity identity() {
      return sessionToken
          .<AwsCredentialsIdentity>map(
              token ->
                  AwsSessionCredentialsIdentity.create(
                      accessKeyId.reveal(), secretAccessKey.reveal(), token.reveal()))
          .orElseGet(
              () -> AwsCredentialsIdentity.create(accessKeyId.reveal(), secretAccessKey.reveal()));
    }

    /** Returns the id only; the secret and the token never print. */
    @Override
    public String toString() {
      return "Keys[redacted]";
    }
  }
}
