package dev.codevector.routing;

import dev.codevector.access.ApiKeyId;
import dev.codevector.access.Caller;
import dev.codevector.access.UserId;
import dev.codevector.usage.Client;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a routed request came from, as its usage record tells it: the request's id, the user and
 * API key it came with, and the program that sent it. Instances are immutable.
 *
 * @param requestId the request's id, unique per request: 1 to {@value #MAX_ID} characters
 * @param user the user the request is made for, if any
 * @param key the API key the request came with, if any
 * @param client the program that sent the request
 */
public record RequestOrigin(
    String requestId, Optional<UserId> user, Optional<ApiKeyId> key, Client client) {

  /** The most characters a request id may have. */
  public static final int MAX_ID = 128;

  /** Checks the fields. */
  public RequestOrigin {
    Objects.requireNonNull(requestId, "requestId");
    if (requestId.isEmpty() || requestId.length() > MAX_ID) {
      throw new IllegalArgumentException("requestId must be 1 to " + MAX_ID + " characters");
    }
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(client, "client");
  }

  /**
   * Returns the origin of a request the application makes itself: a new request id, no user or key,
   * and the client {@link Client#OTHER}.
   *
   * @return the origin
   */
  public static RequestOrigin application() {
    return new RequestOrigin(newRequestId(), Optional.empty(), Optional.empty(), Client.OTHER);
  }

  /**
   * Returns the origin of a request an authenticated caller sent.
   *
   * @param requestId the request's id, such as one {@link #newRequestId()} made
   * @param caller the user and key the request came with
   * @param client the program that sent it
   * @return the origin
   */
  public static RequestOrigin of(String requestId, Caller caller, Client client) {
    return new RequestOrigin(
        requestId, Optional.of(caller.userId()), Optional.of(caller.keyId()), client);
  }

  /**
   * Returns a new request id, {@code req_} and 32 hex digits, which sort by the time they were
   * made.
   *
   * @return the id
   */
  public static String newRequestId() {
    return RequestIds.next(Instant.now());
  }
}
