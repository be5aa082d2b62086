package dev.codevector.server.admin;

import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.spi.Setting;
import dev.codevector.spi.SettingStore;
import dev.codevector.vault.Secret;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The bearer token of the admin API and console. It is {@code CODEVECTOR_ADMIN_TOKEN} when set;
 * otherwise one is generated on first start, printed once, and kept in the store only as its
 * SHA-256 hash. Presented tokens are compared by hash, in constant time.
 */
public final class AdminToken {
  static final String SETTING = "admin.token-sha256";

  private final TokenHash hash;

  private AdminToken(TokenHash hash) {
    this.hash = hash;
  }

  /**
   * Returns the admin token kept in these settings, generating and printing one on first start.
   *
   * @param settings where the generated token's hash is kept
   * @param configured the token from the environment, if any
   * @param out where a generated token is printed, once
   * @return the token
   */
  public static AdminToken open(
      SettingStore settings, Optional<Secret> configured, PrintStream out) {
    if (configured.isPresent()) {
      return new AdminToken(TokenHash.of(configured.get().reveal()));
    }
    Optional<Setting> stored = settings.findSetting(SETTING);
    if (stored.isPresent()) {
      return new AdminToken(TokenHash.ofBytes(stored.get().value()));
    }
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String token = "cv-admin-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    TokenHash hash = TokenHash.of(token);
    try {
      settings.putSetting(new Setting(SETTING, hash.bytes(), 0));
    } catch (AlreadyExistsException e) {
      return new AdminToken(TokenHash.ofBytes(settings.findSetting(SETTING).orElseThrow().value()));
    }
    out.println("Admin token (shown once; keep it safe): " + token);
    return new AdminToken(hash);
  }

  /**
   * Returns whether a presented token is the admin token.
   *
   * @param presented the token from the request, or null
   * @return true if it matches
   */
  public boolean matches(String presented) {
    return hash.matches(presented);
  }
}
