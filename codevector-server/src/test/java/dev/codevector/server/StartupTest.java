package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.limits.LimitPolicy;
import dev.codevector.routing.UpstreamLimits;
import dev.codevector.vault.Kek;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class StartupTest {
  @TempDir Path dataDir;

  @Test
  void firstStartGeneratesTheKeyFileReadableByItsOwnerOnlyAndSaysToBackItUp() throws Exception {
    try (ServerHarness harness = new ServerHarness(dataDir)) {
      Path kek = dataDir.resolve("kek.json");

      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kek)));
      assertTrue(harness.printed().contains("Back it up"), harness.printed());
    }
  }

  @Test
  void dataDirectoryIsCreatedForItsOwnerOnlyWithTheDatabaseAndKeyFilesInside() throws Exception {
    Path data = dataDir.resolve("new/data");

    new ServerHarness(data).close();

    assertEquals("rwx------", permissions(data));
    assertEquals("rw-------", permissions(data.resolve("codevector.mv.db")));
    assertEquals("rw-------", permissions(data.resolve("kek.json")));
  }

  @Test
  void databaseFilesLeftReadableByOthersAreRestrictedAtStart() throws Exception {
    new ServerHarness(dataDir).close();
    Path database = dataDir.resolve("codevector.mv.db");
    Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-r--r--"));

    new ServerHarness(dataDir).close();

    assertEquals("rw-------", permissions(database));
  }

  private static String permissions(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void generatedAdminTokenIsPrintedOnceAndWorksAfterARestart() throws Exception {
    String token;
    try (ServerHarness first = new ServerHarness(ServerHarness.config(dataDir, Optional.empty()))) {
      Matcher printed = Pattern.compile("Admin token .*: (cv-admin-\\S+)").matcher(first.printed());
      assertTrue(printed.find(), first.printed());
      token = printed.group(1);
    }

    try (ServerHarness second =
        new ServerHarness(ServerHarness.config(dataDir, Optional.empty()))) {
      assertFalse(second.printed().contains("Admin token"), second.printed());
      assertFalse(second.printed().contains(token));
    }
    assertTrue(token.length() > 30);
  }

  @Test
  void wrongKeyEncryptionKeyIsRefusedWithOneClearLine() throws Exception {
    new ServerHarness(dataDir).close();
    Files.delete(dataDir.resolve("kek.json"));
    Kek.generate().writeNew(dataDir.resolve("kek.json"));

    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> new ServerHarness(dataDir));

    assertTrue(e.getMessage().startsWith("the key-encryption key does not match"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

  @Test
  void portInUseIsRefusedWithOneClearLine() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ServerConfig config =
          ServerHarness.config(
              dataDir, Map.of("CODEVECTOR_PORT", Integer.toString(taken.getLocalPort())));

      ConfigurationException e =
          assertThrows(ConfigurationException.class, () -> new ServerHarness(config));

      assertEquals(
          "port " + taken.getLocalPort() + " on 127.0.0.1 is already in use; set CODEVECTOR_PORT",
          e.getMessage());
    }
  }

  @Test
  void malformedSettingsAreRefusedNamingTheVariable() {
    ConfigurationException port =
        assertThrows(
            ConfigurationException.class,
            () -> ServerConfig.fromEnvironment(Map.of("CODEVECTOR_PORT", "eighty")));
    ConfigurationException url =
        assertThrows(
            ConfigurationException.class,
            () -> ServerConfig.fromEnvironment(Map.of("CODEVECTOR_DB_URL", "mysql://db/x")));
    ConfigurationException grace =
        assertThrows(
            ConfigurationException.class,
            () -> ServerConfig.fromEnvironment(Map.of("CODEVECTOR_STOP_GRACE_SECONDS", "-1")));

    assertEquals("CODEVECTOR_PORT 'eighty' is not a number", port.getMessage());
    assertTrue(url.getMessage().startsWith("CODEVECTOR_DB_URL must be a jdbc:postgresql:// URL"));
    assertEquals(
        "CODEVECTOR_STOP_GRACE_SECONDS must be a whole number of seconds from 0 to 3600, not '-1'",
        grace.getMessage());
  }

  @Test
  void theAuditRetentionIsReadInDaysWithZeroForTheDefault() {
    ConfigurationException negative =
        assertThrows(
            ConfigurationException.class,
            () -> ServerConfig.fromEnvironment(Map.of("CODEVECTOR_AUDIT_RETENTION_DAYS", "-1")));

    assertEquals(
        Duration.ofDays(90),
        ServerConfig.fromEnvironment(Map.of("CODEVECTOR_AUDIT_RETENTION_DAYS", "90"))
            .auditRetention());
    assertEquals(
        ServerConfig.DEFAULT_AUDIT_RETENTION,
        ServerConfig.fromEnvironment(Map.of("CODEVECTOR_AUDIT_RETENTION_DAYS", "0"))
            .auditRetention());
    assertEquals(Duration.ofDays(365), ServerConfig.fromEnvironment(Map.of()).auditRetention());
    assertEquals(
        "CODEVECTOR_AUDIT_RETENTION_DAYS must be a whole number of days from 0 (the default, 365)"
            + " to 36500, not '-1'",
        negative.getMessage());
  }

  @Test
  void theStopGracePeriodIsReadInSeconds() {
    ServerConfig config =
        ServerConfig.fromEnvironment(Map.of("CODEVECTOR_STOP_GRACE_SECONDS", "5"));

    assertEquals(Duration.ofSeconds(5), config.stopGrace());
  }

  @Test
  void upstreamLimitsAreReadInMegabytes() {
    ServerConfig config =
        ServerConfig.fromEnvironment(
            Map.of("CODEVECTOR_MAX_ANSWER_MB", "64", "CODEVECTOR_MAX_EVENT_MB", "4"));
    ConfigurationException zero =
        assertThrows(
            ConfigurationException.class,
            () -> ServerConfig.fromEnvironment(Map.of("CODEVECTOR_MAX_EVENT_MB", "0")));

    assertEquals(new UpstreamLimits(64 << 20, 4 << 20), config.upstreamLimits());
    assertEquals(
        UpstreamLimits.ofDefaults(), ServerConfig.fromEnvironment(Map.of()).upstreamLimits());
    assertEquals(
        "CODEVECTOR_MAX_EVENT_MB must be a whole number of megabytes from 1 to 1024, not '0'",
        zero.getMessage());
  }

  @Test
  void theLimitsPolicyOnDatabaseErrorsIsOpenOrClosed() {
    ConfigurationException other =
        assertThrows(
            ConfigurationException.class,
            () -> ServerConfig.fromEnvironment(Map.of("CODEVECTOR_LIMITS_ON_DB_ERROR", "ajar")));

    assertEquals(LimitPolicy.OPEN, ServerConfig.fromEnvironment(Map.of()).limitsOnDbError());
    assertEquals(
        LimitPolicy.CLOSED,
        ServerConfig.fromEnvironment(Map.of("CODEVECTOR_LIMITS_ON_DB_ERROR", "Closed"))
            .limitsOnDbError());
    assertEquals(
        "CODEVECTOR_LIMITS_ON_DB_ERROR must be open or closed, not 'ajar'", other.getMessage());
  }

  @Test
  void defaultsFollowTheDocumentedConfiguration() {
    ServerConfig config = ServerConfig.fromEnvironment(Map.of());

    assertEquals(8080, config.port());
    assertEquals(Path.of("data"), config.dataDir());
    assertEquals(Path.of("data", "kek.json"), config.kekFile());
    assertEquals(Optional.empty(), config.dbUrl());
    assertEquals(Duration.ofSeconds(30), config.stopGrace());
  }

  @Test
  void healthChecksAnswer() throws Exception {
    try (ServerHarness harness = new ServerHarness(dataDir);
        Response health = harness.get("/healthz", Map.of());
        Response ready = harness.get("/readyz", Map.of())) {
      assertEquals(200, health.code());
      assertEquals(200, ready.code());
    }
  }
}
