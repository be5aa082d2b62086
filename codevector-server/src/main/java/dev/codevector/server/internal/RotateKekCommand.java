package dev.codevector.server.internal;

import dev.codevector.CodeVector;
import dev.codevector.CodeVectorException;
import dev.codevector.jdbc.JdbcStore;
import dev.codevector.registry.Provider;
import dev.codevector.server.ConfigurationException;
import dev.codevector.server.ServerConfig;
import dev.codevector.vault.CredentialVault;
import dev.codevector.vault.EnvelopeCredentialVault;
import dev.codevector.vault.Kek;
import dev.codevector.vault.SealedCredential;
import dev.codevector.vault.VaultException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code codevector rotate-kek --new-kek-file PATH}: re-wraps every credential's data key under a
 * new key-encryption key, in the database the server's environment names, with the server stopped.
 *
 * <p>The new key is read from {@code PATH}, or generated into it (mode 0600) when there is no such
 * file. The current key and the old key file are left alone: the operator starts the server with
 * {@code CODEVECTOR_KEK_FILE=PATH} afterwards, and destroys the old key once it has. A rotation cut
 * short (a crash, a lost connection) is finished by running the same command again, since a
 * credential already under the new key is re-wrapped by it; once the rotation has completed, the
 * command says so and changes nothing. Before changing anything it checks that every credential
 * opens under the current or the new key, so that a wrong new key file never leaves credentials
 * split between three keys.
 *
 * <p>Errors are one line on standard error and exit status 1 (2 for a malformed command line);
 * neither names key material.
 */
public final class RotateKekCommand {
  /** The command's name on the launcher's command line. */
  public static final String NAME = "rotate-kek";

  private static final String USAGE =
      "usage: codevector rotate-kek --new-kek-file PATH   (the server must be stopped)";

  private RotateKekCommand() {}

  /**
   * Runs the command.
   *
   * @param args the arguments after the command's name
   * @param env the environment, as the server reads it
   * @param out where the result and the next steps are printed
   * @param err where an error is printed, in one line
   * @return the exit status: 0 on success, 1 on an error, 2 on a malformed command line
   */
  public static int run(
      List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    Path newKekFile;
    if (args.size() == 2 && args.get(0).equals("--new-kek-file") && !args.get(1).isBlank()) {
      newKekFile = Path.of(args.get(1));
    } else {
      err.println("codevector: " + USAGE);
      return 2;
    }
    try {
      ServerConfig config = ServerConfig.fromEnvironment(env);
      Kek current = KeyEncryptionKeys.existing(config);
      refuseTheCurrentFile(config, newKekFile);
      KeyEncryptionKeys.Generated next = KeyEncryptionKeys.loadOrGenerate(newKekFile);
      if (next.isNew()) {
        out.println("Generated the new key-encryption key " + newKekFile + " (mode 0600).");
      }
      try (JdbcStore store = Stores.open(config)) {
        out.println(rotate(store, current, next.kek()));
      }
      out.println(
          "Next: start CodeVector with CODEVECTOR_KEK_FILE="
              + newKekFile
              + (config.kek().isPresent() ? " and without CODEVECTOR_KEK" : "")
              + ". Keep the old key and its backups until it has started; then destroy them.");
      return 0;
    } catch (CodeVectorException e) {
      err.println("codevector: " + e.getMessage());
      return 1;
    }
  }

  private static void refuseTheCurrentFile(ServerConfig config, Path newKekFile) {
    if (config.kek().isEmpty() && Files.exists(newKekFile)) {
      try {
        if (Files.isSameFile(config.kekFile(), newKekFile)) {
          throw new ConfigurationException(
              "the new key-encryption key file is the current one, " + config.kekFile());
        }
      } catch (IOException e) {
        throw new ConfigurationException("cannot read " + newKekFile, e);
      }
    }
  }

  private static String rotate(JdbcStore store, Kek current, Kek next) {
    CodeVector codeVector;
    try {
      codeVector = CodeVector.builder().store(store).kek(current.aead()).build();
    } catch (VaultException notTheCurrentKey) {
      try {
        CodeVector.builder().store(store).kek(next.aead()).build().close();
        return "Every credential is already under the new key-encryption key; nothing changed.";
      } catch (VaultException notTheNewKeyEither) {
        throw new ConfigurationException(
            "the key-encryption key does not match the one this database's credentials were"
                + " sealed with; set CODEVECTOR_KEK_FILE or CODEVECTOR_KEK to the current one",
            notTheCurrentKey);
      }
    }
    try (codeVector) {
      checkEveryCredentialOpens(store.registry().providers(), current, next);
      int moved = codeVector.registry().rotateKek(next.aead());
      return "Re-wrapped "
          + moved
          + (moved == 1 ? " credential" : " credentials")
          + " under the new key-encryption key.";
    }
  }

  private static void checkEveryCredentialOpens(List<Provider> providers, Kek current, Kek next) {
    List<CredentialVault> vaults =
        List.of(
            EnvelopeCredentialVault.create(current.aead()),
            EnvelopeCredentialVault.create(next.aead()));
    for (Provider provider : providers) {
      for (Map.Entry<String, SealedCredential> credential : provider.credentials().entrySet()) {
        if (vaults.stream()
            .noneMatch(v -> opens(v, provider, credential.getKey(), credential.getValue()))) {
          throw new ConfigurationException(
              "the credential '"
                  + credential.getKey()
                  + "' of provider '"
                  + provider.name()
                  + "' opens under neither the current nor the new key-encryption key; nothing"
                  + " was changed. To finish a rotation cut short, give the new key file it"
                  + " began with");
        }
      }
    }
  }

  private static boolean opens(
      CredentialVault vault, Provider provider, String field, SealedCredential sealed) {
    try {
      vault.open(provider.id().value(), field, sealed);
      return true;
    } catch (VaultException e) {
      return false;
    }
  }
}
