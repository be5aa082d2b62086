/**
 * Envelope encryption of Provider credentials. Each credential is sealed under its own data
 * encryption key (DEK); the DEK is wrapped by the key-encryption key (KEK), a Tink {@code Aead}.
 * {@link dev.codevector.vault.CredentialVault} seals, opens and re-wraps; {@link
 * dev.codevector.vault.EnvelopeCredentialVault#create} makes one from a KEK; {@link
 * dev.codevector.vault.Kek} loads and generates KEK keysets; {@link dev.codevector.vault.Secret}
 * carries plaintext that never prints.
 */
package dev.codevector.vault;
