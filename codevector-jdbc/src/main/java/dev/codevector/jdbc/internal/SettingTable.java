package dev.codevector.jdbc.internal;

import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.spi.Setting;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Settings in the {@code settings} table, their values as bytes. Thread-safe. */
public final class SettingTable {
  private static final VersionedRow ROW =
      new VersionedRow(
          "setting",
          "INSERT INTO settings (name, setting_value, version) VALUES (:name, :value, :version)",
          "UPDATE settings SET setting_value = :value, version = :version"
              + " WHERE name = :name AND version = :expected");

  private final Database database;

  /**
   * Creates access to the table.
   *
   * @param database the database
   */
  public SettingTable(Database database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  /**
   * Returns the setting with the given name.
   *
   * @param name the name
   * @return the setting, or empty
   */
  public Optional<Setting> find(String name) {
    return database.withHandle(
        "read setting '" + name + "'",
        h ->
            h.createQuery("SELECT name, setting_value, version FROM settings WHERE name = :name")
                .bind("name", name)
                .map(
                    (rs, context) ->
                        new Setting(
                            rs.getString("name"),
                            rs.getBytes("setting_value"),
                            rs.getLong("version")))
                .findOne());
  }

  /**
   * Inserts a setting at version 0, or updates it compare-and-set on its version.
   *
   * @param setting the setting
   * @return the setting as stored
   */
  public Setting put(Setting setting) {
    Setting stored = new Setting(setting.name(), setting.value(), setting.version() + 1);
    return database.inTransaction(
        "store setting '" + setting.name() + "'",
        h -> {
          ROW.write(
              h,
              setting.name(),
              setting.version(),
              update ->
                  update
                      .bind("name", stored.name())
                      .bind("value", stored.value())
                      .bind("version", stored.version()),
              Map.of(
                  Constraint.PK_SETTINGS,
                  () -> new AlreadyExistsException("setting", setting.name())));
          return stored;
        });
  }
}
