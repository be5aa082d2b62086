package dev.codevector.internal;

import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.spi.Setting;
import dev.codevector.spi.SettingStore;
import dev.codevector.vault.CredentialVault;
import dev.codevector.vault.SealedCredential;
import dev.codevector.vault.Secret;
import dev.codevector.vault.VaultException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

/**
 * A known value sealed under the key-encryption key and kept in the store, so that starting with
 * the wrong key-encryption key is refused at once instead of failing on the first upstream call.
 */
final class KekCanary {
  static final String SETTING = "vault.kek-canary";
  private static final String OWNER = "codevector";
  private static final String FIELD = "kek-canary";
  private static final Secret VALUE = Secret.of("codevector key-encryption key canary");

  private KekCanary() {}

  /** Checks the store's canary opens with the vault, or seals one if the store has none. */
  static void verifyOrCreate(SettingStore store, CredentialVault vault, Instant now) {
    Optional<Setting> existing = store.findSetting(SETTING);
    if (existing.isPresent()) {
      verify(existing.get(), vault);
      return;
    }
    try {
      store.putSetting(new Setting(SETTING, encode(vault.seal(OWNER, FIELD, VALUE, now)), 0));
    } catch (AlreadyExistsException e) {
      verify(store.findSetting(SETTING).orElseThrow(), vault);
    }
  }

  /** Re-wraps the store's canary under a new key-encryption key. */
  static void rewrap(SettingStore store, KekRotation rotation) {
    Setting setting = store.findSetting(SETTING).orElseThrow();
    SealedCredential rewrapped = rotation.rewrap(OWNER, FIELD, decode(setting.value()));
    store.putSetting(setting.withValue(encode(rewrapped)));
  }

  private static void verify(Setting setting, CredentialVault vault) {
    try {
      if (vault.open(OWNER, FIELD, decode(setting.value())).equals(VALUE)) {
        return;
      }
    } catch (VaultException e) {
      // Falls through to the refusal below.
    }
    throw new VaultException(
        "the key-encryption key does not match the one this store's credentials were sealed with");
  }

  private static byte[] encode(SealedCredential sealed) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeBlock(out, sealed.wrappedKey());
      writeBlock(out, sealed.ciphertext());
      out.writeLong(sealed.updatedAt().toEpochMilli());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static SealedCredential decode(byte[] stored) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
      byte[] wrappedKey = readBlock(in);
      byte[] ciphertext = readBlock(in);
      return new SealedCredential(wrappedKey, ciphertext, "", Instant.ofEpochMilli(in.readLong()));
    } catch (IOException e) {
      throw new VaultException("the store's key-encryption key canary is unreadable", e);
    }
  }

  private static void writeBlock(DataOutputStream out, byte[] block) throws IOException {
    out.writeInt(block.length);
    out.write(block);
  }

  private static byte[] readBlock(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IOException("bad block length");
    }
    return in.readNBytes(length);
  }
}
