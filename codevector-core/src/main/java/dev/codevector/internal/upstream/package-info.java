/**
 * Upstream adapters that speak HTTP through one shared OkHttp client: OpenAI and the
 * OpenAI-compatible kinds, Anthropic, Azure OpenAI, Amazon Bedrock, and Cohere (whose own API the
 * adapter converts to and from OpenAI's).
 */
package dev.codevector.internal.upstream;
