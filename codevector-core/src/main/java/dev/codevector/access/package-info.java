/**
 * Access control: {@link dev.codevector.access.User users}, {@link dev.codevector.access.Group
 * groups} of users, {@link dev.codevector.access.Grant grants} of Models to either, and the {@link
 * dev.codevector.access.ApiKey API keys} users authenticate with. The server authenticates every
 * proxied request and checks its grant through {@link dev.codevector.access.Access}; the admin API
 * manages users, groups, grants and keys through it too.
 */
package dev.codevector.access;
