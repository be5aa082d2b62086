package dev.codevector.testkit;

/**
 * The rules of the {@link dev.codevector.spi.Store} contract that every concern keeps, worded as
 * the messages of the assertions that check them, so that a failing contract says which rule its
 * store broke and how to keep it.
 */
final class Rule {
  private Rule() {}

  /**
   * A put at version 0 stores the object at version 1 and returns it as stored.
   *
   * @param put the put, such as {@code putModel}
   * @param kind what it stores, such as {@code a Model}
   * @return the rule
   */
  static String inserted(String put, String kind) {
    return put
        + " must store "
        + kind
        + " at version 1 when its expected version is 0 (new), and return it as stored";
  }

  /**
   * A put at version n replaces the stored object at version n and stores it at n + 1.
   *
   * @param put the put, such as {@code putModel}
   * @param kind what it stores, such as {@code a Model}
   * @return the rule
   */
  static String updated(String put, String kind) {
    return put
        + " must replace "
        + kind
        + " stored at the version it names and store it at the next version, returning it as"
        + " stored";
  }

  /**
   * A find returns what was put, every field equal.
   *
   * @param find the find, such as {@code findModel}
   * @param kind what it finds, such as {@code a Model}
   * @return the rule
   */
  static String roundTrips(String find, String kind) {
    return find
        + " must return "
        + kind
        + " exactly as put, every field equal (values round-trip exactly: bytes byte for byte,"
        + " decimals as decimals, timestamps to the microsecond)";
  }

  /**
   * A find of a missing object is empty.
   *
   * @param find the find, such as {@code findModel}
   * @return the rule
   */
  static String missing(String find) {
    return find + " must return Optional.empty() for a missing object, not throw";
  }

  /**
   * A list holds every stored object of its kind.
   *
   * @param list the list, such as {@code models()}
   * @return the rule
   */
  static String lists(String list) {
    return list + " must return every stored object of its kind, and no other";
  }

  /**
   * A put from a version that is not the stored one is refused.
   *
   * @param put the put, such as {@code putModel}
   * @return the rule
   */
  static String stale(String put) {
    return put
        + " is compare-and-set on the version: a put whose version is not the stored one, or of"
        + " an object that no longer exists, must throw ConcurrentUpdateException";
  }

  /**
   * An insert of an object whose id or unique key is taken is refused.
   *
   * @param put the put, such as {@code putModel}
   * @param key what is unique, such as {@code slug}
   * @return the rule
   */
  static String duplicate(String put, String key) {
    return put + " must refuse an object whose " + key + " is taken with AlreadyExistsException";
  }

  /**
   * A refused put leaves the store as it was.
   *
   * @param put the put, such as {@code putModel}
   * @return the rule
   */
  static String writesNothing(String put) {
    return put + " that is refused must write nothing: every write is whole or not at all";
  }

  /**
   * A put naming an object that does not exist is refused with that object's not-found exception.
   *
   * @param put the put, such as {@code putGrant}
   * @param missing what must exist, such as {@code its Model}
   * @return the rule
   */
  static String reference(String put, String missing) {
    return put
        + " must refuse an object when "
        + missing
        + " does not exist, with its not-found"
        + " exception";
  }

  /**
   * A delete tells whether the object existed.
   *
   * @param delete the delete, such as {@code deleteModel}
   * @return the rule
   */
  static String deletes(String delete) {
    return delete + " must return true if the object existed, and false once it is gone";
  }
}
