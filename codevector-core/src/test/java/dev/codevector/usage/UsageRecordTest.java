package dev.codevector.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.codevector.registry.BackendId;
import dev.codevector.registry.Pricing;
import dev.codevector.registry.ProviderId;
import dev.codevector.routing.Attempt;
import dev.codevector.routing.Outcome;
import dev.codevector.routing.Usage;
import dev.codevector.testing.TestValues;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Cost computation and the checks of usage values. */
final class UsageRecordTest {
  private static final Pricing FULL =
      Pricing.of(new BigDecimal("3"), new BigDecimal("15"))
          .withCachedInput(new BigDecimal("0.30"))
          .withCacheWrite(new BigDecimal("3.75"));

  @Test
  void costChargesEachKindOfTokenAtItsOwnPriceExactly() {
    Usage usage = new Usage(1_000, 2_000, 3_000, 4_000);

    BigDecimal cost = UsageRecord.cost(usage, FULL);

    // 1000 × 3 + 2000 × 0.3 + 3000 × 3.75 + 4000 × 15 = 74 850 dollars per million tokens
    assertEquals(new BigDecimal("0.07485"), cost);
  }

  @Test
  void cachedInputFallsBackToTheInputPrice() {
    Pricing pricing = Pricing.of(new BigDecimal("2.5"), new BigDecimal("10"));

    BigDecimal cost = UsageRecord.cost(new Usage(0, 1_000_000, 0, 0), pricing);

    assertEquals(new BigDecimal("2.5"), cost);
  }

  @Test
  void cacheWritesFallBackToTheInputPrice() {
    Pricing pricing =
        Pricing.of(new BigDecimal("2.5"), new BigDecimal("10"))
            .withCachedInput(new BigDecimal("1.25"));

    BigDecimal cost = UsageRecord.cost(new Usage(0, 0, 400_000, 0), pricing);

    assertEquals(BigDecimal.ONE, cost);
  }

  @Test
  void costOfASingleTokenKeepsEveryDigit() {
    Pricing pricing = Pricing.of(new BigDecimal("0.075"), new BigDecimal("0.3"));

    BigDecimal cost = UsageRecord.cost(new Usage(1, 0, 0, 1), pricing);

    assertEquals(new BigDecimal("0.000000375"), cost);
  }

  @Test
  void costOfNoTokensIsZero() {
    assertEquals(BigDecimal.ZERO, UsageRecord.cost(Usage.NONE, FULL));
  }

  @Test
  void recordKeepsCostsWithoutTrailingZerosAndTimeToTheMicrosecond() {
    Instant precise = Instant.parse("2026-11-21T10:00:00.123456789Z");
    UsageRecord base = TestValues.unanswered("r", precise, "chat");

    UsageRecord record = withCost(base, new BigDecimal("1.500"));

    assertEquals(Instant.parse("2026-11-21T10:00:00.123456Z"), record.time());
    assertEquals(withCost(base, new BigDecimal("1.5")), record);
  }

  @Test
  void negativeTokenCountsAndCostsAreRefused() {
    UsageRecord base = TestValues.unanswered("r", TestValues.T0, "chat");

    assertThrows(IllegalArgumentException.class, () -> withCost(base, new BigDecimal("-0.01")));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new UsageRecord(
                "r",
                base.time(),
                Optional.empty(),
                Optional.empty(),
                "chat",
                Optional.empty(),
                Optional.empty(),
                base.attempts(),
                200,
                -1,
                0,
                0,
                0,
                base.pricing(),
                BigDecimal.ZERO,
                Duration.ZERO,
                Optional.empty(),
                Client.OTHER,
                Optional.empty()));
  }

  @Test
  void attemptSummaryKeepsWhatWasTriedAndHowItWent() {
    Attempt attempt =
        new Attempt(
            BackendId.of("b-1"),
            ProviderId.of("p-1"),
            "gpt-4o",
            Outcome.FAILOVER,
            503,
            Duration.ofMillis(20),
            Optional.of("upstream answered 503"));

    assertEquals(
        new AttemptSummary(
            BackendId.of("b-1"), ProviderId.of("p-1"), "gpt-4o", Outcome.FAILOVER, 503),
        AttemptSummary.of(attempt));
  }

  @Test
  void queryRangeMustNotEndBeforeItStarts() {
    Instant now = TestValues.T0;

    assertThrows(
        IllegalArgumentException.class,
        () -> new UsageQuery(now, now.minusSeconds(1), GroupBy.DAY));
  }

  @Test
  void sessionIdMustBeShortAndFreeOfControlCharacters() {
    UsageRecord base = TestValues.unanswered("r", TestValues.T0, "chat");
    String longest = "s".repeat(UsageRecord.MAX_SESSION_ID);

    assertEquals(Optional.of(longest), with(base, base.cost(), Optional.of(longest)).sessionId());
    for (String bad : List.of("", longest + "s", "a\nb", "a\u0000b")) {
      assertThrows(
          IllegalArgumentException.class, () -> with(base, base.cost(), Optional.of(bad)), bad);
    }
  }

  @Test
  void recordsAreGroupedByClientNameAndBySession() {
    UsageRecord base = TestValues.unanswered("r", TestValues.T0, "chat");
    UsageRecord inSession = with(base, base.cost(), Optional.of("s-1"));

    assertEquals("other", GroupBy.CLIENT.keyOf(base));
    assertEquals("", GroupBy.SESSION.keyOf(base));
    assertEquals("s-1", GroupBy.SESSION.keyOf(inSession));
  }

  @Test
  void clientVersionMustBeShortAndPlain() {
    assertEquals("claude-code", Client.of(ClientKind.CLAUDE_CODE, "2.1.330").kind().key());
    assertEquals(Optional.of(ClientKind.OPENAI_SDK), ClientKind.fromKey("openai-sdk"));
    assertEquals(Optional.empty(), ClientKind.fromKey("netscape"));
    for (String bad : List.of("", "1 2", "v<1>", "9".repeat(Client.MAX_VERSION + 1))) {
      assertThrows(IllegalArgumentException.class, () -> Client.of(ClientKind.CODEX, bad), bad);
    }
  }

  private static UsageRecord withCost(UsageRecord r, BigDecimal cost) {
    return with(r, cost, r.sessionId());
  }

  private static UsageRecord with(UsageRecord r, BigDecimal cost, Optional<String> sessionId) {
    return new UsageRecord(
        r.requestId(),
        r.time(),
        r.user(),
        r.key(),
        r.model(),
        r.provider(),
        r.providerModel(),
        r.attempts(),
        r.status(),
        r.inputTokens(),
        r.cachedInputTokens(),
        r.cacheWriteTokens(),
        r.outputTokens(),
        r.pricing(),
        cost,
        r.latency(),
        r.timeToFirstToken(),
        r.client(),
        sessionId);
  }
}
