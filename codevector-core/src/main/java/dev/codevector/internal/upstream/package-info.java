/**
 * Upstream adapters that speak HTTP through one shared OkHttp client: OpenAI and the
 * OpenAI-compatible kinds, Anthropic, Azure OpenAI, Amazon Bedrock, Cohere, Google's Gemini API and
 * Vertex AI. Adapters of providers with a foreign wire format (Bedrock Converse, Cohere, Gemini)
 * present a dialect CodeVector speaks and convert on the wire.
 */
package dev.codevector.internal.upstream;
