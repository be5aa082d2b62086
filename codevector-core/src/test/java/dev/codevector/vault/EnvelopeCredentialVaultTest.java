package dev.codevector.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.crypto.tink.Aead;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class EnvelopeCredentialVaultTest {
  private static final String OWNER = "prv_first";
  private static final String OTHER_OWNER = "prv_second";
  private static final String FIELD = "apiKey";
  private static final String OTHER_FIELD = "secretAccessKey";
  private static final String PLAINTEXT = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789";
  private static final String OTHER_PLAINTEXT = "sk-proj-9876543210zyxwvutsrqponmlkjihgfedcba";
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  /** Protobuf field 3 with length 0: a parser that skips unknown fields accepts it. */
  private static final byte[] EMPTY_PROTOBUF_FIELD = {0x1a, 0x00};

  private static final Pattern KEY_VALUE = Pattern.compile("\"value\"\\s*:\\s*\"([^\"]+)\"");

  private final Kek kek = Kek.generate();
  private final Kek newKek = Kek.generate();
  private final CredentialVault vault = EnvelopeCredentialVault.create(kek.aead());
  private final SealedCredential sealed = seal(OWNER, PLAINTEXT);
  private final SealedCredential otherProviders = seal(OTHER_OWNER, OTHER_PLAINTEXT);
  private final CredentialVault careless =
      EnvelopeCredentialVault.create(new IgnoringAssociatedData(kek.aead()));

  @Test
  void sealThenOpenReturnsTheSecret() {
    Secret opened = vault.open(OWNER, FIELD, sealed);

    assertEquals(PLAINTEXT, opened.reveal());
  }

  @Test
  void sealKeepsThePrefixAndTheTime() {
    String prefix = sealed.prefix();

    assertEquals("sk-proj-", prefix);
    assertEquals(NOW, sealed.updatedAt());
  }

  @Test
  void openAsAnotherOwnerFails() {
    assertThrows(VaultException.class, () -> vault.open(OTHER_OWNER, FIELD, sealed));
  }

  @Test
  void openAsAnotherFieldFails() {
    assertThrows(VaultException.class, () -> vault.open(OWNER, OTHER_FIELD, sealed));
  }

  @Test
  void ciphertextIsBoundToItsOwnerEvenWhenTheKekIgnoresAssociatedData() {
    SealedCredential carelesslySealed = careless.seal(OWNER, FIELD, Secret.of(PLAINTEXT), NOW);

    assertThrows(VaultException.class, () -> careless.open(OTHER_OWNER, FIELD, carelesslySealed));
  }

  @Test
  void ciphertextIsBoundToItsFieldEvenWhenTheKekIgnoresAssociatedData() {
    SealedCredential carelesslySealed = careless.seal(OWNER, FIELD, Secret.of(PLAINTEXT), NOW);

    assertThrows(VaultException.class, () -> careless.open(OWNER, OTHER_FIELD, carelesslySealed));
  }

  @Test
  void firstProviderWithTheSecondProvidersCiphertextFailsToOpen() {
    SealedCredential swapped = withCiphertext(sealed, otherProviders.ciphertext());

    assertThrows(VaultException.class, () -> vault.open(OWNER, FIELD, swapped));
  }

  @Test
  void secondProviderWithTheFirstProvidersCiphertextFailsToOpen() {
    SealedCredential swapped = withCiphertext(otherProviders, sealed.ciphertext());

    assertThrows(VaultException.class, () -> vault.open(OTHER_OWNER, FIELD, swapped));
  }

  @Test
  void wrappedKeyMovedToAnotherProviderFailsToOpen() {
    SealedCredential moved = sealed.withWrappedKey(otherProviders.wrappedKey());

    assertThrows(VaultException.class, () -> vault.open(OWNER, FIELD, moved));
  }

  @Test
  void wholeSealedCredentialOfAnotherProviderFailsToOpen() {
    assertThrows(VaultException.class, () -> vault.open(OWNER, FIELD, otherProviders));
  }

  @ParameterizedTest
  @EnumSource(Position.class)
  void oneFlippedByteInTheCiphertextFailsToOpen(Position position) {
    SealedCredential tampered = withCiphertext(sealed, flipped(sealed.ciphertext(), position));

    assertThrows(VaultException.class, () -> vault.open(OWNER, FIELD, tampered));
  }

  @ParameterizedTest
  @EnumSource(Position.class)
  void oneFlippedByteInTheWrappedKeyFailsToOpen(Position position) {
    SealedCredential tampered = sealed.withWrappedKey(flipped(sealed.wrappedKey(), position));

    assertThrows(VaultException.class, () -> vault.open(OWNER, FIELD, tampered));
  }

  @Test
  void everySingleFlippedBitOfTheCiphertextFailsToOpen() {
    List<String> opened =
        flipsThatStillOpen(sealed.ciphertext(), ciphertext -> withCiphertext(sealed, ciphertext));

    assertEquals(List.of(), opened, "byte:bit positions that still opened after a bit flip");
  }

  @Test
  void everySingleFlippedBitOfTheWrappedKeyFailsToOpen() {
    List<String> opened = flipsThatStillOpen(sealed.wrappedKey(), sealed::withWrappedKey);

    assertEquals(List.of(), opened, "byte:bit positions that still opened after a bit flip");
  }

  @Test
  void ciphertextWithBytesAppendedFailsToOpen() {
    SealedCredential tampered =
        withCiphertext(sealed, appended(sealed.ciphertext(), EMPTY_PROTOBUF_FIELD));

    assertThrows(VaultException.class, () -> vault.open(OWNER, FIELD, tampered));
  }

  @Test
  void wrappedKeyWithAnEmptyProtobufFieldAppendedFailsToOpen() {
    SealedCredential tampered =
        sealed.withWrappedKey(appended(sealed.wrappedKey(), EMPTY_PROTOBUF_FIELD));

    assertThrows(VaultException.class, () -> vault.open(OWNER, FIELD, tampered));
  }

  @Test
  void twoSealsOfTheSameSecretHaveDifferentCiphertexts() {
    SealedCredential again = seal(OWNER, PLAINTEXT);

    assertFalse(Arrays.equals(sealed.ciphertext(), again.ciphertext()));
  }

  @Test
  void twoSealsOfTheSameSecretHaveDifferentWrappedKeys() {
    SealedCredential again = seal(OWNER, PLAINTEXT);

    assertFalse(Arrays.equals(sealed.wrappedKey(), again.wrappedKey()));
  }

  @Test
  void twoSealsOfTheSameSecretBothOpen() {
    SealedCredential again = seal(OWNER, PLAINTEXT);

    List<String> opened =
        List.of(
            vault.open(OWNER, FIELD, sealed).reveal(), vault.open(OWNER, FIELD, again).reveal());

    assertEquals(List.of(PLAINTEXT, PLAINTEXT), opened);
  }

  @Test
  void rewrapLeavesTheCiphertextUnchanged() {
    SealedCredential rewrapped = vault.rewrap(OWNER, FIELD, sealed, newKek.aead());

    assertArrayEquals(sealed.ciphertext(), rewrapped.ciphertext());
  }

  @Test
  void rewrapReplacesTheWrappedKey() {
    SealedCredential rewrapped = vault.rewrap(OWNER, FIELD, sealed, newKek.aead());

    assertFalse(Arrays.equals(sealed.wrappedKey(), rewrapped.wrappedKey()));
  }

  @Test
  void rewrapKeepsThePrefixAndTheTime() {
    SealedCredential rewrapped = vault.rewrap(OWNER, FIELD, sealed, newKek.aead());

    assertEquals(sealed.prefix(), rewrapped.prefix());
    assertEquals(sealed.updatedAt(), rewrapped.updatedAt());
  }

  @Test
  void rewrappedCredentialOpensUnderTheNewKek() {
    SealedCredential rewrapped = vault.rewrap(OWNER, FIELD, sealed, newKek.aead());

    Secret opened = EnvelopeCredentialVault.create(newKek.aead()).open(OWNER, FIELD, rewrapped);
    assertEquals(PLAINTEXT, opened.reveal());
  }

  @Test
  void rewrappedCredentialNoLongerOpensUnderTheOldKek() {
    SealedCredential rewrapped = vault.rewrap(OWNER, FIELD, sealed, newKek.aead());

    assertThrows(VaultException.class, () -> vault.open(OWNER, FIELD, rewrapped));
  }

  @Test
  void rewrapByAVaultOnAnotherKekFails() {
    CredentialVault stranger = EnvelopeCredentialVault.create(newKek.aead());

    assertThrows(VaultException.class, () -> stranger.rewrap(OWNER, FIELD, sealed, newKek.aead()));
  }

  @Test
  void vaultOnAnotherKekCannotOpen() {
    CredentialVault stranger = EnvelopeCredentialVault.create(newKek.aead());

    assertThrows(VaultException.class, () -> stranger.open(OWNER, FIELD, sealed));
  }

  @Test
  void failureOnAnotherKekShowsNeitherThePlaintextNorKeyMaterial() {
    CredentialVault stranger = EnvelopeCredentialVault.create(newKek.aead());

    VaultException e =
        assertThrows(VaultException.class, () -> stranger.open(OWNER, FIELD, sealed));

    List<String> secrets = new ArrayList<>(List.of(PLAINTEXT));
    secrets.addAll(keyMaterial(kek));
    secrets.addAll(keyMaterial(newKek));
    secrets.add(Base64.getEncoder().encodeToString(sealed.wrappedKey()));
    secrets.add(Base64.getEncoder().encodeToString(sealed.ciphertext()));
    assertShowsNone(e, secrets);
  }

  @Test
  void failureOnATamperedCiphertextDoesNotShowThePlaintext() {
    SealedCredential tampered =
        withCiphertext(sealed, flipped(sealed.ciphertext(), Position.MIDDLE));

    VaultException e = assertThrows(VaultException.class, () -> vault.open(OWNER, FIELD, tampered));

    assertShowsNone(e, List.of(PLAINTEXT));
  }

  @Test
  void failureAsAnotherOwnerDoesNotShowThePlaintext() {
    VaultException e =
        assertThrows(VaultException.class, () -> vault.open(OTHER_OWNER, FIELD, sealed));

    assertShowsNone(e, List.of(PLAINTEXT));
  }

  /** Where in a byte array a test flips a bit. */
  enum Position {
    FIRST,
    MIDDLE,
    LAST;

    int index(byte[] bytes) {
      return switch (this) {
        case FIRST -> 0;
        case MIDDLE -> bytes.length / 2;
        case LAST -> bytes.length - 1;
      };
    }
  }

  private SealedCredential seal(String owner, String plaintext) {
    return vault.seal(owner, FIELD, Secret.of(plaintext), NOW);
  }

  /** Flips each bit of {@code bytes} in turn and names, as byte:bit, the flips that opened. */
  private List<String> flipsThatStillOpen(
      byte[] bytes, Function<byte[], SealedCredential> withFlipped) {
    List<String> opened = new ArrayList<>();
    for (int i = 0; i < bytes.length; i++) {
      for (int bit = 0; bit < Byte.SIZE; bit++) {
        try {
          vault.open(OWNER, FIELD, withFlipped.apply(flipped(bytes, i, bit)));
          opened.add(i + ":" + bit);
        } catch (VaultException expected) {
          // The flip was caught, as it should be.
        }
      }
    }
    return opened;
  }

  private static SealedCredential withCiphertext(SealedCredential sealed, byte[] ciphertext) {
    return new SealedCredential(
        sealed.wrappedKey(), ciphertext, sealed.prefix(), sealed.updatedAt());
  }

  private static byte[] flipped(byte[] bytes, Position position) {
    return flipped(bytes, position.index(bytes), 0);
  }

  private static byte[] flipped(byte[] bytes, int index, int bit) {
    byte[] copy = bytes.clone();
    copy[index] ^= (byte) (1 << bit);
    return copy;
  }

  private static byte[] appended(byte[] bytes, byte[] suffix) {
    byte[] longer = Arrays.copyOf(bytes, bytes.length + suffix.length);
    System.arraycopy(suffix, 0, longer, bytes.length, suffix.length);
    return longer;
  }

  private static List<String> keyMaterial(Kek kek) {
    Matcher values = KEY_VALUE.matcher(kek.export().reveal());
    List<String> found = new ArrayList<>();
    while (values.find()) {
      found.add(values.group(1));
    }
    assertFalse(found.isEmpty(), "no key value found in the exported keyset");
    return found;
  }

  private static void assertShowsNone(Throwable thrown, List<String> secrets) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      String shown = String.valueOf(t.getMessage());
      for (String secret : secrets) {
        assertFalse(shown.contains(secret), "message shows a secret: " + shown);
      }
    }
  }

  /** A key-encryption key that drops associated data, leaving only the ciphertext's binding. */
  private static final class IgnoringAssociatedData implements Aead {
    private final Aead delegate;

    IgnoringAssociatedData(Aead delegate) {
      this.delegate = delegate;
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
      return delegate.encrypt(plaintext, new byte[0]);
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData)
        throws GeneralSecurityException {
      return delegate.decrypt(ciphertext, new byte[0]);
    }
  }
}
