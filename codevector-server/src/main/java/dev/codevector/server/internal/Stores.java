package dev.codevector.server.internal;

import dev.codevector.jdbc.JdbcStore;
import dev.codevector.server.ConfigurationException;
import dev.codevector.server.ServerConfig;
import dev.codevector.spi.StoreException;
import dev.codevector.vault.Secret;
import java.io.IOException;

/**
 * Opens the store the configuration names: PostgreSQL by URL, else H2 in the data dir, which is
 * created with mode 0700 and whose database files are set to mode 0600.
 */
public final class Stores {
  private Stores() {}

  /**
   * Opens the store, migrating its schema.
   *
   * @param config the settings
   * @return the store; the caller closes it
   * @throws ConfigurationException if the database cannot be reached or migrated
   */
  public static JdbcStore open(ServerConfig config) {
    try {
      if (config.dbUrl().isPresent()) {
        return JdbcStore.create(
            config.dbUrl().get(),
            config.dbUser().orElse(null),
            config.dbPassword().map(Secret::reveal).orElse(null));
      }
      PrivateFiles.createDirectories(config.dataDir());
      JdbcStore store = JdbcStore.h2(config.dataDir());
      try {
        PrivateFiles.restrict(config.dataDir(), "codevector.*");
      } catch (IOException e) {
        store.close();
        throw new ConfigurationException(
            "cannot set the database files in " + config.dataDir() + " to mode 0600", e);
      }
      return store;
    } catch (StoreException e) {
      throw new ConfigurationException(
          "cannot open the database"
              + config
                  .dbUrl()
                  .map(url -> " at " + url.split("[?;]")[0])
                  .orElse(" in " + config.dataDir())
              + ": "
              + rootMessage(e),
          e);
    } catch (IOException e) {
      throw new ConfigurationException("cannot create the data directory " + config.dataDir(), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
