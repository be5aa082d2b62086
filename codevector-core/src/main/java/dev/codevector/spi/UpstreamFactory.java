package dev.codevector.spi;

import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderKind;
import java.util.Set;

/**
 * Makes {@link Upstream}s for Providers of some kinds. The router asks the first installed factory
 * that supports a Provider's kind, once per version of the Provider.
 *
 * <p>Implementations must be thread-safe.
 */
public interface UpstreamFactory {

  /**
   * Returns the Provider kinds this factory makes upstreams for.
   *
   * @return the kinds
   */
  Set<ProviderKind> kinds();

  /**
   * Makes the upstream for a Provider. The Provider's credentials are not opened here; each call
   * receives them in its {@link UpstreamRequest}.
   *
   * @param provider a Provider of one of {@link #kinds()}
   * @return the upstream
   */
  Upstream create(Provider provider);
}
