package dev.codevector.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class KekTest {
  private static final String OWNER = "prv_first";
  private static final String FIELD = "apiKey";
  private static final String PLAINTEXT = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789";
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  @TempDir Path dir;

  private final Kek kek = Kek.generate();

  @Test
  void writeNewCreatesAFileOnlyItsOwnerCanReadAndWrite() throws IOException {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path file = dir.resolve("kek.json");

    kek.writeNew(file);

    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
    assertEquals("rw-------", PosixFilePermissions.toString(mode));
  }

  @Test
  void loadReadsBackAKeyThatOpensWhatTheOriginalSealed() {
    Path file = dir.resolve("kek.json");
    kek.writeNew(file);
    SealedCredential sealed = seal(kek);

    Kek loaded = Kek.load(file);

    assertEquals(PLAINTEXT, open(loaded, sealed));
  }

  @Test
  void writeNewRefusesAnExistingFileAndLeavesItAlone() throws IOException {
    Path file = dir.resolve("kek.json");
    Files.writeString(file, "already here", StandardCharsets.UTF_8);

    assertThrows(VaultException.class, () -> kek.writeNew(file));

    assertEquals("already here", Files.readString(file, StandardCharsets.UTF_8));
  }

  @Test
  void parseRefusesTextThatIsNotAKeysetWithoutEchoingIt() {
    String input = "not json";

    VaultException e = assertThrows(VaultException.class, () -> Kek.parse(input));

    assertFalse(e.getMessage().contains(input), e.getMessage());
  }

  @Test
  void parseOfTheExportIsAKeyThatOpensWhatTheOriginalSealed() {
    SealedCredential sealed = seal(kek);

    Kek parsed = Kek.parse(kek.export().reveal());

    assertEquals(PLAINTEXT, open(parsed, sealed));
  }

  @Test
  void rotateAddsOneKey() {
    int before = kek.size();

    Kek rotated = kek.rotate();

    assertEquals(before + 1, rotated.size());
  }

  @Test
  void rotatedKeyStillOpensWhatTheOriginalWrapped() {
    SealedCredential sealed = seal(kek);

    Kek rotated = kek.rotate();

    assertEquals(PLAINTEXT, open(rotated, sealed));
  }

  @Test
  void rotatedKeyWrapsUnderItsNewPrimary() {
    Kek rotated = kek.rotate();

    SealedCredential sealed = seal(rotated);

    assertThrows(VaultException.class, () -> open(kek, sealed));
  }

  @Test
  void toStringShowsOnlyTheNumberOfKeys() {
    Kek rotated = kek.rotate();

    String shown = rotated.toString();

    assertEquals("Kek[redacted, keys=2]", shown);
  }

  private static SealedCredential seal(Kek kek) {
    return EnvelopeCredentialVault.create(kek.aead()).seal(OWNER, FIELD, Secret.of(PLAINTEXT), NOW);
  }

  private static String open(Kek kek, SealedCredential sealed) {
    return EnvelopeCredentialVault.create(kek.aead()).open(OWNER, FIELD, sealed).reveal();
  }
}
