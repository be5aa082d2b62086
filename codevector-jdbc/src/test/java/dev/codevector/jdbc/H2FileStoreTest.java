package dev.codevector.jdbc;

import dev.codevector.spi.Store;
import dev.codevector.testkit.AccessStoreContract;
import dev.codevector.testkit.AuditStoreContract;
import dev.codevector.testkit.LimitStoreContract;
import dev.codevector.testkit.RegistryStoreContract;
import dev.codevector.testkit.SessionStoreContract;
import dev.codevector.testkit.SettingStoreContract;
import dev.codevector.testkit.UsageStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The store contracts on an H2 file database in a fresh data directory per test. */
final class H2FileStoreTest {
  @Nested
  final class Registry extends RegistryStoreContract {
    @TempDir Path dataDir;

    @Override
    protected Store newStore() {
      return JdbcStore.h2(dataDir);
    }
  }

  @Nested
  final class Access extends AccessStoreContract {
    @TempDir Path dataDir;

    @Override
    protected Store newStore() {
      return JdbcStore.h2(dataDir);
    }
  }

  @Nested
  final class Usage extends UsageStoreContract {
    @TempDir Path dataDir;

    @Override
    protected Store newStore() {
      return JdbcStore.h2(dataDir);
    }
  }

  @Nested
  final class Limits extends LimitStoreContract {
    @TempDir Path dataDir;

    @Override
    protected Store newStore() {
      return JdbcStore.h2(dataDir);
    }
  }

  @Nested
  final class Settings extends SettingStoreContract {
    @TempDir Path dataDir;

    @Override
    protected Store newStore() {
      return JdbcStore.h2(dataDir);
    }
  }

  @Nested
  final class Sessions extends SessionStoreContract {
    @TempDir Path dataDir;

    @Override
    protected Store newStore() {
      return JdbcStore.h2(dataDir);
    }
  }

  @Nested
  final class Audit extends AuditStoreContract {
    @TempDir Path dataDir;

    @Override
    protected Store newStore() {
      return JdbcStore.h2(dataDir);
    }
  }
}
