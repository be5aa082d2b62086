package dev.codevector.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.CodeVector;
import dev.codevector.access.User;
import dev.codevector.access.UserId;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderId;
import dev.codevector.registry.ValidationException;
import dev.codevector.usage.GroupBy;
import dev.codevector.usage.UsageQuery;
import dev.codevector.usage.UsageRecord;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The admin routes for usage: totals per Model, Provider, user, day, client or session ({@code GET
 * /usage}), and the records themselves as CSV ({@code GET /usage.csv}), both over {@code ?from&to}.
 *
 * <p>{@code from} and {@code to} are ISO-8601 instants ({@code 2026-01-31T12:00:00Z}) or dates
 * ({@code 2026-01-31}, in UTC); the range is {@code [from, to)}, except that a date as {@code to}
 * includes that whole day. Without them the range is the last 30 days. Records still queued in the
 * recorder are not counted yet.
 */
final class AdminUsage {
  private static final Duration DEFAULT_RANGE = Duration.ofDays(30);

  /** The most records one CSV export holds, the earliest first. */
  private static final int MAX_CSV_RECORDS = 100_000;

  private static final String CSV_HEADER =
      "time,requestId,userId,userName,model,providerId,providerName,providerModel,status,"
          + "inputTokens,cachedInputTokens,cacheWriteTokens,outputTokens,cost,latencyMs,"
          + "client,clientVersion,sessionId\r\n";

  private final CodeVector codeVector;

  AdminUsage(CodeVector codeVector) {
    this.codeVector = codeVector;
  }

  void register(AdminRoutes routes) {
    routes.get("/usage", this::totals);
    routes.get("/usage.csv", this::csv);
  }

  private void totals(Context ctx) {
    UsageQuery query = query(ctx);
    Names names = new Names();
    Function<String, String> label =
        switch (query.groupBy()) {
          case PROVIDER -> names::provider;
          case USER -> names::user;
          case MODEL, DAY, CLIENT, SESSION -> Function.identity();
        };
    List<ObjectNode> totals =
        codeVector.usageTotals(query).stream()
            .map(t -> AdminJson.usageTotal(t, label.apply(t.key())))
            .toList();
    ObjectNode answer = AdminJson.list(totals);
    answer
        .put("from", query.from().toString())
        .put("to", query.to().toString())
        .put("groupBy", query.groupBy().name().toLowerCase(Locale.ROOT));
    AdminJson.send(ctx, 200, answer);
  }

  private void csv(Context ctx) {
    UsageQuery query = query(ctx);
    Names names = new Names();
    StringBuilder csv = new StringBuilder(CSV_HEADER);
    for (UsageRecord record : codeVector.usageRecords(query.from(), query.to(), MAX_CSV_RECORDS)) {
      String user = record.user().map(UserId::value).orElse("");
      String provider = record.provider().map(ProviderId::value).orElse("");
      csv.append(
          String.join(
              ",",
              record.time().toString(),
              cell(record.requestId()),
              cell(user),
              cell(names.user(user)),
              cell(record.model()),
              cell(provider),
              cell(names.provider(provider)),
              cell(record.providerModel().orElse("")),
              Integer.toString(record.status()),
              Long.toString(record.inputTokens()),
              Long.toString(record.cachedInputTokens()),
              Long.toString(record.cacheWriteTokens()),
              Long.toString(record.outputTokens()),
              record.cost().toPlainString(),
              Long.toString(record.latency().toMillis()),
              record.client().kind().key(),
              cell(record.client().version().orElse("")),
              cell(record.sessionId().orElse(""))));
      csv.append("\r\n");
    }
    ctx.status(200)
        .contentType("text/csv; charset=utf-8")
        .header("content-disposition", "attachment; filename=\"usage.csv\"")
        .result(csv.toString());
  }

  /**
   * Writes a text cell: quoted when it holds a comma, a quote or a line break (RFC 4180), and with
   * a leading apostrophe when it starts like a spreadsheet formula, so that a name such as {@code
   * =HYPERLINK(...)} stays text when the export is opened.
   */
  private static String cell(String value) {
    String text = value.isEmpty() || "=+-@\t\r".indexOf(value.charAt(0)) < 0 ? value : "'" + value;
    if (text.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }

  private static UsageQuery query(Context ctx) {
    Optional<Instant> to = AdminRoutes.time(ctx, "to", true);
    Optional<Instant> from = AdminRoutes.time(ctx, "from", false);
    Instant end = to.orElseGet(Instant::now);
    Instant start = from.orElse(end.minus(DEFAULT_RANGE));
    if (end.isBefore(start)) {
      throw new ValidationException("to", end.toString(), "must not be before from");
    }
    return new UsageQuery(start, end, groupBy(ctx.queryParam("groupBy")));
  }

  private static GroupBy groupBy(String text) {
    if (text == null || text.isBlank()) {
      return GroupBy.MODEL;
    }
    return Arrays.stream(GroupBy.values())
        .filter(g -> g.name().equalsIgnoreCase(text.strip()))
        .findFirst()
        .orElseThrow(
            () ->
                new ValidationException(
                    "groupBy",
                    text,
                    "must be one of "
                        + Arrays.stream(GroupBy.values())
                            .map(g -> g.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", "))));
  }

  /**
   * Names of the Providers and users that usage keys refer to by id, each looked up once; an id
   * whose Provider or user is gone keeps its id as the name. Not thread-safe; one per request.
   */
  private final class Names {
    private final Map<String, String> providers = new HashMap<>();
    private final Map<String, String> users = new HashMap<>();

    String provider(String id) {
      return id.isBlank()
          ? id
          : providers.computeIfAbsent(
              id,
              k ->
                  codeVector
                      .registry()
                      .findProvider(ProviderId.of(k))
                      .map(Provider::name)
                      .orElse(k));
    }

    String user(String id) {
      return id.isBlank()
          ? id
          : users.computeIfAbsent(
              id, k -> codeVector.access().findUser(UserId.of(k)).map(User::name).orElse(k));
    }
  }
}
