package dev.codevector.server.internal;

import dev.codevector.server.ConfigurationException;
import dev.codevector.server.ServerConfig;
import dev.codevector.vault.Kek;
import dev.codevector.vault.VaultException;
import java.io.PrintStream;
import java.nio.file.Files;

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
    try {
      if (config.kek().isPresent()) {
        return Kek.parse(config.kek().get().reveal());
      }
      if (Files.exists(config.kekFile())) {
        return Kek.load(config.kekFile());
      }
      PrivateFiles.createDirectories(config.kekFile().toAbsolutePath().getParent());
      Kek generated = Kek.generate();
      generated.writeNew(config.kekFile());
      out.println(
          "Generated the key-encryption key "
              + config.kekFile()
              + " (mode 0600). Back it up: without it, stored provider credentials cannot be opened.");
      return generated;
    } catch (VaultException | java.io.IOException e) {
      throw new ConfigurationException(
          config.kek().isPresent()
              ? "CODEVECTOR_KEK is not a valid Tink AEAD keyset"
              : e.getMessage(),
          e);
    }
  }
}
