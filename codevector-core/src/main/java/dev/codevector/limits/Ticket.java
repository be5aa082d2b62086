package dev.codevector.limits;

import java.math.BigDecimal;

/**
 * What an admitted request holds of its limits until it ends: its reservations. The router ends
 * every ticket it was given exactly once, on every path: {@link #settle} with what the request used
 * once its usage is known, or {@link #release} when it failed, was refused or was cancelled before
 * an answer. Calls after the first do nothing. Implementations are thread-safe.
 */
public interface Ticket {
  /** The ticket of a request no limit applies to: nothing reserved, nothing to give back. */
  Ticket UNLIMITED =
      new Ticket() {
        @Override
        public Room room() {
          return Room.UNLIMITED;
        }

        @Override
        public void settle(long tokens, BigDecimal cost) {}

        @Override
        public void release() {}
      };

  /**
   * Returns the room the limits left when the request was admitted.
   *
   * @return the room per cap
   */
  Room room();

  /**
   * Ends the reservations with what the request really used: one request, its tokens and its cost
   * are counted in the windows the reservations were made in.
   *
   * @param tokens the tokens used, input and output together
   * @param cost what the request cost, in US dollars
   */
  void settle(long tokens, BigDecimal cost);

  /** Ends the reservations counting nothing: the request failed or never reached an upstream. */
  void release();
}
