/**
 * Budgets and rate limits: {@link dev.codevector.limits.Limit limits} on the requests, tokens and
 * spend of a key, a user, a group or everyone, for one Model or every Model, enforced before each
 * request through an {@link dev.codevector.limits.Admission} and managed through {@link
 * dev.codevector.limits.Limits}.
 */
package dev.codevector.limits;
