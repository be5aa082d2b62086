package dev.codevector.internal;

import dev.codevector.registry.Provider;
import dev.codevector.vault.Secret;
import java.util.Map;

/**
 * Opens a Provider's sealed credentials for its upstream calls: all the router needs of the vault.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface CredentialOpener {

  /**
   * Opens a Provider's credentials. The caller holds them in memory only, for as long as it keeps
   * that version of the Provider's upstream.
   *
   * @param provider the Provider
   * @return its credentials, by field name
   * @throws dev.codevector.vault.VaultException if a credential cannot be opened
   */
  Map<String, Secret> openCredentials(Provider provider);
}
