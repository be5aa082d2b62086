package dev.codevector.testkit;

import static dev.codevector.testkit.StoreFixtures.T0;
import static dev.codevector.testkit.StoreFixtures.bareUsage;
import static dev.codevector.testkit.StoreFixtures.provider;
import static dev.codevector.testkit.StoreFixtures.usageRecord;
import static dev.codevector.testkit.StoreFixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.codevector.access.User;
import dev.codevector.access.UserId;
import dev.codevector.registry.ProviderId;
import dev.codevector.spi.Store;
import dev.codevector.usage.Client;
import dev.codevector.usage.ClientKind;
import dev.codevector.usage.GroupBy;
import dev.codevector.usage.UsageQuery;
import dev.codevector.usage.UsageRecord;
import dev.codevector.usage.UsageTotal;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract a {@link Store} keeps for its usage records: {@link dev.codevector.spi.UsageStore}.
 * A Store implementation proves itself by extending this class and returning a new, empty store
 * from {@link #newStore()}; each test gets its own store and closes it afterwards.
 */
public abstract class UsageStoreContract extends StoreContract {
  private static final String TOTALS_COUNT =
      "usageTotals must count each record in the range once, under its key";

  /** Creates the contract; a subclass supplies the store. */
  protected UsageStoreContract() {}

  // Usage

  @Test
  void usageRecordRoundTripsWithEveryField() {
    UsageRecord original = usageRecord("req-1", T0, "chat", ProviderId.random(), UserId.random());

    usage().putUsage(List.of(original));

    List<UsageRecord> found = usage().usageRecords(T0, T0.plusSeconds(1), 10);
    assertEquals(List.of(original), found, Rule.roundTrips("usageRecords", "a usage record"));
    assertEquals(
        new BigDecimal("0.006"),
        found.get(0).cost(),
        "usageRecords must return a record's cost as the exact decimal put");
    assertEquals(
        original.pricing(),
        found.get(0).pricing(),
        "usageRecords must return a record's prices as the exact decimals put");
    assertEquals(
        Duration.ofNanos(1_234_567_891),
        found.get(0).latency(),
        "usageRecords must return a record's durations to the nanosecond");
    assertEquals(
        Client.of(ClientKind.CLAUDE_CODE, "2.1.330"),
        found.get(0).client(),
        "usageRecords must return a record's client, its kind and version");
    assertEquals(
        Optional.of("2218abcc-38af-4bbe-8a1a-fbf5c48f4617"),
        found.get(0).sessionId(),
        "usageRecords must return a record's session id");
  }

  @Test
  void usageRecordWithoutOptionalFieldsRoundTrips() {
    UsageRecord original = bareUsage("req-1", T0, "unknown-model");

    usage().putUsage(List.of(original));

    assertEquals(
        List.of(original),
        usage().usageRecords(T0, T0.plusSeconds(1), 10),
        "usageRecords must return a record without its optional fields as put, their absence"
            + " kept");
  }

  @Test
  void puttingUsageAgainIgnoresKnownRequestIds() {
    UsageRecord first = usageRecord("req-1", T0, "chat", ProviderId.random(), UserId.random());
    UsageRecord second = bareUsage("req-2", T0.plusSeconds(1), "chat");
    usage().putUsage(List.of(first));

    usage().putUsage(List.of(bareUsage("req-1", T0, "changed"), second));

    assertEquals(
        List.of(first, second),
        usage().usageRecords(T0, T0.plusSeconds(2), 10),
        "putUsage must ignore, without error, a record whose request id is stored already");
  }

  @Test
  void repeatedRequestIdWithinABatchKeepsTheFirst() {
    UsageRecord first = bareUsage("req-1", T0, "first");

    usage().putUsage(List.of(first, bareUsage("req-1", T0, "second")));

    assertEquals(
        List.of(first),
        usage().usageRecords(T0, T0.plusSeconds(1), 10),
        "putUsage must keep the first of two records of one request id in a batch");
  }

  @Test
  void usageRecordsComeByTimeWithinTheRangeUpToTheLimit() {
    Instant from = T0;
    Instant to = T0.plusSeconds(10);
    UsageRecord atFrom = bareUsage("b", from, "chat");
    UsageRecord sameTime = bareUsage("c", from, "chat");
    UsageRecord later = bareUsage("a", from.plusSeconds(5), "chat");
    usage()
        .putUsage(
            List.of(
                later,
                bareUsage("at-to", to, "chat"),
                sameTime,
                bareUsage("before", from.minusNanos(1000), "chat"),
                atFrom));

    assertEquals(
        List.of(atFrom, sameTime, later),
        usage().usageRecords(from, to, 10),
        "usageRecords must return the records made from 'from', included, to 'to', excluded, by"
            + " time and then request id");
    assertEquals(
        List.of(atFrom, sameTime),
        usage().usageRecords(from, to, 2),
        "usageRecords must return at most 'limit' records, the earliest");
    assertEquals(
        List.of(),
        usage().usageRecords(to.plusSeconds(1), to.plusSeconds(2), 10),
        "usageRecords must return nothing for a range without records");
  }

  @Test
  void usageTotalsByModelSumEveryCount() {
    ProviderId provider = ProviderId.random();
    UserId user = UserId.random();

    List<UsageTotal> totals =
        totalsOf(
            new UsageQuery(T0, T0.plusSeconds(3), GroupBy.MODEL),
            usageRecord("1", T0, "chat", provider, user),
            usageRecord("2", T0.plusSeconds(1), "chat", provider, user),
            bareUsage("3", T0.plusSeconds(2), "embed"));

    assertEquals(
        List.of(
            new UsageTotal("chat", 2, 2400, 600, 80, 500, new BigDecimal("0.012")),
            new UsageTotal("embed", 1, 0, 0, 0, 0, BigDecimal.ZERO)),
        totals,
        "usageTotals must sum every count and cost of the records of each key, by key");
  }

  @Test
  void usageTotalsByProviderPutRecordsWithoutOneUnderTheEmptyKey() {
    ProviderId a = ProviderId.of("provider-a");
    ProviderId b = ProviderId.of("provider-b");
    UserId user = UserId.random();

    List<UsageTotal> totals =
        totalsOf(
            new UsageQuery(T0, T0.plusSeconds(1), GroupBy.PROVIDER),
            usageRecord("1", T0, "chat", a, user),
            usageRecord("2", T0, "chat", b, user),
            usageRecord("3", T0, "other", b, user),
            bareUsage("4", T0, "chat"));

    assertEquals(
        List.of("", "provider-a", "provider-b"),
        keys(totals),
        "usageTotals by Provider must total records without a Provider under the empty key, by"
            + " key");
    assertEquals(List.of(1L, 1L, 2L), requests(totals), TOTALS_COUNT);
    assertEquals(
        new BigDecimal("0.012"),
        totals.get(2).cost(),
        "usageTotals must sum the costs as exact decimals");
  }

  @Test
  void usageTotalsByClientPutRecordsOfAnUnknownClientUnderOther() {
    ProviderId provider = ProviderId.random();
    UserId user = UserId.random();

    List<UsageTotal> totals =
        totalsOf(
            new UsageQuery(T0, T0.plusSeconds(1), GroupBy.CLIENT),
            usageRecord("1", T0, "chat", provider, user),
            usageRecord(
                "2",
                T0,
                "chat",
                provider,
                user,
                Client.of(ClientKind.CODEX, "0.169.0"),
                Optional.of("01a1ff20-537e-79c2-a757-287314d0fbe9")),
            usageRecord("3", T0, "chat", provider, user, Client.OTHER, Optional.empty()),
            usageRecord("4", T0, "chat", provider, user),
            bareUsage("5", T0, "chat"));

    assertEquals(
        List.of("claude-code", "codex", "other"),
        keys(totals),
        "usageTotals by client must total records of an unknown client under 'other', by key");
    assertEquals(List.of(2L, 1L, 2L), requests(totals), TOTALS_COUNT);
  }

  @Test
  void usageTotalsBySessionPutRecordsWithoutOneUnderTheEmptyKey() {
    ProviderId provider = ProviderId.random();
    UserId user = UserId.random();
    Client codex = Client.of(ClientKind.CODEX, "0.169.0");

    List<UsageTotal> totals =
        totalsOf(
            new UsageQuery(T0, T0.plusSeconds(1), GroupBy.SESSION),
            usageRecord("1", T0, "chat", provider, user, codex, Optional.of("session-b")),
            usageRecord("2", T0, "chat", provider, user, codex, Optional.of("session-a")),
            usageRecord("3", T0, "chat", provider, user, codex, Optional.of("session-b")),
            bareUsage("4", T0, "chat"));

    assertEquals(
        List.of("", "session-a", "session-b"),
        keys(totals),
        "usageTotals by session must total records without a session under the empty key, by"
            + " key");
    assertEquals(List.of(1L, 1L, 2L), requests(totals), TOTALS_COUNT);
    assertEquals(
        List.of(0L, 250L, 500L),
        totals.stream().map(UsageTotal::outputTokens).toList(),
        TOTALS_COUNT);
  }

  @Test
  void usageTotalsByUserPutRecordsWithoutOneUnderTheEmptyKey() {
    UserId ada = UserId.of("user-ada");
    UserId bob = UserId.of("user-bob");
    ProviderId provider = ProviderId.random();

    List<UsageTotal> totals =
        totalsOf(
            new UsageQuery(T0, T0.plusSeconds(1), GroupBy.USER),
            usageRecord("1", T0, "chat", provider, ada),
            usageRecord("2", T0, "chat", provider, bob),
            usageRecord("3", T0, "chat", provider, bob),
            bareUsage("4", T0, "chat"));

    assertEquals(
        List.of("", "user-ada", "user-bob"),
        keys(totals),
        "usageTotals by user must total records without a user under the empty key, by key");
    assertEquals(List.of(1L, 1L, 2L), requests(totals), TOTALS_COUNT);
    assertEquals(
        List.of(0L, 250L, 500L),
        totals.stream().map(UsageTotal::outputTokens).toList(),
        TOTALS_COUNT);
  }

  @Test
  void usageTotalsByDayUseUtcDates() {
    Instant lateOnTheFirst = Instant.parse("2026-11-01T23:59:59.999999Z");
    Instant startOfTheSecond = Instant.parse("2026-11-02T00:00:00Z");

    List<UsageTotal> totals =
        totalsOf(
            new UsageQuery(lateOnTheFirst, startOfTheSecond.plusSeconds(86_400), GroupBy.DAY),
            bareUsage("1", lateOnTheFirst, "chat"),
            bareUsage("2", startOfTheSecond, "chat"),
            bareUsage("3", startOfTheSecond.plusSeconds(3600), "chat"));

    assertEquals(
        List.of("2026-11-01", "2026-11-02"),
        keys(totals),
        "usageTotals by day must key each record by its UTC date");
    assertEquals(List.of(1L, 2L), requests(totals), TOTALS_COUNT);
  }

  @Test
  void usageTotalsCountFromInclusiveToExclusive() {
    Instant from = T0;
    Instant to = T0.plusSeconds(60);

    List<UsageTotal> totals =
        totalsOf(
            new UsageQuery(from, to, GroupBy.MODEL),
            bareUsage("before", from.minusNanos(1000), "chat"),
            bareUsage("at-from", from, "chat"),
            bareUsage("inside", from.plusSeconds(30), "chat"),
            bareUsage("at-to", to, "chat"));

    assertEquals(
        List.of(new UsageTotal("chat", 2, 0, 0, 0, 0, BigDecimal.ZERO)),
        totals,
        "usageTotals must count the records made from the query's 'from', included, to its"
            + " 'to', excluded");
    assertEquals(
        List.of(),
        usage().usageTotals(new UsageQuery(to, to, GroupBy.MODEL)),
        "usageTotals must return nothing for an empty range");
  }

  @Test
  void usageRecordsOutliveTheUserTheyName() {
    User ada = access().putUser(user("ada"));
    UsageRecord record = usageRecord("1", T0, "chat", ProviderId.random(), ada.id());
    usage().putUsage(List.of(record));

    access().deleteUser(ada.id());

    assertEquals(
        List.of(record),
        usage().usageRecords(T0, T0.plusSeconds(1), 1),
        "usage records refer to nothing: deleteUser must keep the usage records naming the user");
  }

  /** Puts the records, then totals them as the query asks. */
  private List<UsageTotal> totalsOf(UsageQuery query, UsageRecord... records) {
    usage().putUsage(List.of(records));
    return usage().usageTotals(query);
  }

  private static List<Long> requests(List<UsageTotal> totals) {
    return totals.stream().map(UsageTotal::requests).toList();
  }

  private static List<String> keys(List<UsageTotal> totals) {
    return totals.stream().map(UsageTotal::key).toList();
  }
}
