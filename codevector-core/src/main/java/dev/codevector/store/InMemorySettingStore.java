package dev.codevector.store;

import dev.codevector.spi.Setting;
import dev.codevector.spi.SettingStore;
import java.util.Objects;
import java.util.Optional;

/** The settings of an {@link InMemoryStore}. */
final class InMemorySettingStore implements SettingStore {
  private final Tables tables;

  InMemorySettingStore(Tables tables) {
    this.tables = tables;
  }

  @Override
  public Optional<Setting> findSetting(String name) {
    return tables.settings.find(name);
  }

  @Override
  public Setting putSetting(Setting setting) {
    return tables.settings.put(Objects.requireNonNull(setting, "setting"), () -> {});
  }
}
