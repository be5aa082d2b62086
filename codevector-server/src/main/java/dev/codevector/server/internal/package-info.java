/**
 * Plumbing the proxy and the admin side both use: reading request bodies within the in-flight
 * budget, API keys, request ids, error bodies per dialect, metrics, readiness, draining, the data
 * directory's key and store, and the out-of-memory exit. Not API.
 */
package dev.codevector.server.internal;
