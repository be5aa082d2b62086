package dev.codevector.examples.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.Aead;
import dev.codevector.CodeVector;
import dev.codevector.access.Access;
import dev.codevector.access.ApiKey;
import dev.codevector.access.Grant;
import dev.codevector.access.Group;
import dev.codevector.access.IssuedKey;
import dev.codevector.access.Principal;
import dev.codevector.access.User;
import dev.codevector.limits.Charge;
import dev.codevector.limits.Counter;
import dev.codevector.limits.Limit;
import dev.codevector.limits.LimitId;
import dev.codevector.limits.LimitScope;
import dev.codevector.limits.Meter;
import dev.codevector.limits.Settlement;
import dev.codevector.limits.Tally;
import dev.codevector.limits.Window;
import dev.codevector.registry.BackendDefaults;
import dev.codevector.registry.BackendSpec;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelKind;
import dev.codevector.registry.ModelStatus;
import dev.codevector.registry.Pricing;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderKind;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelSpec;
import dev.codevector.registry.ProviderSpec;
import dev.codevector.registry.Registry;
import dev.codevector.registry.Status;
import dev.codevector.routing.RouteRequest;
import dev.codevector.routing.RouteResponse;
import dev.codevector.spi.ConsoleSession;
import dev.codevector.spi.Setting;
import dev.codevector.spi.Store;
import dev.codevector.testkit.StoreFixtures;
import dev.codevector.usage.UsageRecord;
import dev.codevector.vault.Kek;
import dev.codevector.wire.Dialect;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What CodeVector writes to a journal store is all there, field by field, after reopening it. */
final class JournalStoreDurabilityTest {
  private static final String UPSTREAM_KEY = "sk-upstream-0123456789";

  @TempDir Path directory;

  private final MockWebServer upstream = new MockWebServer();
  private final Aead kek = Kek.generate().aead();

  @BeforeEach
  void startUpstream() throws IOException {
    upstream.start();
  }

  @AfterEach
  void stopUpstream() {
    upstream.close();
  }

  @Test
  void everythingWrittenIsBackAtTheSameVersionsAfterReopening() throws Exception {
    Path file = directory.resolve("store.journal");
    Contents written;
    IssuedKey issued;
    try (JournalStore store = JournalStore.open(file)) {
      try (CodeVector codeVector = codeVector(store)) {
        ModelSetup setup = publishModel(codeVector.registry());
        issued = grantAndIssueKey(codeVector.access(), setup.model());
        codeVector
            .usage()
            .record(
                StoreFixtures.usageRecord(
                    "req-1", Instant.now(), "chat", setup.provider().id(), issued.key().userId()));
        codeVector.usage().record(StoreFixtures.bareUsage("req-2", Instant.now(), "chat"));
      }
      Setting greeting =
          store.settings().putSetting(new Setting("greeting", StoreFixtures.awkwardBytes(40), 0));
      store.settings().putSetting(greeting.withValue(StoreFixtures.awkwardBytes(3)));
      written = Contents.of(store);
    }

    try (JournalStore reopened = JournalStore.open(file)) {
      Contents replayed = Contents.of(reopened);

      assertEquals(written, replayed);
      assertEquals(
          List.of(1, 2, 1, 1, 1, 1, 1, 2),
          List.of(
              replayed.providers().size(),
              replayed.providerModels().size(),
              replayed.models().size(),
              replayed.users().size(),
              replayed.groups().size(),
              replayed.grants().size(),
              replayed.apiKeys().size(),
              replayed.usage().size()));
      assertEquals(2, replayed.models().iterator().next().backends().size());
      assertEquals(1, replayed.groups().iterator().next().members().size());
      assertTrue(replayed.apiKeys().iterator().next().lastUsedAt().isPresent());
      assertEquals(2, replayed.greeting().orElseThrow().version());
    }
  }

  @Test
  void limitsAndTheirCountersAreBackAfterReopening() {
    Path file = directory.resolve("store.journal");
    List<Limit> limits;
    Map<LimitId, List<Counter>> counters;
    try (JournalStore store = JournalStore.open(file)) {
      User ada = store.access().putUser(StoreFixtures.user("ada"));
      ApiKey key = store.access().putApiKey(StoreFixtures.apiKey(ada.id()));
      Group team = store.access().putGroup(StoreFixtures.group("team", ada.id()));
      Model chat = store.registry().putModel(StoreFixtures.model("chat"));
      Limit onKey =
          store
              .limits()
              .putLimit(StoreFixtures.limit(new LimitScope.Key(key.id()), Optional.of(chat.id())));
      Limit onUser =
          store
              .limits()
              .putLimit(StoreFixtures.limit(new LimitScope.User(ada.id()), Optional.empty()));
      store
          .limits()
          .putLimit(StoreFixtures.limit(new LimitScope.Group(team.id()), Optional.empty()));
      Limit onEveryone =
          store.limits().putLimit(StoreFixtures.limit(new LimitScope.All(), Optional.empty()));
      Window minute = Window.minuteOf(StoreFixtures.T0);
      Window month = onEveryone.window(Meter.BUDGET, StoreFixtures.T0);
      Tally request = new Tally(1, 30_000, BigDecimal.ZERO);
      Tally spend = new Tally(0, 0, new BigDecimal("4.000001"));
      for (int i = 0; i < 4; i++) {
        store
            .limits()
            .reserve(
                List.of(
                    new Charge(onEveryone, Meter.RATE, minute, request),
                    new Charge(onEveryone, Meter.BUDGET, month, spend),
                    new Charge(onKey, Meter.RATE, minute, request)));
      }
      store
          .limits()
          .settle(
              List.of(
                  new Settlement(
                      onEveryone.id(),
                      Meter.BUDGET,
                      month,
                      spend,
                      new Tally(0, 0, new BigDecimal("0.5")))));
      store.limits().reserve(List.of(new Charge(onUser, Meter.RATE, minute, request)));
      store.limits().pruneCounters(minute.start());
      store.limits().deleteLimit(onUser.id());
      limits = store.limits().limits();
      counters = countersOf(store, limits);
    }

    try (JournalStore reopened = JournalStore.open(file)) {
      assertEquals(Set.copyOf(limits), Set.copyOf(reopened.limits().limits()));
      assertEquals(
          counters,
          countersOf(reopened, limits),
          "replaying reservations, refused ones included, rebuilds the same counters");
      assertEquals(3, limits.size());
    }
  }

  @Test
  void consoleSessionsAreBackAfterReopeningAsTheyWereLastTouched() {
    Path file = directory.resolve("store.journal");
    Instant t0 = StoreFixtures.T0;
    Duration idle = Duration.ofHours(12);
    ConsoleSession kept = new ConsoleSession(StoreFixtures.awkwardBytes(32), t0, t0, t0.plus(idle));
    ConsoleSession ended =
        new ConsoleSession(StoreFixtures.awkwardBytes(32), t0, t0, t0.plus(idle));
    ConsoleSession expired =
        new ConsoleSession(StoreFixtures.awkwardBytes(32), t0, t0, t0.plusSeconds(1));
    Instant used = t0.plusSeconds(60);
    try (JournalStore store = JournalStore.open(file)) {
      for (ConsoleSession session : List.of(kept, ended, expired)) {
        store.sessions().putSession(session);
      }
      store.sessions().touchSession(kept.idHash(), used, used.plus(idle));
      store.sessions().deleteSession(ended.idHash());
      store.sessions().deleteExpiredSessions(used);
    }

    try (JournalStore reopened = JournalStore.open(file)) {
      assertEquals(
          Optional.of(new ConsoleSession(kept.idHash(), t0, used, used.plus(idle))),
          reopened.sessions().findSession(kept.idHash()));
      assertEquals(Optional.empty(), reopened.sessions().findSession(ended.idHash()));
      assertEquals(Optional.empty(), reopened.sessions().findSession(expired.idHash()));
    }
  }

  private static Map<LimitId, List<Counter>> countersOf(Store store, List<Limit> limits) {
    return limits.stream()
        .collect(
            Collectors.toMap(
                Limit::id,
                limit ->
                    store.limits().counters(limit.id()).stream()
                        .sorted(Comparator.comparing(Counter::meter))
                        .toList()));
  }

  @Test
  void aReopenedStoreStillOpensTheSealedCredentialAndKnowsTheApiKey() throws Exception {
    Path file = directory.resolve("store.journal");
    IssuedKey issued;
    try (JournalStore store = JournalStore.open(file);
        CodeVector codeVector = codeVector(store)) {
      ModelSetup setup = publishModel(codeVector.registry());
      issued = grantAndIssueKey(codeVector.access(), setup.model());
    }
    upstream.enqueue(completion());

    try (JournalStore reopened = JournalStore.open(file);
        CodeVector codeVector = codeVector(reopened)) {
      try (RouteResponse response = codeVector.router().route(chatRequest())) {
        assertEquals(200, response.status());
      }

      RecordedRequest received = upstream.takeRequest();
      assertEquals("Bearer " + UPSTREAM_KEY, received.getHeaders().get("authorization"));
      assertEquals(
          issued.key().userId(),
          codeVector.access().authenticate(issued.plaintext().reveal()).orElseThrow().userId());
    }
  }

  private CodeVector codeVector(Store store) {
    return CodeVector.builder().store(store).kek(kek).build();
  }

  /** Creates a Provider, two Provider Models and a published Model with a Backend to each. */
  private ModelSetup publishModel(Registry registry) {
    Provider provider =
        registry.createProvider(
            ProviderSpec.withApiKey(
                "local",
                ProviderKind.OPENAI_COMPATIBLE,
                UPSTREAM_KEY,
                Map.of("baseUrl", upstream.url("/v1").toString())));
    registry.changeProviderStatus(provider.id(), Status.DISABLED);
    registry.changeProviderStatus(provider.id(), Status.ACTIVE);
    Pricing pricing =
        Pricing.of(new BigDecimal("0.15"), new BigDecimal("0.6"))
            .withCachedInput(new BigDecimal("0.075"));
    ProviderModel primary =
        registry.addProviderModel(
            provider.id(),
            new ProviderModelSpec(
                "primary", ModelKind.CHAT, 128_000, OptionalInt.of(4096), pricing));
    ProviderModel standby =
        registry.addProviderModel(
            provider.id(),
            new ProviderModelSpec("standby", ModelKind.CHAT, 8192, OptionalInt.empty(), pricing));
    Model model = registry.createModel("chat", "Chat", ModelKind.CHAT);
    registry.addBackend(
        model.id(),
        new BackendSpec(
            primary.id(),
            10,
            BackendDefaults.none().withTemperature(0.3).withStop(List.of("END"))));
    registry.addBackend(model.id(), BackendSpec.of(standby.id(), 20));
    return new ModelSetup(
        registry.provider(provider.id()), registry.changeStatus(model.id(), ModelStatus.ACTIVE));
  }

  /** Creates a user in a group granted the Model, issues the user a key and uses it once. */
  private static IssuedKey grantAndIssueKey(Access access, Model model) {
    User ada = access.createUser("Ada", Optional.of("ada@example.com"));
    Group team = access.createGroup("team");
    access.addMember(team.id(), ada.id());
    access.grant(model.id(), Principal.ofGroup(team.id()));
    IssuedKey issued =
        access.issueKey(
            ada.id(), Optional.of("laptop"), Optional.of(Instant.now().plusSeconds(3600)));
    access.authenticate(issued.plaintext().reveal()).orElseThrow();
    return issued;
  }

  private static RouteRequest chatRequest() {
    return RouteRequest.of(
        Dialect.OPENAI_CHAT,
        "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"
            .getBytes(StandardCharsets.UTF_8));
  }

  private static MockResponse completion() {
    return new MockResponse.Builder()
        .addHeader("content-type", "application/json")
        .body(
            "{\"id\":\"c-1\",\"object\":\"chat.completion\",\"model\":\"primary\",\"choices\":"
                + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello.\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,"
                + "\"completion_tokens\":2,\"total_tokens\":5}}")
        .build();
  }

  private record ModelSetup(Provider provider, Model model) {}

  /** Everything a store holds, in forms whose equality ignores the order of its lists. */
  private record Contents(
      Set<Provider> providers,
      Set<ProviderModel> providerModels,
      Set<Model> models,
      Set<User> users,
      Set<Group> groups,
      Set<Grant> grants,
      Set<ApiKey> apiKeys,
      List<UsageRecord> usage,
      Optional<Setting> greeting) {

    static Contents of(Store store) {
      List<Provider> providers = store.registry().providers();
      return new Contents(
          Set.copyOf(providers),
          Set.copyOf(
              providers.stream()
                  .flatMap(p -> store.registry().providerModels(p.id()).stream())
                  .toList()),
          Set.copyOf(store.registry().models()),
          Set.copyOf(store.access().users()),
          Set.copyOf(store.access().groups()),
          Set.copyOf(store.access().grants()),
          Set.copyOf(store.access().apiKeys()),
          store.usage().usageRecords(Instant.EPOCH, Instant.now().plusSeconds(60), 100),
          store.settings().findSetting("greeting"));
    }
  }
}
