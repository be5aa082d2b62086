/**
 * The bundled, versioned catalog of Provider Models per provider kind, from which an operator
 * imports models into a Provider. {@link dev.codevector.catalog.Catalog#bundled()} reads the
 * catalog packaged in core's jar.
 */
package dev.codevector.catalog;
