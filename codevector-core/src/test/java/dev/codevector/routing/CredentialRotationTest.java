package dev.codevector.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.codevector.registry.BackendDefaults;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderEdit;
import dev.codevector.registry.ProviderKind;
import dev.codevector.testing.RouterHarness;
import dev.codevector.vault.Secret;
import dev.codevector.wire.Dialect;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class CredentialRotationTest {
  private final MockWebServer upstream = new MockWebServer();
  private final RouterHarness harness = new RouterHarness();

  @BeforeEach
  void start() throws Exception {
    upstream.start();
  }

  @AfterEach
  void stop() {
    harness.close();
    upstream.close();
  }

  private String authorizationOfNextCall() throws Exception {
    upstream.enqueue(new MockResponse.Builder().body("{\"choices\":[]}").build());
    harness.route(Dialect.OPENAI_CHAT, "{\"model\":\"chat\",\"messages\":[]}").close();
    return upstream.takeRequest().getHeaders().get("Authorization");
  }

  @Test
  void theCallAfterACredentialChangeUsesTheNewCredential() throws Exception {
    Provider provider = harness.provider("p", ProviderKind.OPENAI, Map.of(), upstream);
    harness.publish("chat", BackendDefaults.none(), harness.chatModel(provider, "gpt-4o"));
    assertEquals("Bearer key-p-0123456789", authorizationOfNextCall());

    harness.registry.editProvider(
        provider.id(),
        new ProviderEdit(
            Optional.empty(),
            Optional.empty(),
            Map.of("apiKey", Secret.of("key-rotated-0123456789"))));

    assertEquals("Bearer key-rotated-0123456789", authorizationOfNextCall());
    assertEquals("Bearer key-rotated-0123456789", authorizationOfNextCall());
  }
}
