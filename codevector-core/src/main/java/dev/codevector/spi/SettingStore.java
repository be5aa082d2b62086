package dev.codevector.spi;

import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.registry.ConcurrentUpdateException;
import java.util.Optional;

/**
 * The settings a {@link Store} keeps for CodeVector itself, such as the key-encryption key's
 * canary, under the rules of the {@link Store} contract. A setting's name is its id: a setting
 * inserted under a name that is taken is refused with {@link AlreadyExistsException} whose {@code
 * what} is {@code setting}.
 */
public interface SettingStore {

  /**
   * Returns the setting with the given name.
   *
   * @param name the setting's name
   * @return the setting, or empty
   */
  Optional<Setting> findSetting(String name);

  /**
   * Inserts or updates a setting, compare-and-set on its version.
   *
   * @param setting the setting; version 0 inserts
   * @return the setting as stored
   * @throws AlreadyExistsException if a setting of that name exists and {@code setting} is at
   *     version 0
   * @throws ConcurrentUpdateException if the stored version differs or the setting is gone
   */
  Setting putSetting(Setting setting);
}
