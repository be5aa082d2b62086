/** The adapter of Cohere's v2 API, presented as OpenAI Chat and Embeddings. */
package dev.codevector.internal.upstream.cohere;
