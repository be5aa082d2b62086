package dev.codevector.server.internal;

import dev.codevector.server.ConfigurationException;
import dev.codevector.server.ServerConfig;
import dev.codevector.vault.Kek;
import dev.codevector.vault.VaultException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the key-encryption key: inline from {@code CODEVECTOR_KEK}, else from the key file, which
 * is generated (mode 0600) on first start with a warning to back it up.
 */
public final class KeyEncryptionKeys {
  private KeyEncryptionKeys() {}

  /**
   * Returns the key-encryption key, generating the key file if there is neither file nor inline
   * key.
   *
   * @param config the settings
   * @param out where to print the warning about a generated file
   * @return the key
   * @throws ConfigurationException if the key cannot be read or written
   */
  public static Kek load(ServerConfig config, PrintStream out) {
    if (config.kek().isPresent() || Files.exists(config.kekFile())) {
      return existing(config);
    }
    Kek generated = loadOrGenerate(config.kekFile()).kek();
    out.println(
        "Generated the key-encryption key "
            + config.kekFile()
            + " (mode 0600). Back it up: without it, stored provider credentials cannot be opened.");
    return generated;
  }

  /**
   * Returns the key-encryption key the configuration names, inline or in the key file, without
   * generating one.
   *
   * @param config the settings
   * @return the key
   * @throws ConfigurationException if there is no key or it cannot be read
   */
  public static Kek existing(ServerConfig config) {
    try {
      if (config.kek().isPresent()) {
        return Kek.parse(config.kek().get().reveal());
      }
      if (!Files.exists(config.kekFile())) {
        throw new ConfigurationException(
            "there is no key-encryption key " + config.kekFile() + "; set CODEVECTOR_KEK_FILE");
      }
      return Kek.load(config.kekFile());
    } catch (VaultException e) {
      throw new ConfigurationException(
          config.kek().isPresent()
              ? "CODEVECTOR_KEK is not a valid Tink AEAD keyset"
              : e.getMessage(),
          e);
    }
  }

  /**
   * Returns the key in a key file, generating the file (mode 0600) if it does not exist.
   *
   * @param file the key file
   * @return the key, and whether it was generated
   * @throws ConfigurationException if the file cannot be read or written
   */
  public static Generated loadOrGenerate(Path file) {
    try {
      if (Files.exists(file)) {
        return new Generated(Kek.load(file), false);
      }
      PrivateFiles.createDirectories(file.toAbsolutePath().getParent());
      Kek generated = Kek.generate();
      generated.writeNew(file);
      return new Generated(generated, true);
    } catch (VaultException | IOException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
  }

  /**
   * A key read from a file, or generated into it.
   *
   * @param kek the key
   * @param isNew whether the file was written just now
   */
  public record Generated(Kek kek, boolean isNew) {}
}
