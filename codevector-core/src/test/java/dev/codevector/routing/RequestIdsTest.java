package dev.codevector.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class RequestIdsTest {

  @Test
  void anIdIsThePrefixTheMillisecondAndEightyRandomBitsInHex() {
    String id = RequestIds.next(Instant.ofEpochMilli(0x0123_4567_89abL));

    assertTrue(id.matches("req_0123456789ab[0-9a-f]{20}"), id);
  }

  @Test
  void idsOfALaterMillisecondSortLater() {
    String earlier = RequestIds.next(Instant.ofEpochMilli(1_700_000_000_000L));
    String later = RequestIds.next(Instant.ofEpochMilli(1_700_000_000_001L));

    assertTrue(earlier.compareTo(later) < 0, earlier + " vs " + later);
  }

  @Test
  void idsOfTheSameMillisecondDiffer() {
    Instant now = Instant.ofEpochMilli(1_700_000_000_000L);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      ids.add(RequestIds.next(now));
    }

    assertEquals(100_000, ids.size());
  }
}
