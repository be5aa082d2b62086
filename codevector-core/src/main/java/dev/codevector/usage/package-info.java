/**
 * Usage and spend: a {@link dev.codevector.usage.UsageRecord} per request (tokens, prices, cost,
 * attempts, latency, the {@link dev.codevector.usage.Client} that sent it and its session), written
 * in the background by the {@link dev.codevector.usage.UsageRecorder}, and totals by Model,
 * Provider, user, day, client or session through a {@link dev.codevector.usage.UsageQuery}. The
 * server records each proxied request; applications that route in-process may do the same.
 */
package dev.codevector.usage;
