package dev.codevector.server;

import dev.codevector.limits.LimitPolicy;
import dev.codevector.routing.UpstreamLimits;
import dev.codevector.vault.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The server's settings, read from the environment:
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>variable</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>CODEVECTOR_HOST</td><td>0.0.0.0</td><td>the address to listen on</td></tr>
 *   <tr><td>CODEVECTOR_PORT</td><td>8080</td><td>the HTTP port (0 picks a free one)</td></tr>
 *   <tr><td>CODEVECTOR_DATA_DIR</td><td>./data</td><td>the H2 database and generated key file</td></tr>
 *   <tr><td>CODEVECTOR_DB_URL</td><td>H2 in the data dir</td><td>a jdbc:postgresql:// URL</td></tr>
 *   <tr><td>CODEVECTOR_DB_USER, CODEVECTOR_DB_PASSWORD</td><td></td><td>its credentials</td></tr>
 *   <tr><td>CODEVECTOR_KEK_FILE</td><td>&lt;data dir&gt;/kek.json</td><td>the key-encryption
 *       keyset, generated (mode 0600) on first start</td></tr>
 *   <tr><td>CODEVECTOR_KEK</td><td></td><td>the same keyset inline, instead of the file</td></tr>
 *   <tr><td>CODEVECTOR_ADMIN_TOKEN</td><td>generated on first start, printed once</td><td>the
 *       bearer token of the admin API and console</td></tr>
 *   <tr><td>CODEVECTOR_PUBLIC_URL</td><td></td><td>the URL clients reach the server at; an
 *       https:// URL marks the console's cookie {@code Secure}</td></tr>
 *   <tr><td>CODEVECTOR_TRUST_FORWARDED_HEADERS</td><td>false</td><td>true behind a proxy that sets
 *       X-Forwarded-For and X-Forwarded-Proto: the client's address and scheme are read from
 *       them</td></tr>
 *   <tr><td>CODEVECTOR_METRICS_TOKEN</td><td></td><td>a bearer token that may read /metrics
 *       (as the admin token may)</td></tr>
 *   <tr><td>CODEVECTOR_STOP_GRACE_SECONDS</td><td>30</td><td>how long, once told to stop, the
 *       server lets requests in flight finish before it ends the streams still open</td></tr>
 *   <tr><td>CODEVECTOR_MAX_ANSWER_MB</td><td>32</td><td>the largest whole upstream answer read,
 *       once decompressed; a larger one is an upstream failure</td></tr>
 *   <tr><td>CODEVECTOR_MAX_EVENT_MB</td><td>16</td><td>the largest upstream stream event (and
 *       line of one) read; a larger one is an upstream failure</td></tr>
 *   <tr><td>CODEVECTOR_LIMITS_ON_DB_ERROR</td><td>open</td><td>what happens to a request whose
 *       limits cannot be checked because the database fails: open admits it unchecked, closed
 *       refuses it with 503</td></tr>
 *   <tr><td>CODEVECTOR_AUDIT_RETENTION_DAYS</td><td>365</td><td>how many days the audit trail
 *       keeps an entry before removing it; 0 means the default</td></tr>
 * </table>
 *
 * @param host the address to listen on
 * @param port the HTTP port; 0 picks a free one
 * @param dataDir where the embedded database and the generated key file live
 * @param dbUrl a PostgreSQL JDBC URL; empty for H2 in the data dir
 * @param dbUser the database user
 * @param dbPassword the database password
 * @param kekFile the key-encryption keyset file
 * @param kek the key-encryption keyset inline; wins over the file
 * @param adminToken the admin token; empty to use the one generated on first start
 * @param publicUrl the absolute http or https URL clients reach the server at, if known
 * @param trustForwardedHeaders whether {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are
 *     believed; only behind a proxy that sets them
 * @param metricsToken a bearer token that may read {@code /metrics}, besides the admin token
 * @param stopGrace how long stopping lets requests in flight finish; zero or more
 * @param upstreamLimits how much of an upstream's answer is read at most
 * @param limitsOnDbError what happens to a request whose limits cannot be checked because the
 *     database fails: admitted unchecked, or refused with 503
 * @param auditRetention how long the audit trail keeps an entry; positive
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    Optional<String> dbUrl,
    Optional<String> dbUser,
    Optional<Secret> dbPassword,
    Path kekFile,
    Optional<Secret> kek,
    Optional<Secret> adminToken,
    Optional<URI> publicUrl,
    boolean trustForwardedHeaders,
    Optional<Secret> metricsToken,
    Duration stopGrace,
    UpstreamLimits upstreamLimits,
    LimitPolicy limitsOnDbError,
    Duration auditRetention) {
  /** How long the audit trail keeps an entry, unless configured otherwise. */
  public static final Duration DEFAULT_AUDIT_RETENTION = Duration.ofDays(365);

  private static final long MAX_AUDIT_RETENTION_DAYS = 36_500;

  /** How long stopping lets requests in flight finish, unless configured otherwise. */
  public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(30);

  private static final long MAX_STOP_GRACE_SECONDS = 3_600;
  private static final String PUBLIC_URL_FORMAT =
      "CODEVECTOR_PUBLIC_URL must be an http:// or https:// URL such as"
          + " https://codevector.example.com";

  /** Checks the fields. */
  public ServerConfig {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65_535) {
      throw new ConfigurationException("CODEVECTOR_PORT " + port + " is not a port number");
    }
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(dbUrl, "dbUrl");
    dbUrl.ifPresent(
        url -> {
          if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
            throw new ConfigurationException(
                "CODEVECTOR_DB_URL must be a jdbc:postgresql:// URL, not " + url.split("[?;]")[0]);
          }
        });
    Objects.requireNonNull(dbUser, "dbUser");
    Objects.requireNonNull(dbPassword, "dbPassword");
    Objects.requireNonNull(kekFile, "kekFile");
    Objects.requireNonNull(kek, "kek");
    Objects.requireNonNull(adminToken, "adminToken");
    requireLongToken("CODEVECTOR_ADMIN_TOKEN", adminToken);
    Objects.requireNonNull(publicUrl, "publicUrl");
    publicUrl.ifPresent(ServerConfig::requireWebUrl);
    Objects.requireNonNull(metricsToken, "metricsToken");
    requireLongToken("CODEVECTOR_METRICS_TOKEN", metricsToken);
    Objects.requireNonNull(upstreamLimits, "upstreamLimits");
    Objects.requireNonNull(limitsOnDbError, "limitsOnDbError");
    Objects.requireNonNull(stopGrace, "stopGrace");
    if (stopGrace.isNegative()) {
      throw new IllegalArgumentException("negative stop grace " + stopGrace);
    }
    Objects.requireNonNull(auditRetention, "auditRetention");
    if (auditRetention.isNegative() || auditRetention.isZero()) {
      throw new IllegalArgumentException("audit retention must be positive: " + auditRetention);
    }
  }

  private static void requireLongToken(String variable, Optional<Secret> token) {
    if (token.isPresent() && token.get().reveal().length() < 16) {
      throw new ConfigurationException(variable + " must be at least 16 characters long");
    }
  }

  private static void requireWebUrl(URI url) {
    String scheme = url.getScheme();
    if (!url.isAbsolute()
        || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
        || url.getHost() == null
        || url.getRawUserInfo() != null) {
      throw new ConfigurationException(PUBLIC_URL_FORMAT);
    }
  }

  /**
   * Reads the settings from environment variables, applying the defaults.
   *
   * @param env the environment, such as {@code System.getenv()}
   * @return the settings
   * @throws ConfigurationException if a variable is malformed
   */
  public static ServerConfig fromEnvironment(Map<String, String> env) {
    Path dataDir = Path.of(value(env, "CODEVECTOR_DATA_DIR").orElse("data"));
    return new ServerConfig(
        value(env, "CODEVECTOR_HOST").orElse("0.0.0.0"),
        port(value(env, "CODEVECTOR_PORT").orElse("8080")),
        dataDir,
        value(env, "CODEVECTOR_DB_URL"),
        value(env, "CODEVECTOR_DB_USER"),
        value(env, "CODEVECTOR_DB_PASSWORD").map(Secret::of),
        value(env, "CODEVECTOR_KEK_FILE").map(Path::of).orElse(dataDir.resolve("kek.json")),
        value(env, "CODEVECTOR_KEK").map(Secret::of),
        value(env, "CODEVECTOR_ADMIN_TOKEN").map(Secret::of),
        value(env, "CODEVECTOR_PUBLIC_URL").map(ServerConfig::url),
        flag(env, "CODEVECTOR_TRUST_FORWARDED_HEADERS"),
        value(env, "CODEVECTOR_METRICS_TOKEN").map(Secret::of),
        value(env, "CODEVECTOR_STOP_GRACE_SECONDS")
            .map(ServerConfig::stopGrace)
            .orElse(DEFAULT_STOP_GRACE),
        new UpstreamLimits(
            megabytes(
                env, "CODEVECTOR_MAX_ANSWER_MB", UpstreamLimits.ofDefaults().maxAnswerBytes()),
            megabytes(env, "CODEVECTOR_MAX_EVENT_MB", UpstreamLimits.ofDefaults().maxEventBytes())),
        value(env, "CODEVECTOR_LIMITS_ON_DB_ERROR")
            .map(ServerConfig::limitPolicy)
            .orElse(LimitPolicy.OPEN),
        value(env, "CODEVECTOR_AUDIT_RETENTION_DAYS")
            .map(ServerConfig::auditRetention)
            .orElse(DEFAULT_AUDIT_RETENTION));
  }

  private static Duration auditRetention(String text) {
    try {
      long days = Long.parseLong(text);
      if (days == 0) {
        return DEFAULT_AUDIT_RETENTION;
      }
      if (days > 0 && days <= MAX_AUDIT_RETENTION_DAYS) {
        return Duration.ofDays(days);
      }
    } catch (NumberFormatException e) {
      // Answered below, as a number out of range is.
    }
    throw new ConfigurationException(
        "CODEVECTOR_AUDIT_RETENTION_DAYS must be a whole number of days from 0 (the default, "
            + DEFAULT_AUDIT_RETENTION.toDays()
            + ") to "
            + MAX_AUDIT_RETENTION_DAYS
            + ", not '"
            + text
            + "'");
  }

  private static LimitPolicy limitPolicy(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "open" -> LimitPolicy.OPEN;
      case "closed" -> LimitPolicy.CLOSED;
      default ->
          throw new ConfigurationException(
              "CODEVECTOR_LIMITS_ON_DB_ERROR must be open or closed, not '" + text + "'");
    };
  }

  private static int megabytes(Map<String, String> env, String name, int defaultBytes) {
    Optional<String> text = value(env, name);
    if (text.isEmpty()) {
      return defaultBytes;
    }
    try {
      int megabytes = Integer.parseInt(text.get());
      if (megabytes >= 1 && megabytes <= 1024) {
        return megabytes * 1024 * 1024;
      }
    } catch (NumberFormatException e) {
      // Answered below, as a number out of range is.
    }
    throw new ConfigurationException(
        name + " must be a whole number of megabytes from 1 to 1024, not '" + text.get() + "'");
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static URI url(String text) {
    try {
      URI url = new URI(text);
      requireWebUrl(url);
      return url;
    } catch (URISyntaxException e) {
      throw new ConfigurationException(PUBLIC_URL_FORMAT, e);
    }
  }

  private static boolean flag(Map<String, String> env, String name) {
    String text = value(env, name).orElse("false");
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new ConfigurationException(name + " must be true or false, not '" + text + "'");
  }

  private static Duration stopGrace(String text) {
    try {
      long seconds = Long.parseLong(text);
      if (seconds >= 0 && seconds <= MAX_STOP_GRACE_SECONDS) {
        return Duration.ofSeconds(seconds);
      }
    } catch (NumberFormatException e) {
      // Answered below, as a number out of range is.
    }
    throw new ConfigurationException(
        "CODEVECTOR_STOP_GRACE_SECONDS must be a whole number of seconds from 0 to "
            + MAX_STOP_GRACE_SECONDS
            + ", not '"
            + text
            + "'");
  }

  private static int port(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new ConfigurationException("CODEVECTOR_PORT '" + text + "' is not a number");
    }
  }
}
