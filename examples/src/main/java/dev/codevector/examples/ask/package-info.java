/**
 * The ask service: a small web application that embeds CodeVector in-process, keeps its registry in
 * H2 and answers questions through a published Model.
 */
package dev.codevector.examples.ask;
