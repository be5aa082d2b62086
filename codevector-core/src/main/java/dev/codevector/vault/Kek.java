package dev.codevector.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * A key-encryption key held as a Tink keyset of AES-256-GCM keys: the form of {@code kek.json} and
 * of the {@code CODEVECTOR_KEK} environment variable. The primary key wraps new data-encryption
 * keys; every key in the set can unwrap. {@link #toString()} never shows key material.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Kek {
  static {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final KeysetHandle keyset;
  private final Aead aead;

  private Kek(KeysetHandle keyset) throws GeneralSecurityException {
    this.keyset = keyset;
    this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
  }

  /**
   * Generates a new key-encryption key with one AES-256-GCM key.
   *
   * @return the new key
   */
  public static Kek generate() {
    try {
      return new Kek(
          KeysetHandle.generateNew(
              PredefinedAeadParameters.AES256_GCM, RegistryConfiguration.get()));
    } catch (GeneralSecurityException e) {
      throw new VaultException("cannot generate a key-encryption key", e);
    }
  }

  /**
   * Reads a key-encryption key from a Tink JSON keyset.
   *
   * @param keysetJson the keyset, as {@link #export()} writes it
   * @return the key
   * @throws VaultException if the text is not a Tink keyset of AEAD keys
   */
  public static Kek parse(String keysetJson) {
    Objects.requireNonNull(keysetJson, "keysetJson");
    try {
      return new Kek(
          TinkJsonProtoKeysetFormat.parseKeyset(
              keysetJson, RegistryConfiguration.get(), InsecureSecretKeyAccess.get()));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new VaultException("the key-encryption key is not a valid Tink AEAD keyset");
    }
  }

  /**
   * Reads a key-encryption key from a Tink JSON keyset file.
   *
   * @param file the keyset file
   * @return the key
   * @throws VaultException if the file cannot be read or holds no valid keyset
   */
  public static Kek load(Path file) {
    String json;
    try {
      json = Files.readString(Objects.requireNonNull(file, "file"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new VaultException("cannot read the key-encryption key file " + file, e);
    }
    try {
      return parse(json);
    } catch (VaultException e) {
      throw new VaultException(
          "the key-encryption key file " + file + " is not a valid Tink AEAD keyset");
    }
  }

  /**
   * Writes this key to a new file readable and writable by its owner only (mode 0600 where the file
   * system has POSIX permissions).
   *
   * @param file the file to create; it must not exist
   * @throws VaultException if the file exists or cannot be written
   */
  public void writeNew(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      }
      Files.writeString(file, export().reveal(), StandardCharsets.UTF_8, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw new VaultException("the key-encryption key file " + file + " already exists", e);
    } catch (IOException e) {
      throw new VaultException("cannot write the key-encryption key file " + file, e);
    }
  }

  /**
   * Returns this key's keyset as Tink JSON, the form {@link #parse} reads and {@code
   * CODEVECTOR_KEK} carries.
   *
   * @return the keyset, as a secret
   */
  public Secret export() {
    try {
      return Secret.of(
          TinkJsonProtoKeysetFormat.serializeKeyset(
              keyset, RegistryConfiguration.get(), InsecureSecretKeyAccess.get()));
    } catch (GeneralSecurityException e) {
      throw new VaultException("cannot export the key-encryption key", e);
    }
  }

  /**
   * Returns a new key-encryption key that holds this key's keys plus a new primary key. Credentials
   * wrapped under this key still open with it; re-wrap them to move them to the new primary.
   *
   * @return the rotated key
   */
  public Kek rotate() {
    try {
      return new Kek(
          KeysetHandle.newBuilder(keyset)
              .addEntry(
                  KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                      .withRandomId()
                      .makePrimary())
              .build());
    } catch (GeneralSecurityException e) {
      throw new VaultException("cannot rotate the key-encryption key", e);
    }
  }

  /**
   * Returns the number of keys in this keyset.
   *
   * @return how many keys it holds, at least 1
   */
  public int size() {
    return keyset.size();
  }

  /**
   * Returns this key as a Tink {@code Aead}, the form {@link EnvelopeCredentialVault#create} takes.
   *
   * @return the AEAD primitive; thread-safe
   */
  public Aead aead() {
    return aead;
  }

  /** Returns the number of keys only; key material never prints. */
  @Override
  public String toString() {
    return "Kek[redacted, keys=" + keyset.size() + "]";
  }
}
