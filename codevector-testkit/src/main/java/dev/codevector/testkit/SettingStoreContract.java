package dev.codevector.testkit;

import static dev.codevector.testkit.StoreFixtures.awkwardBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.registry.ConcurrentUpdateException;
import dev.codevector.spi.Setting;
import dev.codevector.spi.Store;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract a {@link Store} keeps for its settings: {@link dev.codevector.spi.SettingStore}. A
 * Store implementation proves itself by extending this class and returning a new, empty store from
 * {@link #newStore()}; each test gets its own store and closes it afterwards.
 */
public abstract class SettingStoreContract extends StoreContract {
  /** Creates the contract; a subclass supplies the store. */
  protected SettingStoreContract() {}

  // Settings

  @Test
  void settingRoundTripsByteForByte() {
    byte[] value = awkwardBytes(300);

    Setting stored = settings().putSetting(new Setting("vault.canary", value, 0));

    assertEquals(1, stored.version(), Rule.inserted("putSetting", "a setting"));
    assertArrayEquals(
        value,
        settings().findSetting("vault.canary").orElseThrow().value(),
        "findSetting must return a setting's value byte for byte as put");
    assertEquals(Optional.empty(), settings().findSetting("other"), Rule.missing("findSetting"));
  }

  @Test
  void settingUpdatesAreCompareAndSet() {
    Setting stored = settings().putSetting(new Setting("s", new byte[] {1}, 0));
    Setting updated = settings().putSetting(stored.withValue(new byte[] {2}));

    assertThrows(
        ConcurrentUpdateException.class,
        () -> settings().putSetting(stored.withValue(new byte[] {3})),
        Rule.stale("putSetting"));
    assertThrows(
        AlreadyExistsException.class,
        () -> settings().putSetting(new Setting("s", new byte[] {4}, 0)),
        Rule.duplicate("putSetting", "name (its id) at version 0"));

    assertEquals(
        updated, settings().findSetting("s").orElseThrow(), Rule.writesNothing("putSetting"));
    assertArrayEquals(
        new byte[] {2},
        settings().findSetting("s").orElseThrow().value(),
        Rule.updated("putSetting", "a setting"));
  }

  // Concurrency

  @Test
  void racingSettingUpdatesLoseNoUpdate() {
    settings().putSetting(new Setting("raced", new byte[] {0}, 0));

    Race.compareAndSet(
        "putSetting",
        () -> settings().findSetting("raced").orElseThrow(),
        s -> settings().putSetting(s.withValue(new byte[] {(byte) s.version()})),
        Setting::version);
  }

  @Test
  void racingInsertsOfOneNameStoreOneSetting() {
    Race.uniqueInserts(
        "putSetting",
        "a setting's name",
        round -> {},
        (round, key, writer) ->
            settings().putSetting(new Setting(racedName(round, key), new byte[] {1}, 0)),
        (round, key) -> settings().findSetting(racedName(round, key)).isPresent());
  }

  private static String racedName(int round, int key) {
    return "setting-" + round + "-" + key;
  }
}
