/**
 * The registry: {@link dev.codevector.registry.Provider Providers} (upstream accounts), their
 * {@link dev.codevector.registry.ProviderModel Provider Models}, the {@link
 * dev.codevector.registry.Model Model} facades clients ask for by slug, and the {@link
 * dev.codevector.registry.Backend Backends} that wire a Model to Provider Models.
 *
 * <p>Applications and the server change the registry only through {@link
 * dev.codevector.registry.Registry}, which enforces every rule: the Model lifecycle, kinds that
 * must match, cascades, uniqueness, and write-only credentials.
 */
package dev.codevector.registry;
