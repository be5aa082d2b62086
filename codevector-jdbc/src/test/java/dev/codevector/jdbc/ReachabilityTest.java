package dev.codevector.jdbc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ReachabilityTest {
  @TempDir Path dataDir;

  @Test
  void anOpenDatabaseIsReachable() {
    try (JdbcStore store = JdbcStore.h2(dataDir)) {
      assertTrue(store.isReachable(Duration.ofMillis(300)));
    }
  }

  @Test
  void aDatabaseThatCannotGiveAConnectionIsUnreachableWithoutThrowing() {
    JdbcStore store = JdbcStore.h2(dataDir);
    store.close();

    assertFalse(store.isReachable(Duration.ofSeconds(1)));
  }
}
