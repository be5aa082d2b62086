package dev.codevector.access;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.internal.DefaultAccess;
import dev.codevector.registry.ValidationException;
import dev.codevector.store.InMemoryStore;
import dev.codevector.testing.DelegatingAccessStore;
import dev.codevector.testing.FakeClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issuing, authenticating and revoking API keys. */
final class ApiKeysTest {
  private final FakeClock clock = new FakeClock();
  private final InMemoryStore database = new InMemoryStore();
  private final KeyWrites store = new KeyWrites(database);
  private final Access access =
      new DefaultAccess(store, database.registry(), clock, new SecureRandom());
  private final User ada = access.createUser("Ada", Optional.of("ada@example.com"));

  @Test
  void issuedKeyAuthenticatesItsUser() {
    IssuedKey issued = access.issueKey(ada.id(), Optional.of("laptop"), Optional.empty());

    Optional<Caller> caller = access.authenticate(issued.plaintext().reveal());

    assertEquals(Optional.of(new Caller(ada.id(), issued.key().id())), caller);
  }

  @Test
  void keyIsCvFollowedBy192RandomBitsInBase64Url() {
    String key = issue().plaintext().reveal();

    assertTrue(key.matches("cv-[A-Za-z0-9_-]{32}"), key);
    assertNotEquals(key, issue().plaintext().reveal());
  }

  @Test
  void onlyThePrefixAndTheSha256HashAreStored() throws NoSuchAlgorithmException {
    IssuedKey issued = issue();
    String key = issued.plaintext().reveal();

    ApiKey stored = access.key(issued.key().id());

    assertEquals(key.substring(0, 8), stored.prefix());
    byte[] sha256 =
        MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    assertArrayEquals(sha256, stored.hash());
    assertEquals(issued.key(), stored);
  }

  @Test
  void keyIsShownOnlyOnceAndNeverPrinted() {
    IssuedKey issued = issue();
    String key = issued.plaintext().reveal();
    String hash = HexFormat.of().formatHex(issued.key().hash());

    List<String> printed =
        List.of(
            issued.toString(),
            issued.key().toString(),
            access.key(issued.key().id()).toString(),
            access.keys().toString(),
            access.user(ada.id()).toString());

    for (String text : printed) {
      assertFalse(text.contains(key.substring(8)), text);
      assertFalse(text.contains(hash), text);
    }
    assertTrue(issued.toString().contains("Secret[redacted]"), issued.toString());
    assertTrue(issued.key().toString().contains(issued.key().prefix()));
  }

  @Test
  void revokedKeyFails() {
    IssuedKey issued = issue();
    clock.advance(Duration.ofSeconds(3));

    ApiKey revoked = access.revokeKey(issued.key().id());

    assertEquals(Optional.of(clock.instant()), revoked.revokedAt());
    assertEquals(Optional.empty(), access.authenticate(issued.plaintext().reveal()));
  }

  @Test
  void revokingAgainChangesNothing() {
    IssuedKey issued = issue();
    ApiKey revoked = access.revokeKey(issued.key().id());
    clock.advance(Duration.ofMinutes(5));

    assertEquals(revoked, access.revokeKey(issued.key().id()));
  }

  @Test
  void expiredKeyFails() {
    Instant expiry = clock.instant().plus(Duration.ofHours(1));
    String key =
        access.issueKey(ada.id(), Optional.empty(), Optional.of(expiry)).plaintext().reveal();

    clock.advance(Duration.ofHours(1).minusNanos(1000));
    assertTrue(access.authenticate(key).isPresent());

    clock.advance(Duration.ofNanos(1000));
    assertEquals(Optional.empty(), access.authenticate(key));
  }

  @Test
  void expiryMustBeInTheFuture() {
    Optional<Instant> now = Optional.of(clock.instant());

    ValidationException e =
        assertThrows(
            ValidationException.class, () -> access.issueKey(ada.id(), Optional.empty(), now));

    assertEquals("expiresAt", e.field());
  }

  @Test
  void malformedOrUnknownKeyFails() {
    String real = issue().plaintext().reveal();
    String unknown = "cv-" + "A".repeat(32);

    for (String presented :
        List.of(
            "",
            "cv-",
            real.substring(0, 34),
            real + "A",
            "sk-" + real.substring(3),
            real.substring(0, 34) + "=",
            real.substring(0, 34) + "+",
            unknown)) {
      assertEquals(Optional.empty(), access.authenticate(presented), presented);
    }
    assertEquals(1, store.hashLookups());
  }

  @Test
  void deletedKeyFails() {
    IssuedKey issued = issue();

    access.deleteKey(issued.key().id());

    assertEquals(Optional.empty(), access.authenticate(issued.plaintext().reveal()));
    assertThrows(ApiKeyNotFoundException.class, () -> access.deleteKey(issued.key().id()));
  }

  @Test
  void keyOfAMissingUserIsNotIssued() {
    assertThrows(
        UserNotFoundException.class,
        () -> access.issueKey(UserId.random(), Optional.empty(), Optional.empty()));
  }

  @Test
  void keysAreListedOldestFirst() {
    IssuedKey first = issue();
    clock.advance(Duration.ofSeconds(1));
    IssuedKey second = issue();
    clock.advance(Duration.ofSeconds(1));
    User bob = access.createUser("Bob", Optional.empty());
    IssuedKey bobs = access.issueKey(bob.id(), Optional.empty(), Optional.empty());

    assertEquals(List.of(first.key(), second.key()), access.keys(ada.id()));
    assertEquals(List.of(first.key(), second.key(), bobs.key()), access.keys());
  }

  @Test
  void lastUseIsWrittenAtMostOnceAMinute() throws InterruptedException {
    IssuedKey issued = issue();
    String key = issued.plaintext().reveal();
    Instant firstUse = clock.instant();

    access.authenticate(key);
    clock.advance(Duration.ofSeconds(30));
    access.authenticate(key);
    clock.advance(Duration.ofSeconds(29));
    access.authenticate(key);

    store.awaitLastUseWrites(1);
    assertEquals(Optional.of(firstUse), access.key(issued.key().id()).lastUsedAt());
    assertEquals(1, store.lastUseWrites());

    clock.advance(Duration.ofSeconds(1));
    access.authenticate(key);

    store.awaitLastUseWrites(2);
    assertEquals(Optional.of(clock.instant()), access.key(issued.key().id()).lastUsedAt());
    assertEquals(2, store.lastUseWrites());
  }

  private IssuedKey issue() {
    return access.issueKey(ada.id(), Optional.empty(), Optional.empty());
  }

  /** Counts the writes of keys' last use, and the lookups by hash. */
  private static final class KeyWrites extends DelegatingAccessStore {
    private final List<ApiKey> writes = new ArrayList<>();
    private int lookups;

    KeyWrites(InMemoryStore database) {
      super(database.access());
    }

    @Override
    public synchronized ApiKey putApiKey(ApiKey key) {
      ApiKey written = super.putApiKey(key);
      writes.add(key);
      notifyAll();
      return written;
    }

    /** Waits for last-use writes, which are made in the background, to reach a count. */
    synchronized void awaitLastUseWrites(long count) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (lastUseWrites() < count && System.nanoTime() < deadline) {
        wait(100);
      }
    }

    @Override
    public synchronized Optional<ApiKey> findApiKeyByHash(byte[] hash) {
      lookups++;
      return super.findApiKeyByHash(hash);
    }

    synchronized long lastUseWrites() {
      return writes.stream().filter(k -> k.lastUsedAt().isPresent()).count();
    }

    synchronized int hashLookups() {
      return lookups;
    }
  }
}
