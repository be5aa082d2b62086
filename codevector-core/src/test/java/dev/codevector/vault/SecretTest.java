package dev.codevector.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class SecretTest {

  @Test
  void toStringIsRedacted() {
    Secret secret = Secret.of("sk-proj-abcdefghijklmnopqrstuvwxyz0123456789");

    String shown = secret.toString();

    assertEquals("Secret[redacted]", shown);
  }

  @Test
  void revealReturnsTheValue() {
    Secret secret = Secret.of("sk-proj-abcdefghijklmnopqrstuvwxyz0123456789");

    String revealed = secret.reveal();

    assertEquals("sk-proj-abcdefghijklmnopqrstuvwxyz0123456789", revealed);
  }

  @ParameterizedTest(name = "{0} shows \"{1}\"")
  @CsvSource(
      value = {
        "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789, sk-proj-",
        "abcdefghijklmnopqrstuvwxyz0123456, abcdefgh",
        "abcdefghijklmnopqrstuvwxyz01234, abcdefg",
        "AKIAIOSFODNN7EXAMPLE, AKIAI",
        "short, s",
        "abc, ''",
        "'', ''",
        "😀abc, 😀",
        "😀😀😀😀😀😀😀, 😀",
      })
  void prefixShowsAtMostEightCharactersAndAtMostAQuarter(String value, String expected) {
    Secret secret = Secret.of(value);

    String prefix = secret.prefix();

    assertEquals(expected, prefix);
  }
}
