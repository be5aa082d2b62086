package dev.codevector.examples.store;

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

/** The store contracts on a journal store over a new file per test. */
final class JournalStoreContractTest {
  @TempDir Path directory;

  private Store newStore() {
    return JournalStore.open(directory.resolve("store.journal"));
  }

  @Nested
  final class Registry extends RegistryStoreContract {
    @Override
    protected Store newStore() {
      return JournalStoreContractTest.this.newStore();
    }
  }

  @Nested
  final class Access extends AccessStoreContract {
    @Override
    protected Store newStore() {
      return JournalStoreContractTest.this.newStore();
    }
  }

  @Nested
  final class Usage extends UsageStoreContract {
    @Override
    protected Store newStore() {
      return JournalStoreContractTest.this.newStore();
    }
  }

  @Nested
  final class Limits extends LimitStoreContract {
    @Override
    protected Store newStore() {
      return JournalStoreContractTest.this.newStore();
    }
  }

  @Nested
  final class Settings extends SettingStoreContract {
    @Override
    protected Store newStore() {
      return JournalStoreContractTest.this.newStore();
    }
  }

  @Nested
  final class Sessions extends SessionStoreContract {
    @Override
    protected Store newStore() {
      return JournalStoreContractTest.this.newStore();
    }
  }

  @Nested
  final class Audit extends AuditStoreContract {
    @Override
    protected Store newStore() {
      return JournalStoreContractTest.this.newStore();
    }
  }
}
