package dev.codevector.jdbc;

import dev.codevector.spi.Store;
import dev.codevector.testkit.AccessStoreContract;
import dev.codevector.testkit.AuditStoreContract;
import dev.codevector.testkit.LimitStoreContract;
import dev.codevector.testkit.RegistryStoreContract;
import dev.codevector.testkit.SessionStoreContract;
import dev.codevector.testkit.SettingStoreContract;
import dev.codevector.testkit.UsageStoreContract;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Nested;

/** The store contracts on a fresh in-memory H2 database per test, through a caller's DataSource. */
final class H2MemoryStoreTest {
  private static Store newStore() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return JdbcStore.create(dataSource);
  }

  @Nested
  final class Registry extends RegistryStoreContract {
    @Override
    protected Store newStore() {
      return H2MemoryStoreTest.newStore();
    }
  }

  @Nested
  final class Access extends AccessStoreContract {
    @Override
    protected Store newStore() {
      return H2MemoryStoreTest.newStore();
    }
  }

  @Nested
  final class Usage extends UsageStoreContract {
    @Override
    protected Store newStore() {
      return H2MemoryStoreTest.newStore();
    }
  }

  @Nested
  final class Limits extends LimitStoreContract {
    @Override
    protected Store newStore() {
      return H2MemoryStoreTest.newStore();
    }
  }

  @Nested
  final class Settings extends SettingStoreContract {
    @Override
    protected Store newStore() {
      return H2MemoryStoreTest.newStore();
    }
  }

  @Nested
  final class Sessions extends SessionStoreContract {
    @Override
    protected Store newStore() {
      return H2MemoryStoreTest.newStore();
    }
  }

  @Nested
  final class Audit extends AuditStoreContract {
    @Override
    protected Store newStore() {
      return H2MemoryStoreTest.newStore();
    }
  }
}
