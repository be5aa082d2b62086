/** The adapters of OpenAI's API and the OpenAI-compatible kinds, and of Azure OpenAI. */
package dev.codevector.internal.upstream.openai;
