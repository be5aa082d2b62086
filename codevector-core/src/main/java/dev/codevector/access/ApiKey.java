package dev.codevector.access;

import dev.codevector.registry.Checks;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An API key as CodeVector keeps it: never the key itself, only its SHA-256 hash and its first
 * characters. The key is shown once, in the {@link IssuedKey} that issuing it returns. {@link
 * #toString()} never shows the hash, and the hash bytes are copied in and out. Instances are
 * immutable; changes return copies.
 *
 * @param id the key's id
 * @param userId the user the key belongs to
 * @param name a label for the key, such as {@code laptop}
 * @param prefix the key's first characters, such as {@code cv-Ab3x_}, so people can tell keys apart
 * @param hash the SHA-256 hash of the whole key, 32 bytes; unique among keys
 * @param createdAt when the key was issued
 * @param expiresAt when the key stops working, if it expires
 * @param revokedAt when the key was revoked, if it was; a revoked key never works again
 * @param lastUsedAt when the key last authenticated a request, to within about a minute
 * @param version the stored version, for compare-and-set updates; 0 before it is first stored
 */
public record ApiKey(
    ApiKeyId id,
    UserId userId,
    Optional<String> name,
    String prefix,
    byte[] hash,
    Instant createdAt,
    Optional<Instant> expiresAt,
    Optional<Instant> revokedAt,
    Optional<Instant> lastUsedAt,
    long version) {
  /** The length of {@link #hash()} in bytes. */
  public static final int HASH_BYTES = 32;

  /** Checks every field and copies the hash. */
  public ApiKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    name = Objects.requireNonNull(name, "name").map(n -> Checks.name("name", n));
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.isBlank()) {
      throw new IllegalArgumentException("blank api key prefix");
    }
    hash = Objects.requireNonNull(hash, "hash").clone();
    if (hash.length != HASH_BYTES) {
      throw new IllegalArgumentException(
          "an api key hash has " + HASH_BYTES + " bytes, not " + hash.length);
    }
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(revokedAt, "revokedAt");
    Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    Checks.checkVersion(version);
  }

  /**
   * Returns a copy of the SHA-256 hash of the whole key.
   *
   * @return the 32 hash bytes
   */
  @Override
  public byte[] hash() {
    return hash.clone();
  }

  /**
   * Returns whether the key may authenticate a request at a given time: it is not revoked, and it
   * has not expired by then.
   *
   * @param now the time of the request
   * @return true if the key works at {@code now}
   */
  public boolean isActiveAt(Instant now) {
    Objects.requireNonNull(now, "now");
    return revokedAt.isEmpty() && expiresAt.map(now::isBefore).orElse(true);
  }

  /**
   * Returns a copy at another stored version; for {@link dev.codevector.spi.Store} implementations,
   * which store each put at the next version.
   *
   * @param newVersion the version
   * @return the copy
   */
  public ApiKey withVersion(long newVersion) {
    return new ApiKey(
        id, userId, name, prefix, hash, createdAt, expiresAt, revokedAt, lastUsedAt, newVersion);
  }

  /**
   * Returns a revoked copy.
   *
   * @param now the time of revocation
   * @return the changed copy
   */
  public ApiKey withRevokedAt(Instant now) {
    return new ApiKey(
        id,
        userId,
        name,
        prefix,
        hash,
        createdAt,
        expiresAt,
        Optional.of(now),
        lastUsedAt,
        version);
  }

  /**
   * Returns a copy last used at another time.
   *
   * @param now the time of use
   * @return the changed copy
   */
  public ApiKey withLastUsedAt(Instant now) {
    return new ApiKey(
        id, userId, name, prefix, hash, createdAt, expiresAt, revokedAt, Optional.of(now), version);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApiKey key
        && id.equals(key.id)
        && userId.equals(key.userId)
        && name.equals(key.name)
        && prefix.equals(key.prefix)
        && Arrays.equals(hash, key.hash)
        && createdAt.equals(key.createdAt)
        && expiresAt.equals(key.expiresAt)
        && revokedAt.equals(key.revokedAt)
        && lastUsedAt.equals(key.lastUsedAt)
        && version == key.version;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        id,
        userId,
        name,
        prefix,
        Arrays.hashCode(hash),
        createdAt,
        expiresAt,
        revokedAt,
        lastUsedAt,
        version);
  }

  /** Returns the key's fields without its hash. */
  @Override
  public String toString() {
    return "ApiKey[id="
        + id
        + ", userId="
        + userId
        + ", name="
        + name
        + ", prefix="
        + prefix
        + ", createdAt="
        + createdAt
        + ", expiresAt="
        + expiresAt
        + ", revokedAt="
        + revokedAt
        + ", lastUsedAt="
        + lastUsedAt
        + ", version="
        + version
        + "]";
  }
}
