package dev.codevector.server.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The admin console's server-side sessions, kept in memory. A session is opened after the admin
 * token was presented at login; its id is 256 random bits, given to the browser in a cookie, and
 * kept here only as its SHA-256 hash. Each session has its own CSRF token, which every change made
 * with the cookie must present. A session ends at logout or after {@link #IDLE} without use.
 *
 * <p>Times are given by the caller as {@code nowNanos} (from {@link System#nanoTime()}), so that
 * tests can move them. This class is thread-safe.
 */
public final class ConsoleSessions {
  /** How long a session lasts without being used. */
  static final Duration IDLE = Duration.ofHours(12);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final long idleNanos;
  private final Map<String, Session> byHash = new ConcurrentHashMap<>();

  /** Creates an empty set of sessions that end after {@link #IDLE} without use. */
  public ConsoleSessions() {
    this(IDLE);
  }

  ConsoleSessions(Duration idle) {
    this.idleNanos = idle.toNanos();
  }

  /**
   * A session as the browser holds it.
   *
   * @param id the session id, for the cookie
   * @param csrfToken the token every change made in this session must present
   */
  record Opened(String id, String csrfToken) {}

  private static final class Session {
    final String csrfToken;
    volatile long lastUsedNanos;

    Session(String csrfToken, long lastUsedNanos) {
      this.csrfToken = csrfToken;
      this.lastUsedNanos = lastUsedNanos;
    }
  }

  /**
   * Opens a session, and ends those that have been idle too long.
   *
   * @param nowNanos the current {@link System#nanoTime()}
   * @return the new session's id and CSRF token
   */
  Opened open(long nowNanos) {
    byHash.values().removeIf(s -> expired(s, nowNanos));
    String id = random();
    String csrf = random();
    byHash.put(hash(id), new Session(csrf, nowNanos));
    return new Opened(id, csrf);
  }

  /**
   * Returns the CSRF token of a live session, marking it used.
   *
   * @param id the session id from the cookie, or null
   * @param nowNanos the current {@link System#nanoTime()}
   * @return its CSRF token, or empty if there is no such live session
   */
  Optional<String> csrfToken(String id, long nowNanos) {
    if (id == null || id.isEmpty()) {
      return Optional.empty();
    }
    String key = hash(id);
    Session session = byHash.get(key);
    if (session == null) {
      return Optional.empty();
    }
    if (expired(session, nowNanos)) {
      byHash.remove(key, session);
      return Optional.empty();
    }
    session.lastUsedNanos = nowNanos;
    return Optional.of(session.csrfToken);
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
    if (id != null) {
      byHash.remove(hash(id));
    }
  }

  /**
   * Returns a short name of a session for the audit trail: the first 8 hex digits of its id's
   * SHA-256 hash, which tell sessions apart without revealing the id.
   *
   * @param id the session id from the cookie
   * @return the fingerprint
   */
  static String fingerprint(String id) {
    return hash(id).substring(0, 8);
  }

  private boolean expired(Session session, long nowNanos) {
    return nowNanos - session.lastUsedNanos > idleNanos;
  }

  private static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String hash(String id) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
