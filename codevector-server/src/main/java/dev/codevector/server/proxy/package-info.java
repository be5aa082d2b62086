/**
 * The proxy side: the endpoints under {@code /v1} that route clients' requests ({@code
 * /chat/completions}, {@code /messages}, {@code /responses}, {@code /embeddings}, {@code /models}),
 * writing answers and streams, noticing clients that leave, and recording usage. Not API.
 */
package dev.codevector.server.proxy;
