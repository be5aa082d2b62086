package dev.codevector.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.codevector.CodeVector;
import dev.codevector.jdbc.JdbcStore;
import dev.codevector.limits.Budget;
import dev.codevector.limits.BudgetPeriod;
import dev.codevector.limits.LimitExceededException;
import dev.codevector.limits.LimitScope;
import dev.codevector.limits.LimitSpec;
import dev.codevector.limits.Subject;
import dev.codevector.registry.BackendSpec;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelKind;
import dev.codevector.registry.ModelStatus;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderKind;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderSpec;
import dev.codevector.registry.Registry;
import dev.codevector.routing.RouteRequest;
import dev.codevector.routing.RouteResponse;
import dev.codevector.spi.Store;
import dev.codevector.vault.Kek;
import dev.codevector.wire.Dialect;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The README's "Embed it" as a program: CodeVector on an H2 database and a key-encryption key kept
 * in a data directory between runs, an OpenAI Provider with its models imported from the bundled
 * catalog, the Model {@code gpt-main} published on the first run, a daily budget, and one question
 * asked through the router.
 *
 * <p>Run it with {@code OPENAI_API_KEY=sk-... ./mvnw -q -pl examples exec:java
 * -Dexec.mainClass=dev.codevector.examples.GettingStarted}; {@code OPENAI_BASE_URL} points it at
 * another OpenAI-compatible endpoint.
 */
public final class GettingStarted {
  private GettingStarted() {}

  /**
   * Runs the example in {@code getting-started-data/}, or the directory given.
   *
   * @param args the data directory, optionally
   */
  public static void main(String[] args) {
    Path dataDir = Path.of(args.length > 0 ? args[0] : "getting-started-data");
    String baseUrl = System.getenv().getOrDefault("OPENAI_BASE_URL", "https://api.openai.com/v1");
    run(dataDir, System.getenv("OPENAI_API_KEY"), baseUrl, System.out);
  }

  /**
   * Opens the data directory, publishes {@code gpt-main} unless an earlier run did, and asks it one
   * question.
   *
   * @param dataDir where the database and the key-encryption key live
   * @param apiKey the OpenAI API key
   * @param baseUrl the OpenAI API's base URL
   * @param out where the answer is printed
   */
  public static void run(Path dataDir, String apiKey, String baseUrl, PrintStream out) {
    try (Store store = JdbcStore.h2(dataDir);
        CodeVector codeVector = open(store, dataDir)) {
      if (codeVector.registry().findModelBySlug("gpt-main").isEmpty()) {
        publish(codeVector, apiKey, baseUrl);
      }
      byte[] body =
          "{\"model\":\"gpt-main\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"
              .getBytes(UTF_8);
      out.println(ask(codeVector, body));
    }
  }

  /** Opens CodeVector with the key-encryption key the store's credentials are sealed with. */
  static CodeVector open(Store store, Path dataDir) {
    Path kekFile = dataDir.resolve("kek.json");
    if (Files.notExists(kekFile)) {
      Kek.generate().writeNew(kekFile); // keep it: the store's credentials are sealed with it
    }
    Kek kek = Kek.load(kekFile);
    return CodeVector.builder().store(store).kek(kek.aead()).build();
  }

  /** Registers the Provider, publishes the Model on one of its models and sets a daily budget. */
  static Model publish(CodeVector codeVector, String apiKey, String baseUrl) {
    Registry registry = codeVector.registry();
    Provider openai =
        registry.createProvider(
            ProviderSpec.withApiKey(
                "openai", ProviderKind.OPENAI, apiKey, Map.of("baseUrl", baseUrl)));
    registry.importCatalog(openai.id()); // the catalog's OpenAI models, with their prices
    ProviderModel gpt4o =
        registry.providerModels(openai.id()).stream()
            .filter(m -> m.modelId().equals("gpt-4o"))
            .findFirst()
            .orElseThrow();
    Model model = registry.createModel("gpt-main", "GPT main", ModelKind.CHAT); // a draft
    registry.addBackend(model.id(), BackendSpec.of(gpt4o.id(), 10));
    codeVector
        .limits()
        .create(
            new LimitSpec(
                new LimitScope.All(),
                Optional.empty(),
                OptionalLong.of(600),
                OptionalLong.empty(),
                Optional.of(new Budget(new BigDecimal("20"), BudgetPeriod.DAY))));
    return registry.changeStatus(model.id(), ModelStatus.ACTIVE); // published
  }

  /** Routes a question within the limits; the answer's body, or why a limit refused it. */
  static String ask(CodeVector codeVector, byte[] body) {
    try (RouteResponse response =
        codeVector
            .router()
            .route(
                RouteRequest.of(Dialect.OPENAI_CHAT, body),
                model -> true,
                codeVector.limits().admission(Subject.anyone()))) {
      return new String(response.body(), UTF_8);
    } catch (LimitExceededException e) {
      return "refused: " + e.getMessage(); // e.retryAfter() says when to ask again
    }
  }
}
