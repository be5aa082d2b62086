package dev.codevector.routing;

/** What the router does after one attempt; {@link FailoverPolicy} decides it. */
public enum Outcome {
  /** The upstream answered; the answer goes to the client. */
  SUCCESS,
  /** The upstream failed in a way another Backend may not: try the next one. */
  FAILOVER,
  /** The request itself is at fault: the upstream's error goes to the client, no failover. */
  FAIL
}
