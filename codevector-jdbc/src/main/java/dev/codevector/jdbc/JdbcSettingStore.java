package dev.codevector.jdbc;

import dev.codevector.jdbc.internal.Database;
import dev.codevector.jdbc.internal.SettingTable;
import dev.codevector.spi.Setting;
import dev.codevector.spi.SettingStore;
import java.util.Objects;
import java.util.Optional;

/** The settings of a {@link JdbcStore}, over its tables. */
final class JdbcSettingStore implements SettingStore {
  private final SettingTable settings;

  JdbcSettingStore(Database database) {
    this.settings = new SettingTable(database);
  }

  @Override
  public Optional<Setting> findSetting(String name) {
    return settings.find(Objects.requireNonNull(name, "name"));
  }

  @Override
  public Setting putSetting(Setting setting) {
    return settings.put(Objects.requireNonNull(setting, "setting"));
  }
}
