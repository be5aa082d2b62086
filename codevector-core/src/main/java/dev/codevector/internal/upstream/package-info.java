/**
 * Upstream adapters that speak HTTP through one shared OkHttp client: OpenAI and the
 * OpenAI-compatible kinds, Anthropic, Azure OpenAI, and Amazon Bedrock.
 */
package dev.codevector.internal.upstream;
