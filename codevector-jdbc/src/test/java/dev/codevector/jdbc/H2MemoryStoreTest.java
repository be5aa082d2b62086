package dev.codevector.jdbc;

import dev.codevector.spi.Store;
import dev.codevector.testing.StoreContract;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;

/** The store contract on a fresh in-memory H2 database per test, through a caller's DataSource. */
final class H2MemoryStoreTest extends StoreContract {
  @Override
  protected Store newStore() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return JdbcStore.create(dataSource);
  }
}
