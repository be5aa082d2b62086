/** The adapter of Anthropic's Messages API. */
package dev.codevector.internal.upstream.anthropic;
