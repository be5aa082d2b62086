/**
 * The adapter of Amazon Bedrock: Claude through InvokeModel, other models through Converse mapped
 * onto Anthropic Messages, embeddings; SigV4 or API-key authentication and the event-stream
 * framing.
 */
package dev.codevector.internal.upstream.bedrock;
