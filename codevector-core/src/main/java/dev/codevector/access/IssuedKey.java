package dev.codevector.access;

import dev.codevector.vault.Secret;
import java.util.Objects;

/**
 * A newly issued API key: the one and only time the whole key is available. CodeVector keeps only
 * its hash, so show {@link #plaintext()} to its owner once and then drop it. {@link #toString()}
 * shows the key's stored form and {@code Secret[redacted]}. Instances are immutable.
 *
 * @param key the key as stored
 * @param plaintext the whole key, such as {@code cv-} followed by 32 characters
 */
public record IssuedKey(ApiKey key, Secret plaintext) {

  /** Checks the fields. */
  public IssuedKey {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(plaintext, "plaintext");
  }
}
