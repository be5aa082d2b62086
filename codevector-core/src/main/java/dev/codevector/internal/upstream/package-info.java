/**
 * Upstream adapters that speak HTTP through one shared OkHttp client: OpenAI and the
 * OpenAI-compatible kinds, Anthropic, and Azure OpenAI.
 */
package dev.codevector.internal.upstream;
