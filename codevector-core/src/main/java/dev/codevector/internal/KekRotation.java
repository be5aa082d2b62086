package dev.codevector.internal;

import com.google.crypto.tink.Aead;
import dev.codevector.registry.Provider;
import dev.codevector.vault.CredentialVault;
import dev.codevector.vault.EnvelopeCredentialVault;
import dev.codevector.vault.SealedCredential;
import dev.codevector.vault.VaultException;

/**
 * Moves sealed credentials from the current key-encryption key to a new one. A credential already
 * wrapped under the new key, left by an earlier rotation that failed part-way, is re-wrapped by the
 * new key instead, so a rotation can simply be run again.
 */
final class KekRotation {
  private final CredentialVault current;
  private final CredentialVault next;
  private final Aead newKek;

  KekRotation(CredentialVault current, Aead newKek) {
    this.current = current;
    this.next = EnvelopeCredentialVault.create(newKek);
    this.newKek = newKek;
  }

  /** The vault on the new key-encryption key, for use once every credential has moved. */
  CredentialVault next() {
    return next;
  }

  SealedCredential rewrap(Provider provider, String field) {
    return rewrap(provider.id().value(), field, provider.credentials().get(field));
  }

  SealedCredential rewrap(String owner, String field, SealedCredential sealed) {
    try {
      return current.rewrap(owner, field, sealed, newKek);
    } catch (VaultException underCurrentKek) {
      try {
        return next.rewrap(owner, field, sealed, newKek);
      } catch (VaultException underNewKek) {
        underCurrentKek.addSuppressed(underNewKek);
        throw underCurrentKek;
      }
    }
  }
}
