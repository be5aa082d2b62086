package dev.codevector.jdbc;

import dev.codevector.spi.Store;
import dev.codevector.testing.StoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on an H2 file database in a fresh data directory per test. */
final class H2FileStoreTest extends StoreContract {
  @TempDir Path dataDir;

  @Override
  protected Store newStore() {
    return JdbcStore.h2(dataDir);
  }
}
