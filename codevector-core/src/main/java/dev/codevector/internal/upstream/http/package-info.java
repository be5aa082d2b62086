/**
 * What every HTTP adapter shares: posting JSON, per-Provider timeouts, the bound on an answer's
 * size, answers converted on the wire, and connection set-up.
 */
package dev.codevector.internal.upstream.http;
