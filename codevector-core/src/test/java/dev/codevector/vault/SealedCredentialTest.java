package dev.codevector.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import org.junit.jupiter.api.Test;

final class SealedCredentialTest {
  private static final String PLAINTEXT = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789";
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  @Test
  void toStringShowsOnlyThePrefixAndTheTime() {
    SealedCredential sealed = sealed();

    String shown = sealed.toString();

    assertEquals("SealedCredential[prefix=sk-proj-, updatedAt=2026-11-21T10:00:00Z]", shown);
  }

  @Test
  void toStringDoesNotShowThePlaintext() {
    SealedCredential sealed = sealed();

    String shown = sealed.toString();

    assertFalse(shown.contains(PLAINTEXT), shown);
  }

  @Test
  void changingTheArraysPassedInDoesNotChangeTheCredential() {
    byte[] wrappedKey = {1, 2, 3};
    byte[] ciphertext = {4, 5, 6};
    SealedCredential sealed = new SealedCredential(wrappedKey, ciphertext, "", NOW);

    wrappedKey[0] = 9;
    ciphertext[0] = 9;

    assertArrayEquals(new byte[] {1, 2, 3}, sealed.wrappedKey());
    assertArrayEquals(new byte[] {4, 5, 6}, sealed.ciphertext());
  }

  @Test
  void changingTheArraysReturnedDoesNotChangeTheCredential() {
    SealedCredential sealed =
        new SealedCredential(new byte[] {1, 2, 3}, new byte[] {4, 5, 6}, "", NOW);

    sealed.wrappedKey()[0] = 9;
    sealed.ciphertext()[0] = 9;

    assertArrayEquals(new byte[] {1, 2, 3}, sealed.wrappedKey());
    assertArrayEquals(new byte[] {4, 5, 6}, sealed.ciphertext());
  }

  private static SealedCredential sealed() {
    return EnvelopeCredentialVault.create(Kek.generate().aead())
        .seal("prv_first", "apiKey", Secret.of(PLAINTEXT), NOW);
  }
}
