package dev.codevector.server.internal;

import dev.codevector.access.Access;
import dev.codevector.access.Caller;
import io.javalin.http.Context;
import java.util.Optional;

/** Reads a client's API key from {@code Authorization: Bearer} or {@code x-api-key}. */
final class ApiKeys {
  private ApiKeys() {}

  static Optional<Caller> caller(Context ctx, Access access) {
    String authorization = ctx.header("authorization");
    String key =
        authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
            ? authorization.substring(7)
            : ctx.header("x-api-key");
    return key == null ? Optional.empty() : access.authenticate(key.strip());
  }
}
