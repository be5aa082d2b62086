/**
 * Upstream adapters that speak HTTP through one shared OkHttp client, one sub-package per provider
 * family: {@code openai} (OpenAI, the OpenAI-compatible kinds, Azure OpenAI), {@code anthropic},
 * {@code bedrock} (Claude through InvokeModel, other models through Converse), {@code cohere},
 * {@code google} (Gemini API, Vertex AI, Claude on Vertex AI); {@code http} holds what they share
 * (posting, timeouts, answer limits, converted answers). {@link
 * dev.codevector.internal.upstream.HttpUpstreams} makes the adapter of a Provider's kind. Adapters
 * of providers with a foreign wire format (Converse, Cohere, Gemini) present the dialect nearest to
 * it and convert on the wire.
 */
package dev.codevector.internal.upstream;
