package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codevector.access.IssuedKey;
import dev.codevector.limits.Cap;
import dev.codevector.limits.Demand;
import dev.codevector.limits.Subject;
import dev.codevector.limits.Ticket;
import dev.codevector.registry.Model;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin console in headless Chromium: the documented flows from login to a billed request and a
 * provider's cascading deletion, a limit's life with the bars of its caps, a change seen on the
 * Audit page, and user-supplied names shown as text. A screenshot of each main screen is saved
 * under {@code target/console-screenshots}.
 */
final class ConsoleBrowserTest {
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
  private static final String COMPLETION =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":100,\"total_tokens\":1100}}";

  @TempDir Path dataDir;
  @TempDir Path profile;

  private ServerHarness harness;
  private WebDriver driver;
  private WebDriverWait wait;

  @BeforeEach
  void start() {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMEDRIVER) || System.getenv("CI") != null,
        "needs chromium and chromium-driver; .ci/run installs them");
    harness = new ServerHarness(dataDir);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1360,900",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(15));
  }

  @AfterEach
  void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void documentedFlowsFromLoginToCascadingDelete() throws Exception {
    try (MockWebServer upstream = new MockWebServer()) {
      upstream.start();

      driver.get(harness.url("/admin"));
      waitFor(d -> d.getCurrentUrl().endsWith("/admin/login"));
      screenshot("01-login");
      login("not-the-admin-token");
      assertTrue(visible(By.id("login-error")).getText().contains("not right"));
      login(ServerHarness.ADMIN_TOKEN);
      waitFor(d -> d.getCurrentUrl().endsWith("/admin/providers"));
      waitText(By.tagName("h1"), "Providers");

      addProvider(
          "openai-compatible",
          "local-upstream",
          "sk-local-upstream-secret-0123456789",
          upstream.url("/v1").toString());
      addProvider("openai", "openai-main", "sk-openai-secret-abcdefghijklmnop", null);
      waitText(By.id("providers"), upstream.url("/v1").toString());
      assertFalse(driver.getPageSource().contains("sk-local-upstream-secret-0123456789"));
      screenshot("03-providers");

      click(By.linkText("openai-main"));
      waitText(By.className("provider-title"), "openai-main");
      click(By.id("import-catalog"));
      waitText(By.id("toast"), "Imported ");
      assertTrue(text(By.id("toast")).contains("skipped 0"), text(By.id("toast")));
      waitText(By.id("provider-models"), "gpt-4o-mini");
      assertTrue(text(By.id("provider-models")).contains("Catalog"));
      assertTrue(text(By.tagName("main")).contains("sk-open"), "the credential prefix is shown");
      assertFalse(driver.getPageSource().contains("sk-openai-secret-abcdefghijklmnop"));
      screenshot("04-provider-detail");

      driver.get(harness.url("/admin/providers"));
      click(By.linkText("local-upstream"));
      waitText(By.className("provider-title"), "local-upstream");
      click(By.id("add-custom-model"));
      type(By.name("modelId"), "local-chat");
      type(By.name("contextWindow"), "32000");
      type(By.name("inputPerMTok"), "1");
      type(By.name("outputPerMTok"), "2");
      screenshot("05-add-custom-model");
      submitDialog();
      waitText(By.id("provider-models"), "local-chat");
      assertTrue(text(By.id("provider-models")).contains("Custom"));

      click(By.linkText("Models"));
      waitText(By.tagName("h1"), "Models");
      click(By.id("add-model"));
      type(By.id("model-slug"), "Team Chat");
      assertTrue(visible(By.id("slug-error")).getText().contains("lowercase letters"));
      driver.findElement(By.id("model-slug")).clear();
      type(By.id("model-slug"), "team-chat");
      type(By.name("displayName"), "Team chat");
      waitFor(d -> !d.findElement(By.id("slug-error")).isDisplayed());
      screenshot("06-add-model");
      submitDialog();
      waitFor(d -> d.getCurrentUrl().endsWith("/admin/models/team-chat"));
      waitText(By.id("no-backends"), "No backends yet");
      assertTrue(text(By.tagName("main")).contains("Failover"));
      assertTrue(text(By.tagName("main")).contains("lowest-priority healthy backend"));

      click(By.id("model-publish"));
      assertTrue(visible(By.id("lifecycle-error")).getText().contains("Cannot publish"));
      screenshot("07-model-detail-publish-error");

      click(By.cssSelector("#no-backends button"));
      new Select(visible(By.id("backend-provider"))).selectByVisibleText("local-upstream");
      waitFor(
          d ->
              d.findElements(By.cssSelector("#backend-provider-model option")).stream()
                  .anyMatch(o -> o.getText().equals("local-chat")));
      new Select(driver.findElement(By.id("backend-provider-model")))
          .selectByVisibleText("local-chat");
      assertTrue(text(By.tagName("dialog")).contains("Anthropic-family"));
      type(By.name("temperature"), "0.2");
      type(By.name("topK"), "40");
      type(By.name("stop"), "END");
      screenshot("08-add-backend");
      submitDialog();
      waitText(By.id("backends"), "local-chat");
      assertTrue(text(By.id("backends")).contains("temperature 0.2"));
      assertTrue(text(By.id("backends")).contains("$1 / $2"));

      lifecycle("model-publish", "active");
      lifecycle("model-disable", "disabled");
      lifecycle("model-draft", "draft");
      lifecycle("model-publish", "active");
      screenshot("09-model-detail");
      click(By.linkText("Models"));
      waitText(By.id("models"), "team-chat");
      type(By.cssSelector("input[type=search]"), "nothing-like-it");
      waitText(By.id("models"), "No model matches");
      screenshot("10-models-empty-search");
      driver.findElement(By.cssSelector("input[type=search]")).clear();
      type(By.cssSelector("input[type=search]"), "team");
      waitText(By.id("models"), "Team chat");
      screenshot("11-models");

      click(By.linkText("Access"));
      click(By.id("add-user"));
      type(By.name("name"), "dev-alice");
      submitDialog();
      waitText(By.id("users"), "dev-alice");
      click(By.id("add-grant"));
      new Select(visible(By.id("grant-model"))).selectByValue("team-chat");
      new Select(driver.findElement(By.id("grant-principal")))
          .selectByVisibleText("User: dev-alice");
      submitDialog();
      waitText(By.id("grants"), "team-chat");
      click(By.id("create-key"));
      new Select(visible(By.id("key-user"))).selectByVisibleText("dev-alice");
      submitDialog();
      type(By.id("key-name"), "laptop");
      submitDialog();
      String key = TestSecrets.register(visible(By.id("new-key")).getText());
      assertTrue(key.startsWith("cv-"), key);
      assertTrue(visible(By.id("copy-key")).isDisplayed());
      screenshot("12-key-created");
      submitDialog();
      waitText(By.id("keys"), "laptop");
      assertFalse(text(By.id("keys")).contains(key), "the key is shown only once");
      screenshot("13-access");

      upstream.enqueue(
          new MockResponse.Builder()
              .code(200)
              .addHeader("content-type", "application/json")
              .body(COMPLETION)
              .build());
      try (Response response =
          harness.post(
              "/v1/chat/completions",
              key,
              "{\"model\":\"team-chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
              Map.of())) {
        assertEquals(200, response.code(), response.body().string());
      }

      click(By.linkText("Usage"));
      for (int i = 0; i < 30 && !textOrEmpty(By.id("usage-table")).contains("team-chat"); i++) {
        Thread.sleep(300);
        driver.navigate().refresh();
        waitText(By.tagName("h1"), "Usage");
        Thread.sleep(200);
      }
      waitText(By.id("usage-table"), "team-chat");
      assertTrue(text(By.id("usage-table")).contains("1,000"), text(By.id("usage-table")));
      assertTrue(
          driver.findElement(By.id("usage-csv")).getAttribute("href").contains("/usage.csv?"));
      waitFor(
          d ->
              Boolean.TRUE.equals(
                  ((JavascriptExecutor) d)
                      .executeScript("return !!window.Chart && !!Chart.getChart('spend-chart')")));
      new Select(driver.findElement(By.id("usage-group"))).selectByValue("user");
      waitText(By.id("usage-table"), "dev-alice");
      screenshot("14-usage");

      click(By.linkText("Providers"));
      WebElement row =
          wait.until(d -> d.findElement(By.xpath("//tr[td/a[text()='local-upstream']]")));
      row.findElement(By.tagName("summary")).click();
      row.findElement(By.xpath(".//button[text()='Delete']")).click();
      assertTrue(visible(By.className("confirm-text")).getText().contains("cascades"));
      screenshot("15-delete-provider-confirm");
      submitDialog();
      waitFor(d -> !text(By.id("providers")).contains("local-upstream"));
      driver.get(harness.url("/admin/models/team-chat"));
      waitText(By.id("no-backends"), "No backends yet");
      screenshot("16-model-after-cascade");

      click(By.id("logout"));
      waitFor(d -> d.getCurrentUrl().endsWith("/admin/login"));
      driver.get(harness.url("/admin/models"));
      waitFor(d -> d.getCurrentUrl().endsWith("/admin/login"));
    }
  }

  @Test
  void limitsAreAddedShownEditedAndDeleted() throws Exception {
    try (MockWebServer upstream = new MockWebServer()) {
      upstream.start();
      Model model = harness.chatModel("limited-chat", upstream);
      IssuedKey key = harness.keyFor("dev-bob", model);
      Subject subject = Subject.of(key.key().id(), key.key().userId(), Set.of());

      driver.get(harness.url("/admin/login"));
      login(ServerHarness.ADMIN_TOKEN);
      waitText(By.tagName("h1"), "Providers");
      click(By.linkText("Limits"));
      waitText(By.tagName("main"), "No limits.");
      click(By.id("add-limit"));
      new Select(visible(By.id("limit-scope-kind"))).selectByValue("user");
      new Select(driver.findElement(By.id("limit-target"))).selectByVisibleText("dev-bob");
      new Select(driver.findElement(By.id("limit-model"))).selectByValue("limited-chat");
      type(By.id("limit-rpm"), "60");
      type(By.id("limit-budget"), "5");
      new Select(driver.findElement(By.id("limit-period"))).selectByValue("week");
      screenshot("17-add-limit");
      submitDialog();
      waitText(By.id("limits"), "User: dev-bob");
      String row = text(By.id("limits"));
      assertTrue(row.contains("limited-chat") && row.contains("60 requests/min"), row);
      assertTrue(row.contains("$5 per week"), row);

      Ticket settled =
          harness
              .codeVector
              .limits()
              .admission(subject)
              .admit(model, new Demand(100, 50, new BigDecimal("0.5")));
      harness
          .codeVector
          .limits()
          .admission(subject)
          .admit(model, new Demand(100, 50, new BigDecimal("0.5")));
      settled.settle(120, new BigDecimal("1.25"));
      awaitBudgetSettled();
      driver.navigate().refresh();
      waitText(By.id("limits"), "$1.25 used · $0.5 reserved");
      assertTrue(text(By.id("limits")).contains("$3.25 left of $5"), text(By.id("limits")));
      WebElement used = driver.findElement(By.cssSelector("#limits [data-cap=budget] .bar .used"));
      assertEquals("25%", used.getAttribute("style").replaceAll(".*width:\\s*([^;]+);?.*", "$1"));
      screenshot("18-limits");

      limitAction("Edit");
      visible(By.id("limit-rpm")).clear();
      type(By.id("limit-tpm"), "1000");
      submitDialog();
      waitText(By.id("limits"), "1,000 tokens/min");
      assertFalse(text(By.id("limits")).contains("requests/min"), text(By.id("limits")));

      limitAction("Edit");
      visible(By.id("limit-tpm")).clear();
      visible(By.id("limit-budget")).clear();
      submitDialog();
      waitText(By.cssSelector("dialog[open] .error-box"), "must set");
      screenshot("19-edit-limit-error");
      click(By.cssSelector("dialog[open] .actions button.ghost"));

      click(By.linkText("Access"));
      waitText(By.id("users"), "Budget");
      WebElement bob =
          driver.findElement(By.xpath("//table[@id='users']//tr[td[text()='dev-bob']]"));
      assertEquals(1, bob.findElements(By.className("scope-limit")).size());
      assertTrue(bob.getText().contains("$1.25 used · $0.5 reserved"), bob.getText());
      screenshot("20-access-limits");

      click(By.linkText("Limits"));
      waitText(By.id("limits"), "User: dev-bob");
      limitAction("Delete");
      assertTrue(visible(By.className("confirm-text")).getText().contains("dev-bob"));
      submitDialog();
      waitText(By.tagName("main"), "No limits.");
      assertEquals(0, harness.codeVector.limits().list().size());
    }
  }

  /** Opens the first limit's menu and picks an action. */
  private void limitAction(String action) {
    WebElement row = wait.until(d -> d.findElement(By.cssSelector("#limits tbody tr")));
    row.findElement(By.tagName("summary")).click();
    row.findElement(By.xpath(".//button[text()='" + action + "']")).click();
  }

  @Test
  void aModelIsSetToBalancedWithWeightedBackends() throws Exception {
    String provider =
        harness
            .admin(
                "POST",
                "/providers",
                "{\"kind\":\"openai-compatible\",\"name\":\"shared\",\"credentials\":"
                    + "{\"apiKey\":\"sk-shared-0123456789abcdef\"},"
                    + "\"config\":{\"baseUrl\":\"http://127.0.0.1:9/v1\"}}")
            .expect(201)
            .get("id")
            .asText();
    for (String modelId : List.of("region-a", "region-b")) {
      harness
          .admin(
              "POST",
              "/providers/" + provider + "/models",
              "{\"modelId\":\""
                  + modelId
                  + "\",\"kind\":\"chat\",\"contextWindow\":32000,"
                  + "\"pricing\":{\"inputPerMTok\":1,\"outputPerMTok\":2}}")
          .expect(201);
    }
    driver.get(harness.url("/admin/login"));
    login(ServerHarness.ADMIN_TOKEN);
    click(By.linkText("Models"));
    click(By.id("add-model"));
    type(By.id("model-slug"), "shared-chat");
    type(By.name("displayName"), "Shared chat");
    new Select(visible(By.id("model-routing"))).selectByValue("balanced");
    submitDialog();
    waitFor(d -> d.getCurrentUrl().endsWith("/admin/models/shared-chat"));
    waitText(By.tagName("main"), "Balanced");

    click(By.cssSelector("#no-backends button"));
    backendWiring("region-a", "10", "3");
    submitDialog();
    waitText(By.id("backends"), "region-a");
    click(By.id("add-backend"));
    backendWiring("region-b", "10", null);
    submitDialog();
    waitText(By.id("backends"), "region-b");
    WebElement first =
        driver.findElements(By.cssSelector("#backends tbody tr")).stream()
            .filter(r -> r.getText().contains("region-a"))
            .findFirst()
            .orElseThrow();
    first.findElement(By.tagName("summary")).click();
    first.findElement(By.xpath(".//button[text()='Edit']")).click();
    WebElement weight = visible(By.name("weight"));
    assertEquals("3", weight.getAttribute("value"));
    weight.clear();
    weight.sendKeys("5");
    submitDialog();
    waitFor(
        d ->
            d.findElements(By.cssSelector("#backends .backend-weight")).stream()
                .anyMatch(c -> c.getText().equals("5")));
    screenshot("12-balanced-model");

    JsonNode model = harness.admin("GET", "/models/shared-chat", null).expect(200);
    assertEquals("balanced", model.get("routing").asText());
    Map<String, Integer> weights = new HashMap<>();
    model
        .get("backends")
        .forEach(b -> weights.put(b.get("modelId").asText(), b.get("weight").asInt()));
    assertEquals(Map.of("region-a", 5, "region-b", 1), weights);
    model.get("backends").forEach(b -> assertEquals(10, b.get("priority").asInt()));

    click(By.xpath("//button[text()='Edit']"));
    assertEquals(
        "balanced",
        new Select(visible(By.id("model-routing"))).getFirstSelectedOption().getAttribute("value"));
    new Select(visible(By.id("model-routing"))).selectByValue("failover");
    submitDialog();
    waitText(By.tagName("main"), "lowest-priority healthy backend");
    assertEquals(
        "failover",
        harness.admin("GET", "/models/shared-chat", null).expect(200).get("routing").asText());
    click(By.linkText("Models"));
    waitText(By.id("models"), "Failover");
  }

  /** Fills the open Backend form: the Provider Model of the shared Provider, priority, weight. */
  private void backendWiring(String providerModel, String priority, String weight) {
    new Select(visible(By.id("backend-provider"))).selectByVisibleText("shared");
    waitFor(
        d ->
            d.findElements(By.cssSelector("#backend-provider-model option")).stream()
                .anyMatch(o -> o.getText().equals(providerModel)));
    new Select(driver.findElement(By.id("backend-provider-model")))
        .selectByVisibleText(providerModel);
    driver.findElement(By.name("priority")).clear();
    type(By.name("priority"), priority);
    if (weight != null) {
      driver.findElement(By.name("weight")).clear();
      type(By.name("weight"), weight);
    }
  }

  @Test
  void userSuppliedNamesShowAsText() throws Exception {
    String providerName = "<img src=x onerror=\"window.__xss=1\">";
    String modelName = "<script>window.__xss=1</script>";
    harness
        .admin(
            "POST",
            "/providers",
            "{\"kind\":\"openai\",\"name\":\""
                + providerName.replace("\"", "\\\"")
                + "\","
                + "\"credentials\":{\"apiKey\":\"sk-xss-0123456789abcdef\"}}")
        .expect(201);
    harness
        .admin(
            "POST",
            "/models",
            "{\"slug\":\"xss-model\",\"displayName\":\"" + modelName + "\",\"kind\":\"chat\"}")
        .expect(201);
    harness.admin("POST", "/users", "{\"name\":\"" + modelName + "\"}").expect(201);

    driver.get(harness.url("/admin/login"));
    login(ServerHarness.ADMIN_TOKEN);
    waitText(By.id("providers"), providerName);
    click(By.linkText(providerName));
    waitText(By.className("provider-title"), providerName);
    driver.get(harness.url("/admin/models"));
    waitText(By.id("models"), modelName);
    click(By.linkText("xss-model"));
    waitText(By.tagName("main"), modelName);
    click(By.linkText("Access"));
    waitText(By.id("users"), modelName);
    screenshot("xss-names-as-text");

    assertNull(((JavascriptExecutor) driver).executeScript("return window.__xss"));
  }

  @Test
  void aChangeMadeInTheConsoleShowsOnTheAuditPage() throws Exception {
    harness.admin("POST", "/groups", "{\"name\":\"made-with-the-token\"}").expect(201);
    driver.get(harness.url("/admin/login"));
    login(ServerHarness.ADMIN_TOKEN);
    click(By.linkText("Access"));
    click(By.id("add-user"));
    type(By.name("name"), "grace");
    submitDialog();
    waitText(By.id("users"), "grace");

    click(By.linkText("Audit"));
    waitText(By.tagName("h1"), "Audit");
    waitText(By.id("audit-table"), "session:");
    WebElement newest = driver.findElement(By.cssSelector("#audit-table tbody tr"));
    newest.findElement(By.tagName("summary")).click();
    waitFor(d -> newest.getText().contains("grace"));
    screenshot("audit");

    assertTrue(newest.getText().contains("user"), newest.getText());
    assertEquals("create", newest.findElement(By.className("audit-action")).getText());
    assertTrue(
        newest.findElement(By.className("audit-actor")).getText().matches("session:[0-9a-f]{8}"),
        newest.getText());
    new Select(visible(By.id("audit-resource"))).selectByValue("group");
    waitFor(d -> !text(By.id("audit-table")).contains("session:"));
    assertTrue(text(By.id("audit-table")).contains("admin-token"), text(By.id("audit-table")));
  }

  @Test
  void changesFromThePageWithoutTheCsrfTokenAreRefused() throws Exception {
    driver.get(harness.url("/admin/login"));
    login(ServerHarness.ADMIN_TOKEN);
    waitText(By.tagName("h1"), "Providers");

    Object status =
        ((JavascriptExecutor) driver)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch('/admin/api/users', {method: 'POST', credentials: 'same-origin',"
                    + " headers: {'Content-Type': 'application/json'}, body: '{\"name\":\"x\"}'})"
                    + ".then(r => done(r.status));");

    assertEquals(403L, status);
    assertEquals(0, harness.admin("GET", "/users", null).json().get("data").size());
  }

  private void login(String token) {
    WebElement field = visible(By.id("token"));
    field.clear();
    field.sendKeys(token);
    driver.findElement(By.cssSelector("form button[type=submit]")).click();
  }

  private void addProvider(String kind, String name, String apiKey, String baseUrl)
      throws IOException {
    click(By.id("add-provider"));
    new Select(visible(By.id("provider-kind"))).selectByValue(kind);
    type(By.id("provider-name"), name);
    type(By.name("cred.apiKey"), apiKey);
    if (baseUrl != null) {
      type(By.name("config.baseUrl"), baseUrl);
      screenshot("02-add-provider");
    }
    submitDialog();
    waitText(By.id("providers"), name);
  }

  private void lifecycle(String button, String status) {
    click(By.id(button));
    waitFor(
        d ->
            d.findElements(By.cssSelector(".cards .badge")).stream()
                .anyMatch(b -> b.getText().equals(status)));
  }

  private void submitDialog() {
    click(By.cssSelector("dialog[open] .actions button[type=submit]"));
  }

  private void click(By by) {
    wait.until(
        d -> {
          WebElement element = d.findElement(by);
          if (!element.isDisplayed() || !element.isEnabled()) {
            return false;
          }
          element.click();
          return true;
        });
  }

  private void type(By by, String text) {
    visible(by).sendKeys(text);
  }

  private WebElement visible(By by) {
    return wait.until(
        d -> {
          WebElement element = d.findElement(by);
          return element.isDisplayed() ? element : null;
        });
  }

  private String text(By by) {
    return driver.findElement(by).getText();
  }

  private String textOrEmpty(By by) {
    return driver.findElements(by).stream().map(WebElement::getText).findFirst().orElse("");
  }

  /** Waits, at most ten seconds, until the background writer has settled a budget's spend. */
  private void awaitBudgetSettled() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline
        && harness.codeVector.limits().list().stream()
            .flatMap(limit -> harness.codeVector.limits().status(limit.id()).caps().stream())
            .noneMatch(cap -> cap.cap() == Cap.BUDGET && cap.used().signum() > 0)) {
      Thread.sleep(20);
    }
  }

  private void waitText(By by, String expected) {
    waitFor(d -> d.findElements(by).stream().anyMatch(e -> e.getText().contains(expected)));
  }

  private void waitFor(Function<WebDriver, Boolean> condition) {
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .ignoring(org.openqa.selenium.NoSuchElementException.class)
        .until(condition);
  }

  private void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
