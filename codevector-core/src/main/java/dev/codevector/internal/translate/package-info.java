/**
 * Translation between client and upstream dialects: requests, whole responses, and streams event by
 * event. Each {@link dev.codevector.internal.translate.Translation} serves one request and holds
 * that request's state.
 */
package dev.codevector.internal.translate;
