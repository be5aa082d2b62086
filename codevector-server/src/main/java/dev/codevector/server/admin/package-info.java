/**
 * The admin side: the admin API under {@code /admin/api} (Providers, Models, access, usage), the
 * console under {@code /admin}, and what guards them (the admin token, console sessions, the login
 * throttle). Not API.
 */
package dev.codevector.server.admin;
