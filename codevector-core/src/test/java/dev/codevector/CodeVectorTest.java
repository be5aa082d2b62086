package dev.codevector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.access.User;
import dev.codevector.limits.Demand;
import dev.codevector.limits.Limit;
import dev.codevector.limits.LimitPolicy;
import dev.codevector.limits.LimitScope;
import dev.codevector.limits.LimitSpec;
import dev.codevector.limits.LimitsUnavailableException;
import dev.codevector.limits.Subject;
import dev.codevector.limits.Ticket;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelKind;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderId;
import dev.codevector.registry.ProviderKind;
import dev.codevector.registry.ProviderSpec;
import dev.codevector.registry.Registry;
import dev.codevector.spi.LimitStore;
import dev.codevector.spi.Store;
import dev.codevector.spi.StoreException;
import dev.codevector.store.InMemoryStore;
import dev.codevector.testing.DelegatingLimitStore;
import dev.codevector.testing.DelegatingStore;
import dev.codevector.testing.FakeClock;
import dev.codevector.testing.TestValues;
import dev.codevector.usage.GroupBy;
import dev.codevector.usage.UsageQuery;
import dev.codevector.usage.UsageTotal;
import dev.codevector.vault.CredentialVault;
import dev.codevector.vault.EnvelopeCredentialVault;
import dev.codevector.vault.Kek;
import dev.codevector.vault.SealedCredential;
import dev.codevector.vault.Secret;
import dev.codevector.vault.VaultException;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

final class CodeVectorTest {
  private static final String OPENAI_KEY = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789";
  private static final String OPENAI_BACKUP_KEY = "sk-proj-9876543210zyxwvutsrqponmlkjihgfedcba";
  private static final String AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
  private static final String AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  private final Store store = new InMemoryStore();
  private final Kek oldKek = Kek.generate();
  private final Kek newKek = Kek.generate();

  @Test
  void wrongKekIsRefusedAtBuild() {
    open(oldKek);

    VaultException e = assertThrows(VaultException.class, () -> open(newKek));

    assertTrue(e.getMessage().contains("key-encryption key does not match"), e.getMessage());
  }

  @Test
  void sameKekBuildsAgain() {
    open(oldKek);

    assertDoesNotThrow(() -> open(oldKek));
  }

  @Test
  void rightKekStillBuildsAfterAWrongOneWasRefused() {
    open(oldKek);
    assertThrows(VaultException.class, () -> open(newKek));

    assertDoesNotThrow(() -> open(oldKek));
  }

  @Test
  void builderRefusesToSetTheStoreTwice() {
    CodeVector.Builder builder = CodeVector.builder().store(store);

    assertThrows(IllegalStateException.class, () -> builder.store(new InMemoryStore()));
  }

  @Test
  void builderRefusesToSetTheKekTwice() {
    CodeVector.Builder builder = CodeVector.builder().kek(oldKek.aead());

    assertThrows(IllegalStateException.class, () -> builder.kek(newKek.aead()));
  }

  @Test
  void buildWithoutAStoreFails() {
    CodeVector.Builder builder = CodeVector.builder().kek(oldKek.aead());

    assertThrows(IllegalStateException.class, builder::build);
  }

  @Test
  void buildWithoutAKekFails() {
    CodeVector.Builder builder = CodeVector.builder().store(store);

    assertThrows(IllegalStateException.class, builder::build);
  }

  @Test
  void accessAndUsageShareTheStore() {
    CodeVector codeVector =
        CodeVector.builder().store(store).kek(oldKek.aead()).clock(new FakeClock()).build();

    User ada = codeVector.access().createUser("Ada", Optional.empty());
    codeVector.usage().record(TestValues.unanswered("req-1", TestValues.T0, "chat"));
    codeVector.usage().flush();

    assertEquals(Optional.of(ada), store.access().findUser(ada.id()));
    Instant from = TestValues.T0;
    Instant to = from.plusSeconds(1);
    assertEquals(
        List.of(new UsageTotal("chat", 1, 0, 0, 0, 0, BigDecimal.ZERO)),
        codeVector.usageTotals(new UsageQuery(from, to, GroupBy.MODEL)));
    assertEquals(1, codeVector.usageRecords(from, to, 10).size());
    codeVector.close();
  }

  @Test
  void builderRefusesToSetTheLimitsPolicyTwice() {
    CodeVector.Builder builder = CodeVector.builder().limitsOnStoreError(LimitPolicy.CLOSED);

    assertThrows(IllegalStateException.class, () -> builder.limitsOnStoreError(LimitPolicy.OPEN));
  }

  @Test
  void limitsAdmitUncheckedWhenTheStoreFailsUnlessBuiltToRefuse() {
    LimitStoreOutage outage = new LimitStoreOutage(store);
    CodeVector open = CodeVector.builder().store(outage).kek(oldKek.aead()).build();
    CodeVector closed =
        CodeVector.builder()
            .store(outage)
            .kek(oldKek.aead())
            .limitsOnStoreError(LimitPolicy.CLOSED)
            .build();
    Model model = open.registry().createModel("gpt", "GPT", ModelKind.CHAT);
    open.limits()
        .create(
            new LimitSpec(
                new LimitScope.All(),
                Optional.empty(),
                OptionalLong.of(1),
                OptionalLong.empty(),
                Optional.empty()));
    Demand demand = new Demand(1, 1, BigDecimal.ZERO);
    outage.down = true;

    assertSame(Ticket.UNLIMITED, open.limits().admission(Subject.anyone()).admit(model, demand));
    assertThrows(
        LimitsUnavailableException.class,
        () -> closed.limits().admission(Subject.anyone()).admit(model, demand));
  }

  /** A store whose limits fail while it is down. */
  private static final class LimitStoreOutage extends DelegatingStore {
    private final LimitStore limits;
    volatile boolean down;

    LimitStoreOutage(Store database) {
      super(database);
      this.limits =
          new DelegatingLimitStore(database.limits()) {
            @Override
            public List<Limit> limits() {
              if (down) {
                throw new StoreException("database unreachable", new IOException("refused"));
              }
              return super.limits();
            }
          };
    }

    @Override
    public LimitStore limits() {
      return limits;
    }
  }

  @Test
  void closingWritesTheQueuedUsageRecords() {
    CodeVector codeVector = CodeVector.builder().store(store).kek(oldKek.aead()).build();
    for (int i = 0; i < 3; i++) {
      codeVector.usage().record(TestValues.unanswered("req-" + i, TestValues.T0, "chat"));
    }

    codeVector.close();

    assertEquals(
        3, store.usage().usageRecords(TestValues.T0, TestValues.T0.plusSeconds(1), 10).size());
    assertEquals(0, codeVector.usage().queueDepth());
  }

  /** Two OpenAI Providers and a Bedrock one, four credentials, after rotating the KEK. */
  @Test
  void rotationRunAgainCompletesWhatAnEarlierRunMovedPartly() {
    Registry registry = open(oldKek);
    List<StoredCredential> before = createProviders(registry);
    Provider movedEarlier = store.registry().findProvider(before.get(0).owner()).orElseThrow();
    store
        .registry()
        .putProvider(
            movedEarlier.mapCredentials(
                field ->
                    EnvelopeCredentialVault.create(oldKek.aead())
                        .rewrap(
                            movedEarlier.id().value(),
                            field,
                            movedEarlier.credentials().get(field),
                            newKek.aead())));

    int rewrapped = registry.rotateKek(newKek.aead());

    assertEquals(4, rewrapped);
    CredentialVault vault = EnvelopeCredentialVault.create(newKek.aead());
    for (StoredCredential credential : before) {
      Secret opened =
          vault.open(credential.owner().value(), credential.field(), reread(credential));
      assertEquals(credential.plaintext(), opened.reveal(), credential.name());
    }
    assertDoesNotThrow(() -> open(newKek));
  }

  @Test
  void failedRotationLeavesTheStoreOnTheOldKek() {
    Registry registry = open(oldKek);
    createProviders(registry);
    Provider foreign =
        store.registry().findProvider(registry.providers("aws").get(0).id()).orElseThrow();
    store
        .registry()
        .putProvider(
            foreign.mapCredentials(
                field ->
                    EnvelopeCredentialVault.create(Kek.generate().aead())
                        .seal(
                            foreign.id().value(),
                            field,
                            Secret.of("sealed-elsewhere"),
                            foreign.createdAt())));

    assertThrows(VaultException.class, () -> registry.rotateKek(newKek.aead()));

    assertDoesNotThrow(() -> open(oldKek));
    assertThrows(VaultException.class, () -> open(newKek));
  }

  @Nested
  final class AfterKekRotation {
    private List<StoredCredential> before;
    private int rewrapped;

    @BeforeEach
    void createProvidersAndRotate() {
      Registry registry = open(oldKek);
      before = createProviders(registry);

      rewrapped = registry.rotateKek(newKek.aead());
    }

    @Test
    void countIsEveryCredential() {
      assertEquals(4, rewrapped);
    }

    @Test
    void everyCiphertextIsUnchanged() {
      for (StoredCredential credential : before) {
        assertArrayEquals(
            credential.sealed().ciphertext(), reread(credential).ciphertext(), credential.name());
      }
    }

    @Test
    void everyWrappedKeyIsReplaced() {
      for (StoredCredential credential : before) {
        assertFalse(
            Arrays.equals(credential.sealed().wrappedKey(), reread(credential).wrappedKey()),
            credential.name());
      }
    }

    @Test
    void everyCredentialOpensUnderTheNewKek() {
      CredentialVault vault = EnvelopeCredentialVault.create(newKek.aead());

      for (StoredCredential credential : before) {
        Secret opened =
            vault.open(credential.owner().value(), credential.field(), reread(credential));
        assertEquals(credential.plaintext(), opened.reveal(), credential.name());
      }
    }

    @Test
    void noCredentialOpensUnderTheOldKek() {
      CredentialVault vault = EnvelopeCredentialVault.create(oldKek.aead());

      for (StoredCredential credential : before) {
        assertThrows(
            VaultException.class,
            () -> vault.open(credential.owner().value(), credential.field(), reread(credential)),
            credential.name());
      }
    }

    @Test
    void storeBuildsWithTheNewKek() {
      assertDoesNotThrow(() -> open(newKek));
    }

    @Test
    void storeRefusesTheOldKek() {
      assertThrows(VaultException.class, () -> open(oldKek));
    }
  }

  private Registry open(Kek kek) {
    return CodeVector.builder()
        .store(store)
        .kek(kek.aead())
        .clock(new FakeClock())
        .build()
        .registry();
  }

  /** Creates two OpenAI Providers and a Bedrock one: four credentials, as stored. */
  private List<StoredCredential> createProviders(Registry registry) {
    List<ProviderSpec> specs =
        List.of(
            ProviderSpec.withApiKey("openai-main", ProviderKind.OPENAI, OPENAI_KEY, Map.of()),
            ProviderSpec.withApiKey(
                "openai-backup", ProviderKind.OPENAI, OPENAI_BACKUP_KEY, Map.of()),
            new ProviderSpec(
                "aws",
                ProviderKind.BEDROCK,
                Map.of("region", "us-east-1"),
                Map.of(
                    "accessKeyId",
                    Secret.of(AWS_ACCESS_KEY_ID),
                    "secretAccessKey",
                    Secret.of(AWS_SECRET_ACCESS_KEY))));
    List<StoredCredential> stored = new ArrayList<>();
    for (ProviderSpec spec : specs) {
      ProviderId id = registry.createProvider(spec).id();
      spec.credentials()
          .forEach(
              (field, secret) ->
                  stored.add(
                      new StoredCredential(id, field, secret.reveal(), sealedInStore(id, field))));
    }
    return stored;
  }

  private SealedCredential reread(StoredCredential credential) {
    return sealedInStore(credential.owner(), credential.field());
  }

  private SealedCredential sealedInStore(ProviderId id, String field) {
    return store.registry().findProvider(id).orElseThrow().credentials().get(field);
  }

  /** A credential as the store held it right after its Provider was created. */
  private record StoredCredential(
      ProviderId owner, String field, String plaintext, SealedCredential sealed) {
    String name() {
      return owner.value() + "/" + field;
    }
  }
}
