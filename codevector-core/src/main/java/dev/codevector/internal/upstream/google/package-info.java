/**
 * The adapters of Google's Gemini API and Vertex AI (Gemini presented as OpenAI Chat, embeddings,
 * and Claude on Vertex AI), with service-account access tokens.
 */
package dev.codevector.internal.upstream.google;
