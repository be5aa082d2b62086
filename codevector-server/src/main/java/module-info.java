/**
 * The standalone CodeVector server: {@link dev.codevector.server.Main} and {@link
 * dev.codevector.server.CodeVectorServer} serve the proxy endpoints under {@code /v1}, the admin
 * API and console under {@code /admin} and health checks on Javalin. The proxy side ({@code
 * dev.codevector.server.proxy}), the admin side ({@code dev.codevector.server.admin}) and their
 * shared plumbing ({@code dev.codevector.server.internal}) are not exported. The console's static
 * files are opened, as Javalin serves them through the class loader.
 *
 * <p>Javalin's module does not export the package of its {@code java.lang.Error} handler, which the
 * server sets: on the module path, run with {@code --add-exports
 * io.javalin/io.javalin.router.exception=dev.codevector.server}.
 */
module dev.codevector.server {
  requires transitive dev.codevector.core;
  requires com.fasterxml.jackson.databind;
  requires com.github.benmanes.caffeine;
  requires dev.codevector.jdbc;
  requires io.javalin;
  requires io.prometheus.metrics.core;
  requires io.prometheus.metrics.instrumentation.jvm;
  requires io.prometheus.metrics.model;
  requires io.prometheus.writer.text;
  requires jakarta.servlet;
  requires org.eclipse.jetty.ee10.servlet;
  requires org.eclipse.jetty.http;
  requires org.eclipse.jetty.io;
  requires org.eclipse.jetty.server;
  requires org.eclipse.jetty.util;
  requires software.amazon.eventstream;

  exports dev.codevector.server;

  opens dev.codevector.server.console;
}
