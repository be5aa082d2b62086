package dev.codevector.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named, versioned value a {@link Store} keeps for CodeVector itself, such as the key-encryption
 * key's canary. The byte array is copied in and out; instances are immutable.
 *
 * @param name the setting's name, unique
 * @param value the setting's bytes
 * @param version the stored version, for compare-and-set updates; 0 before it is first stored
 */
public record Setting(String name, byte[] value, long version) {

  /** Copies the value and checks the fields. */
  public Setting {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("blank setting name");
    }
    value = Objects.requireNonNull(value, "value").clone();
    if (version < 0) {
      throw new IllegalArgumentException("negative version " + version);
    }
  }

  /**
   * Returns a copy of the setting's bytes.
   *
   * @return the value
   */
  @Override
  public byte[] value() {
    return value.clone();
  }

  /**
   * Returns a copy holding another value, at the same version, ready to be put.
   *
   * @param newValue the new bytes
   * @return the changed copy
   */
  public Setting withValue(byte[] newValue) {
    return new Setting(name, newValue, version);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Setting
        && name.equals(((Setting) other).name)
        && Arrays.equals(value, ((Setting) other).value)
        && version == ((Setting) other).version;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, Arrays.hashCode(value), version);
  }

  @Override
  public String toString() {
    return "Setting[name=" + name + ", version=" + version + ", " + value.length + " bytes]";
  }
}
