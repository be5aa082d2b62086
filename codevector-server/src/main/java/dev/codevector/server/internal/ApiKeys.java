package dev.codevector.server.internal;

import dev.codevector.access.Access;
import dev.codevector.access.Caller;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Reads bearer tokens, and a client's API key from {@code Authorization: Bearer} or {@code
 * x-api-key}.
 */
public final class ApiKeys {
  private ApiKeys() {}

  /**
   * Returns the caller whose API key the request carries, in {@code Authorization: Bearer} or
   * {@code x-api-key}.
   *
   * @param ctx the request
   * @param access where keys are checked
   * @return the caller, or empty when the request carries no valid key
   */
  public static Optional<Caller> caller(Context ctx, Access access) {
    return bearer(ctx)
        .or(() -> Optional.ofNullable(ctx.header("x-api-key")).map(String::strip))
        .flatMap(access::authenticate);
  }

  /**
   * Returns the token of an {@code Authorization: Bearer} header.
   *
   * @param ctx the request
   * @return the token, or empty when the request has none
   */
  public static Optional<String> bearer(Context ctx) {
    String authorization = ctx.header("authorization");
    return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        ? Optional.of(authorization.substring(7).strip())
        : Optional.empty();
  }
}
