package dev.codevector.server.admin;

import dev.codevector.Clock;
import dev.codevector.spi.ConsoleSession;
import dev.codevector.spi.SessionStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The admin console's server-side sessions, kept in the store, so that every server process sharing
 * the database serves every session. A session is opened after the admin token was presented at
 * login; its id is 256 random bits, given to the browser in a cookie, and stored only as its
 * SHA-256 hash. Its CSRF token, which every change made with the cookie must present, is not
 * stored: it is the HMAC-SHA256 of a fixed label keyed by the session id, base64url, so any process
 * holding the cookie computes the same token, and the token does not reveal the id.
 *
 * <p>A session ends at logout or after {@link #IDLE} without use. Times are wall-clock instants
 * from a {@link Clock}, since processes compare them. A use is written to the store at most once a
 * {@link #TOUCH_EVERY minute} per session, so a session may end up to a minute before {@link #IDLE}
 * has passed since its last use. Expired sessions are deleted at each login, and whenever one is
 * presented.
 *
 * <p>This class is thread-safe.
 */
public final class ConsoleSessions {
  /** How long a session lasts without being used. */
  static final Duration IDLE = Duration.ofHours(12);

  /** How often a session's use is written to the store, at most. */
  static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] CSRF_LABEL =
      "codevector console csrf token".getBytes(StandardCharsets.UTF_8);

  private final SessionStore store;
  private final Clock clock;
  private final Duration idle;

  /**
   * Creates the sessions kept in a store, ending after {@link #IDLE} without use.
   *
   * @param store where the sessions are kept
   */
  public ConsoleSessions(SessionStore store) {
    this(store, Clock.system(), IDLE);
  }

  ConsoleSessions(SessionStore store, Clock clock, Duration idle) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.idle = Objects.requireNonNull(idle, "idle");
  }

  /**
   * A session as the browser holds it.
   *
   * @param id the session id, for the cookie
   * @param csrfToken the token every change made in this session must present
   */
  record Opened(String id, String csrfToken) {}

  /**
   * Opens a session, and deletes those that have expired.
   *
   * @return the new session's id and CSRF token
   */
  Opened open() {
    Instant now = now();
    store.deleteExpiredSessions(now);
    String id = random();
    store.putSession(new ConsoleSession(hash(id), now, now, now.plus(idle)));
    return new Opened(id, csrfTokenOf(id));
  }

  /**
   * Returns the CSRF token of a live session, recording its use.
   *
   * @param id the session id from the cookie, or null
   * @return its CSRF token, or empty if there is no such live session
   */
  Optional<String> csrfToken(String id) {
    if (id == null || id.isEmpty()) {
      return Optional.empty();
    }
    byte[] hash = hash(id);
    Optional<ConsoleSession> found = store.findSession(hash);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Instant now = now();
    if (found.get().isExpiredAt(now)) {
      store.deleteSession(hash);
      return Optional.empty();
    }
    if (!found.get().lastUsedAt().plus(TOUCH_EVERY).isAfter(now)) {
      store.touchSession(hash, now, now.plus(idle));
    }
    return Optional.of(csrfTokenOf(id));
  }

  /**
   * Returns whether a presented CSRF token is the session's, comparing in constant time.
   *
   * @param expected the session's token
   * @param presented the token from the request, or null
   * @return true if they are equal
   */
  static boolean csrfMatches(String expected, String presented) {
    return presented != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Ends a session; an unknown id is ignored.
   *
   * @param id the session id from the cookie, or null
   */
  void close(String id) {
    if (id != null && !id.isEmpty()) {
      store.deleteSession(hash(id));
    }
  }

  /** Returns the time now, to the microsecond, as stores keep it. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * Returns a short name of a session for the audit trail: the first 8 hex digits of its id's
   * SHA-256 hash, which tell sessions apart without revealing the id.
   *
   * @param id the session id from the cookie
   * @return the fingerprint
   */
  static String fingerprint(String id) {
    return HexFormat.of().formatHex(hash(id)).substring(0, 8);
  }

  private static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] hash(String id) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** Derives a session's CSRF token from its non-empty id. */
  private static String csrfTokenOf(String id) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(id.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(CSRF_LABEL));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is always available", e);
    }
  }
}
