package dev.codevector.examples.store;

import dev.codevector.spi.Setting;
import dev.codevector.spi.SettingStore;
import java.util.Optional;

/** The settings of a {@link JournalStore}: reads from memory, writes through the journal. */
final class JournalSettingStore implements SettingStore {
  private final SettingStore memory;
  private final Journal journal;

  JournalSettingStore(SettingStore memory, Journal journal) {
    this.memory = memory;
    this.journal = journal;
  }

  @Override
  public Optional<Setting> findSetting(String name) {
    return memory.findSetting(name);
  }

  @Override
  public Setting putSetting(Setting setting) {
    return journal.write(Operation.PUT_SETTING, setting);
  }
}
