/**
 * The standalone CodeVector server: {@link dev.codevector.server.Main} reads its configuration from
 * the environment ({@link dev.codevector.server.ServerConfig}) and runs a {@link
 * dev.codevector.server.CodeVectorServer}, which serves the proxy endpoints under {@code /v1}, the
 * admin API under {@code /admin/api} and health checks.
 */
package dev.codevector.server;
