package dev.codevector.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A {@link CredentialVault} that seals each credential under its own data-encryption key and wraps
 * that key with a key-encryption key, composed from Tink primitives.
 *
 * <p>Stored format, version 1:
 *
 * <pre>
 *   wrapped key = 0x01 || KEK.encrypt(TinkProtoKeysetFormat.serializeKeyset(DEK), ad("dek"))
 *   ciphertext  = 0x01 || AES-256-GCM(DEK).encrypt(plaintext UTF-8, ad("credential"))
 *   ad(purpose) = writeUTF("codevector/" + purpose + "/v1") || writeUTF(owner) || writeUTF(field)
 * </pre>
 *
 * <p>The DEK is a one-key Tink keyset generated per seal. The associated data binds both parts to
 * the owner and the field, so neither can be moved to another row or field. Both parts after the
 * version byte are AEAD ciphertexts, so changing, dropping or appending any byte fails to open.
 * (The wrapped key is not Tink's {@code EncryptedKeyset} protobuf, whose parser skips appended
 * fields.) Re-wrapping replaces the wrapped key only.
 */
public final class EnvelopeCredentialVault implements CredentialVault {
  static {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static final byte FORMAT_V1 = 1;

  private final Aead kek;

  private EnvelopeCredentialVault(Aead kek) {
    this.kek = Objects.requireNonNull(kek, "kek");
  }

  /**
   * Returns a vault that wraps data-encryption keys with the given key-encryption key.
   *
   * @param kek the key-encryption key, such as {@link Kek#aead()} or a KMS-backed {@code Aead}
   * @return the vault
   */
  public static EnvelopeCredentialVault create(Aead kek) {
    return new EnvelopeCredentialVault(kek);
  }

  @Override
  public SealedCredential seal(String owner, String field, Secret secret, Instant now) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(now, "now");
    try {
      KeysetHandle dek =
          KeysetHandle.generateNew(
              PredefinedAeadParameters.AES256_GCM, RegistryConfiguration.get());
      byte[] ciphertext =
          dek.getPrimitive(RegistryConfiguration.get(), Aead.class)
              .encrypt(
                  secret.reveal().getBytes(StandardCharsets.UTF_8),
                  associatedData("credential", owner, field));
      return new SealedCredential(
          versioned(wrap(dek, kek, owner, field)), versioned(ciphertext), secret.prefix(), now);
    } catch (GeneralSecurityException e) {
      throw new VaultException("cannot seal credential " + field + " of '" + owner + "'", e);
    }
  }

  @Override
  public Secret open(String owner, String field, SealedCredential sealed) {
    Objects.requireNonNull(sealed, "sealed");
    try {
      byte[] plaintext =
          unwrap(owner, field, sealed)
              .getPrimitive(RegistryConfiguration.get(), Aead.class)
              .decrypt(
                  unversioned(sealed.ciphertext()), associatedData("credential", owner, field));
      return Secret.of(new String(plaintext, StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw cannotOpen(owner, field);
    }
  }

  @Override
  public SealedCredential rewrap(String owner, String field, SealedCredential sealed, Aead newKek) {
    Objects.requireNonNull(sealed, "sealed");
    Objects.requireNonNull(newKek, "newKek");
    KeysetHandle dek;
    try {
      dek = unwrap(owner, field, sealed);
    } catch (GeneralSecurityException e) {
      throw cannotOpen(owner, field);
    }
    try {
      return sealed.withWrappedKey(versioned(wrap(dek, newKek, owner, field)));
    } catch (GeneralSecurityException e) {
      throw new VaultException("cannot re-wrap credential " + field + " of '" + owner + "'", e);
    }
  }

  private KeysetHandle unwrap(String owner, String field, SealedCredential sealed)
      throws GeneralSecurityException {
    return TinkProtoKeysetFormat.parseKeyset(
        kek.decrypt(unversioned(sealed.wrappedKey()), associatedData("dek", owner, field)),
        InsecureSecretKeyAccess.get(),
        RegistryConfiguration.get());
  }

  private static byte[] wrap(KeysetHandle dek, Aead kek, String owner, String field)
      throws GeneralSecurityException {
    return kek.encrypt(
        TinkProtoKeysetFormat.serializeKeyset(
            dek, InsecureSecretKeyAccess.get(), RegistryConfiguration.get()),
        associatedData("dek", owner, field));
  }

  private static VaultException cannotOpen(String owner, String field) {
    return new VaultException("cannot open credential " + field + " of '" + owner + "'");
  }

  private static byte[] associatedData(String purpose, String owner, String field) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(field, "field");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF("codevector/" + purpose + "/v1");
      out.writeUTF(owner);
      out.writeUTF(field);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static byte[] versioned(byte[] body) {
    byte[] out = new byte[body.length + 1];
    out[0] = FORMAT_V1;
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }

  private static byte[] unversioned(byte[] stored) throws GeneralSecurityException {
    if (stored.length < 1 || stored[0] != FORMAT_V1) {
      throw new GeneralSecurityException("unknown format");
    }
    return Arrays.copyOfRange(stored, 1, stored.length);
  }
}
