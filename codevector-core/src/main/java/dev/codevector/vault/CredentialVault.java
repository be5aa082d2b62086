package dev.codevector.vault;

import com.google.crypto.tink.Aead;
import java.time.Instant;

/**
 * Seals and opens credentials with envelope encryption.
 *
 * <p>Each sealed credential has its own data-encryption key (DEK). The DEK encrypts the credential;
 * the key-encryption key (KEK) wraps the DEK. Both the wrapped DEK and the ciphertext are bound, as
 * associated data, to the owner's id and the credential's field name, so a ciphertext or a wrapped
 * key copied to another owner or field fails to open. Rotating the KEK re-wraps DEKs only ({@link
 * #rewrap}); ciphertexts are never touched.
 *
 * <p>{@link EnvelopeCredentialVault#create} returns the vault this describes. Implementations are
 * thread-safe.
 */
public interface CredentialVault {

  /**
   * Seals a credential under a fresh data-encryption key. Two seals of the same secret differ.
   *
   * @param owner the id of the object that owns the credential, such as a Provider's id
   * @param field the credential's field name, such as {@code apiKey}
   * @param secret the plaintext credential
   * @param now the time the credential is set
   * @return the sealed credential
   * @throws VaultException if sealing fails
   */
  SealedCredential seal(String owner, String field, Secret secret, Instant now);

  /**
   * Opens a sealed credential. Call it only to make an upstream call.
   *
   * @param owner the id of the object the credential was sealed for
   * @param field the field name it was sealed for
   * @param sealed the sealed credential
   * @return the plaintext
   * @throws VaultException if the key-encryption key is wrong, the credential was sealed for
   *     another owner or field, or any byte was changed
   */
  Secret open(String owner, String field, SealedCredential sealed);

  /**
   * Re-wraps a sealed credential's data-encryption key under another key-encryption key. The
   * ciphertext, prefix and time are unchanged.
   *
   * @param owner the id of the object the credential was sealed for
   * @param field the field name it was sealed for
   * @param sealed the sealed credential, wrapped under this vault's key-encryption key
   * @param newKek the key-encryption key to wrap the data-encryption key under
   * @return the re-wrapped credential
   * @throws VaultException if this vault cannot unwrap the data-encryption key
   */
  SealedCredential rewrap(String owner, String field, SealedCredential sealed, Aead newKek);
}
