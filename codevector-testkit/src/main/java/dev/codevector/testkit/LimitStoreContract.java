package dev.codevector.testkit;

import static dev.codevector.testkit.StoreFixtures.T0;
import static dev.codevector.testkit.StoreFixtures.apiKey;
import static dev.codevector.testkit.StoreFixtures.group;
import static dev.codevector.testkit.StoreFixtures.limit;
import static dev.codevector.testkit.StoreFixtures.model;
import static dev.codevector.testkit.StoreFixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.access.ApiKey;
import dev.codevector.access.ApiKeyId;
import dev.codevector.access.ApiKeyNotFoundException;
import dev.codevector.access.Group;
import dev.codevector.access.GroupId;
import dev.codevector.access.GroupNotFoundException;
import dev.codevector.access.User;
import dev.codevector.access.UserId;
import dev.codevector.access.UserNotFoundException;
import dev.codevector.limits.Budget;
import dev.codevector.limits.BudgetPeriod;
import dev.codevector.limits.Charge;
import dev.codevector.limits.Counter;
import dev.codevector.limits.Limit;
import dev.codevector.limits.LimitId;
import dev.codevector.limits.LimitScope;
import dev.codevector.limits.LimitSpec;
import dev.codevector.limits.Meter;
import dev.codevector.limits.Reservation;
import dev.codevector.limits.Settlement;
import dev.codevector.limits.Tally;
import dev.codevector.limits.Window;
import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.registry.ConcurrentUpdateException;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.ModelNotFoundException;
import dev.codevector.spi.Store;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The contract a {@link Store} keeps for its budgets and rate limits: {@link
 * dev.codevector.spi.LimitStore}. A Store implementation proves itself by extending this class and
 * returning a new, empty store from {@link #newStore()}; each test gets its own store and closes it
 * afterwards. The concurrency tests run several threads against one store: a store shared by
 * processes must pass them too, and is best also tested with two stores on the same data.
 */
public abstract class LimitStoreContract extends StoreContract {
  private static final Window MINUTE = Window.minuteOf(T0);

  /** Creates the contract; a subclass supplies the store. */
  protected LimitStoreContract() {}

  // Limits

  @Test
  void limitRoundTripsWithEveryField() {
    User ada = access().putUser(user("ada"));
    ApiKey key = access().putApiKey(apiKey(ada.id()));
    Model model = registry().putModel(model("chat"));
    Limit original = limit(new LimitScope.Key(key.id()), Optional.of(model.id()));

    Limit stored = limits().putLimit(original);

    assertEquals(versioned(original, 1), stored, Rule.inserted("putLimit", "a limit"));
    assertEquals(
        Optional.of(stored),
        limits().findLimit(original.id()),
        Rule.roundTrips("findLimit", "a limit"));
    assertEquals(List.of(stored), limits().limits(), Rule.lists("limits()"));
  }

  @Test
  void limitOfEachScopeRoundTrips() {
    User ada = access().putUser(user("ada"));
    Group team = access().putGroup(group("team", ada.id()));
    Limit onUser = limit(new LimitScope.User(ada.id()), Optional.empty());
    Limit onGroup = limit(new LimitScope.Group(team.id()), Optional.empty());
    Limit onEveryone =
        Limit.create(
            spec(
                new LimitScope.All(),
                OptionalLong.empty(),
                OptionalLong.empty(),
                Optional.of(new Budget(new BigDecimal("0.000001"), BudgetPeriod.DAY))),
            T0);

    for (Limit limit : List.of(onUser, onGroup, onEveryone)) {
      limits().putLimit(limit);
      assertEquals(
          Optional.of(versioned(limit, 1)),
          limits().findLimit(limit.id()),
          "findLimit must return a limit on "
              + limit.scope()
              + " as put, the caps it does not set left unset");
    }
    assertEquals(3, limits().limits().size(), Rule.lists("limits()"));
  }

  @Test
  void missingLimitIsNotFound() {
    assertEquals(Optional.empty(), limits().findLimit(LimitId.random()), Rule.missing("findLimit"));
    assertFalse(limits().deleteLimit(LimitId.random()), Rule.deletes("deleteLimit"));
  }

  @Test
  void limitUpdatesAreCompareAndSet() {
    Limit stored = limits().putLimit(everyone(5, 500));
    Limit changed = stored.withSpec(rateSpec(new LimitScope.All(), 7, 700), T0.plusSeconds(1));

    Limit updated = limits().putLimit(changed);

    assertEquals(versioned(changed, 2), updated, Rule.updated("putLimit", "a limit"));
    assertThrows(
        ConcurrentUpdateException.class, () -> limits().putLimit(stored), Rule.stale("putLimit"));
    AlreadyExistsException duplicate =
        assertThrows(
            AlreadyExistsException.class,
            () -> limits().putLimit(versioned(stored, 0)),
            Rule.duplicate("putLimit", "id, at version 0 (new),"));
    assertEquals(
        "limit id '" + stored.id() + "' already exists",
        duplicate.getMessage(),
        "putLimit must refuse a taken id with what 'limit id' and the id as value");
    assertEquals(
        Optional.of(updated), limits().findLimit(stored.id()), Rule.writesNothing("putLimit"));

    assertTrue(limits().deleteLimit(stored.id()), Rule.deletes("deleteLimit"));
    assertThrows(
        ConcurrentUpdateException.class, () -> limits().putLimit(updated), Rule.stale("putLimit"));
    assertEquals(List.of(), limits().limits(), "deleteLimit must delete the limit");
  }

  // References

  @Test
  void scopeKeyMustExist() {
    assertScopeMustExist(
        ApiKeyId.random(),
        LimitScope.Key::new,
        ApiKeyNotFoundException.class,
        ApiKeyNotFoundException::apiKeyId);
  }

  @Test
  void scopeUserMustExist() {
    assertScopeMustExist(
        UserId.random(),
        LimitScope.User::new,
        UserNotFoundException.class,
        UserNotFoundException::userId);
  }

  @Test
  void scopeGroupMustExist() {
    assertScopeMustExist(
        GroupId.random(),
        LimitScope.Group::new,
        GroupNotFoundException.class,
        GroupNotFoundException::groupId);
  }

  @Test
  void modelMustExist() {
    refused(ModelNotFoundException.class, new LimitScope.All(), Optional.of(ModelId.random()));
  }

  /**
   * Puts a limit on the scope of a missing key, user or group, expecting a refusal that names it.
   */
  private <I, E extends RuntimeException> void assertScopeMustExist(
      I missing, Function<I, LimitScope> scope, Class<E> error, Function<E, I> named) {
    E e = refused(error, scope.apply(missing), Optional.empty());

    assertEquals(missing, named.apply(e), "putLimit must name what is missing in its refusal");
  }

  /** Puts a limit naming what does not exist, expecting a refusal that writes nothing. */
  private <E extends RuntimeException> E refused(
      Class<E> error, LimitScope scope, Optional<ModelId> model) {
    E e =
        assertThrows(
            error,
            () -> limits().putLimit(limit(scope, model)),
            Rule.reference("putLimit", "the key, user, group or Model it names"));
    assertEquals(List.of(), limits().limits(), Rule.writesNothing("putLimit"));
    return e;
  }

  // Cascades

  @Test
  void deletingLimitDeletesItsCounters() {
    Limit doomed = limits().putLimit(everyone(10, 1000));
    Limit kept = limits().putLimit(everyone(10, 1000));
    reserveAll(rate(doomed, 1, 10), rate(kept, 1, 10));

    assertTrue(limits().deleteLimit(doomed.id()), Rule.deletes("deleteLimit"));

    assertEquals(
        List.of(), limits().counters(doomed.id()), "deleteLimit must delete the limit's counters");
    assertEquals(
        1,
        limits().counters(kept.id()).size(),
        "deleteLimit must keep the counters of other limits");
  }

  @Test
  void deletingApiKeyDeletesItsLimitsAndTheirCounters() {
    User ada = access().putUser(user("ada"));
    ApiKey doomedKey = access().putApiKey(apiKey(ada.id()));
    ApiKey keptKey = access().putApiKey(apiKey(ada.id()));

    assertDeletingTakesItsLimits(
        new LimitScope.Key(doomedKey.id()),
        new LimitScope.Key(keptKey.id()),
        () -> access().deleteApiKey(doomedKey.id()),
        "key");
  }

  @Test
  void deletingUserDeletesItsLimitsAndItsKeysLimits() {
    User doomedUser = access().putUser(user("doomed"));
    User keptUser = access().putUser(user("kept"));
    ApiKey doomedKey = access().putApiKey(apiKey(doomedUser.id()));
    Limit onUser = limits().putLimit(limit(new LimitScope.User(doomedUser.id()), Optional.empty()));
    Limit onKey = limits().putLimit(limit(new LimitScope.Key(doomedKey.id()), Optional.empty()));
    Limit kept = limits().putLimit(limit(new LimitScope.User(keptUser.id()), Optional.empty()));
    reserveAll(rate(onUser, 1, 10), rate(onKey, 1, 10));

    assertTrue(access().deleteUser(doomedUser.id()), Rule.deletes("deleteUser"));

    assertGoneWithItsCounters(onUser, "deleteUser must delete the limits naming the user");
    assertGoneWithItsCounters(onKey, "deleteUser must delete the limits of the user's keys");
    assertEquals(List.of(kept), limits().limits(), "deleteUser must keep other users' limits");
  }

  @Test
  void deletingGroupDeletesItsLimits() {
    Group doomedGroup = access().putGroup(group("doomed"));
    Group keptGroup = access().putGroup(group("kept"));

    assertDeletingTakesItsLimits(
        new LimitScope.Group(doomedGroup.id()),
        new LimitScope.Group(keptGroup.id()),
        () -> access().deleteGroup(doomedGroup.id()),
        "group");
  }

  @Test
  void deletingModelDeletesItsLimits() {
    Model doomedModel = registry().putModel(model("doomed"));
    Model keptModel = registry().putModel(model("kept"));
    Limit doomed = limits().putLimit(limit(new LimitScope.All(), Optional.of(doomedModel.id())));
    Limit kept = limits().putLimit(limit(new LimitScope.All(), Optional.of(keptModel.id())));
    Limit everyModel = limits().putLimit(limit(new LimitScope.All(), Optional.empty()));
    reserveAll(rate(doomed, 1, 10));

    assertTrue(registry().deleteModel(doomedModel.id()), Rule.deletes("deleteModel"));

    assertGoneWithItsCounters(doomed, "deleteModel must delete the limits naming the Model");
    String keeps = "deleteModel must keep the limits of other Models and of every Model";
    assertEquals(2, limits().limits().size(), keeps);
    assertTrue(limits().findLimit(kept.id()).isPresent(), keeps);
    assertTrue(limits().findLimit(everyModel.id()).isPresent(), keeps);
  }

  /**
   * Puts a limit on what is deleted and one on what stays, deletes, and asserts that the first
   * limit went with its counters while the second stayed.
   */
  private void assertDeletingTakesItsLimits(
      LimitScope doomedScope, LimitScope keptScope, BooleanSupplier delete, String owner) {
    Limit doomed = limits().putLimit(limit(doomedScope, Optional.empty()));
    Limit kept = limits().putLimit(limit(keptScope, Optional.empty()));
    reserveAll(rate(doomed, 1, 10));

    assertTrue(delete.getAsBoolean(), "deleting a " + owner + " must return true if it existed");

    assertGoneWithItsCounters(doomed, "deleting a " + owner + " must delete the limits naming it");
    assertEquals(
        List.of(kept),
        limits().limits(),
        "deleting a " + owner + " must keep the limits of other " + owner + "s");
  }

  /** Asserts that a limit was deleted by a cascade, and its counters with it. */
  private void assertGoneWithItsCounters(Limit doomed, String rule) {
    assertEquals(Optional.empty(), limits().findLimit(doomed.id()), rule);
    assertEquals(List.of(), limits().counters(doomed.id()), rule + ", and their counters");
  }

  // Reservations

  @Test
  void reserveAddsToTheReservedTally() {
    Limit limit = limits().putLimit(everyone(10, 1000));

    reserveAll(rate(limit, 1, 300));
    reserveAll(rate(limit, 1, 200));

    Counter counter = counter(limit, Meter.RATE);
    assertEquals(
        MINUTE, counter.window(), "reserve must keep one counter per limit, meter and window");
    assertTally(
        new Tally(2, 500, BigDecimal.ZERO),
        counter.reserved(),
        "reserve must add each amount to its counter's reserved tally");
    assertTally(Tally.ZERO, counter.used(), "reserve must leave the used tally as it is");
  }

  @Test
  void reserveReturnsEachChargesCounterAsItStandsAfterward() {
    Limit first = limits().putLimit(withId("b-first", everyone(10, 1000)));
    Limit second =
        limits().putLimit(withId("a-second", limit(new LimitScope.All(), Optional.empty())));
    reserveAll(rate(first, 2, 100));

    List<Counter> returned =
        reserveAll(rate(first, 1, 10), spend(second, "0.25"), rate(second, 1, 20));

    assertEquals(
        List.of(
            counter(first, Meter.RATE), counter(second, Meter.BUDGET), counter(second, Meter.RATE)),
        returned,
        "reserve must return, on admission, the counter of each charge in the charges' order, as"
            + " stored with the charge added");
    assertTally(
        new Tally(3, 110, BigDecimal.ZERO),
        returned.get(0).reserved(),
        "reserve must return each counter with what was reserved before and the charge");
  }

  @Test
  void requestsCapAdmitsUpToItsValueAndNoMore() {
    Limit limit = limits().putLimit(rateOnly(OptionalLong.of(3), OptionalLong.empty()));
    reserveAll(rate(limit, 2, 0));

    reserveAll(rate(limit, 1, 0));
    Optional<Counter> refused = limits().reserve(List.of(rate(limit, 1, 0))).lacking();

    assertTrue(
        refused.isPresent(),
        "reserve must refuse a charge one request past the requests cap (Counter.hasRoom)");
    assertTally(
        new Tally(3, 0, BigDecimal.ZERO),
        refused.get().reserved(),
        "reserve must admit a reservation reaching the cap exactly, and its refusal return the"
            + " counter as it stood");
    assertTally(
        new Tally(3, 0, BigDecimal.ZERO),
        counter(limit, Meter.RATE).reserved(),
        "reserve that is refused must reserve nothing");
  }

  @Test
  void tokensCapAdmitsUpToItsValueAndNoMore() {
    Limit limit = limits().putLimit(rateOnly(OptionalLong.empty(), OptionalLong.of(100)));
    reserveAll(rate(limit, 1, 60));

    reserveAll(rate(limit, 1, 40));
    Optional<Counter> refused = limits().reserve(List.of(rate(limit, 0, 1))).lacking();

    assertTrue(
        refused.isPresent(),
        "reserve must refuse a charge one token past the tokens cap (Counter.hasRoom)");
    assertEquals(
        100,
        refused.get().reserved().tokens(),
        "reserve that is refused must return the counter without room as it stood");
    assertEquals(
        100,
        counter(limit, Meter.RATE).reserved().tokens(),
        "reserve must admit a reservation reaching the cap exactly, and the next one reserve"
            + " nothing");
  }

  @Test
  void budgetAdmitsUpToItsAmountAndNoMore() {
    Limit limit = limits().putLimit(budget("1.5"));
    reserveAll(spend(limit, "1.000001"));

    reserveAll(spend(limit, "0.499999"));
    Optional<Counter> refused = limits().reserve(List.of(spend(limit, "0.000001"))).lacking();

    assertTrue(
        refused.isPresent(),
        "reserve must refuse a charge a millionth of a dollar past the budget (Counter.hasRoom)");
    assertEquals(
        Meter.BUDGET,
        refused.get().meter(),
        "reserve that is refused must return the counter without room");
    assertEquals(
        0,
        new BigDecimal("1.5").compareTo(refused.get().reserved().spend()),
        "reserve must admit spending the budget exactly, and its refusal return the counter as it"
            + " stood");
    assertEquals(
        0,
        new BigDecimal("1.5").compareTo(counter(limit, Meter.BUDGET).reserved().spend()),
        "reserve that is refused must reserve nothing");
  }

  @Test
  void reserveIsAllOrNoneWhicheverChargeLacksRoom() {
    assertAllOrNone("a-roomy", "b-full");
    assertAllOrNone("d-roomy", "c-full");
  }

  /** Reserves on a roomy and a full limit, with ids that put either first in a sorted order. */
  private void assertAllOrNone(String roomyId, String fullId) {
    Limit roomy = limits().putLimit(withId(roomyId, everyone(10, 1000)));
    Limit full = limits().putLimit(withId(fullId, everyone(1, 1000)));
    reserveAll(rate(roomy, 1, 10), rate(full, 1, 10));

    Optional<Counter> refused =
        limits().reserve(List.of(rate(roomy, 1, 10), rate(full, 1, 10))).lacking();

    assertTrue(
        refused.isPresent(), "reserve must refuse the reservation when any charge lacks room");
    assertEquals(
        full.id(),
        refused.get().limitId(),
        "reserve that is refused must return the counter of the first charge without room");
    assertTally(
        new Tally(1, 10, BigDecimal.ZERO),
        refused.get().reserved(),
        "reserve that is refused must return the whole counter as it stood");
    assertTally(
        new Tally(1, 10, BigDecimal.ZERO),
        counter(roomy, Meter.RATE).reserved(),
        "reserve must reserve every charge or none: nothing, not even on the charges that had"
            + " room");
    Limit untouched = limits().putLimit(withId(roomyId + "-new", everyone(10, 1000)));
    assertTrue(
        limits().reserve(List.of(rate(untouched, 1, 10), rate(full, 1, 10))).lacking().isPresent(),
        "reserve must refuse the reservation when any charge lacks room");
    assertEquals(
        List.of(),
        limits().counters(untouched.id()),
        "reserve that is refused must leave no counter behind on the charges that had room");
  }

  @Test
  void reserveOfADeletedLimitReservesNothing() {
    Limit limit = limits().putLimit(everyone(1, 1000));
    limits().deleteLimit(limit.id());

    assertEquals(
        Reservation.admitted(List.of()),
        limits().reserve(List.of(rate(limit, 1, 10))),
        "reserve must skip a charge whose limit no longer exists: nothing checked or reserved");
    assertEquals(
        List.of(),
        limits().counters(limit.id()),
        "reserve must leave no counter for a charge whose limit no longer exists");
  }

  @Test
  void countersOfEachMeterAndWindowAreApart() {
    Limit limit = limits().putLimit(limit(new LimitScope.All(), Optional.empty()));
    Window nextMinute = Window.minuteOf(MINUTE.end());

    reserveAll(rate(limit, 1, 10), spend(limit, "0.25"));
    reserveAll(new Charge(limit, Meter.RATE, nextMinute, new Tally(2, 20, BigDecimal.ZERO)));

    List<Counter> counters = limits().counters(limit.id());
    String apart = "reserve must keep one counter per limit, meter and window, apart";
    assertEquals(3, counters.size(), apart);
    assertEquals(1, counter(limit, Meter.RATE, MINUTE).reserved().requests(), apart);
    assertEquals(2, counter(limit, Meter.RATE, nextMinute).reserved().requests(), apart);
  }

  // Settlements

  @Test
  void settleMovesReservedToUsed() {
    Limit limit = limits().putLimit(limit(new LimitScope.All(), Optional.empty()));
    Charge rate = rate(limit, 1, 1000);
    Charge spend = spend(limit, "0.75");
    reserveAll(rate, spend);

    limits()
        .settle(
            List.of(
                new Settlement(
                    limit.id(),
                    Meter.RATE,
                    MINUTE,
                    rate.amount(),
                    new Tally(1, 420, BigDecimal.ZERO)),
                new Settlement(
                    limit.id(),
                    Meter.BUDGET,
                    spend.window(),
                    spend.amount(),
                    new Tally(0, 0, new BigDecimal("0.123456")))));

    String off = "settle must take each settlement's reserved tally off its counter's";
    String used = "settle must add each settlement's used tally to its counter's";
    assertTally(Tally.ZERO, counter(limit, Meter.RATE).reserved(), off);
    assertTally(new Tally(1, 420, BigDecimal.ZERO), counter(limit, Meter.RATE).used(), used);
    assertTally(Tally.ZERO, counter(limit, Meter.BUDGET).reserved(), off);
    assertTally(
        new Tally(0, 0, new BigDecimal("0.123456")), counter(limit, Meter.BUDGET).used(), used);
  }

  @Test
  void releaseTakesTheReservationOffAndCountsNothing() {
    Limit limit = limits().putLimit(everyone(10, 1000));
    Charge first = rate(limit, 1, 100);
    reserveAll(first);
    reserveAll(rate(limit, 1, 50));

    limits()
        .settle(
            List.of(new Settlement(limit.id(), Meter.RATE, MINUTE, first.amount(), Tally.ZERO)));

    Counter counter = counter(limit, Meter.RATE);
    assertTally(
        new Tally(1, 50, BigDecimal.ZERO),
        counter.reserved(),
        "settle must take off only the reserved tally it names");
    assertTally(Tally.ZERO, counter.used(), "settle with a zero used tally must count nothing");
  }

  @Test
  void settleNeverTakesReservedBelowZero() {
    Limit limit = limits().putLimit(everyone(10, 1000));
    reserveAll(rate(limit, 1, 10));

    limits()
        .settle(
            List.of(
                new Settlement(
                    limit.id(),
                    Meter.RATE,
                    MINUTE,
                    new Tally(5, 500, BigDecimal.ONE),
                    new Tally(1, 5, BigDecimal.ZERO))));

    assertTally(
        Tally.ZERO,
        counter(limit, Meter.RATE).reserved(),
        "settle must never take a reserved tally below zero");
  }

  @Test
  void settleOfAMissingCounterIsSkipped() {
    Limit limit = limits().putLimit(everyone(10, 1000));
    Limit deleted = limits().putLimit(everyone(10, 1000));
    reserveAll(rate(limit, 1, 10));
    limits().deleteLimit(deleted.id());
    Window pruned = Window.minuteOf(MINUTE.start().minus(Duration.ofMinutes(5)));
    Tally one = new Tally(1, 10, BigDecimal.ZERO);

    limits()
        .settle(
            List.of(
                new Settlement(deleted.id(), Meter.RATE, MINUTE, one, one),
                new Settlement(limit.id(), Meter.RATE, pruned, one, one),
                new Settlement(limit.id(), Meter.RATE, MINUTE, one, one)));

    assertEquals(
        List.of(),
        limits().counters(deleted.id()),
        "settle must skip a settlement of a deleted limit, making no counter");
    assertEquals(
        1,
        limits().counters(limit.id()).size(),
        "settle must skip a settlement of a pruned window, making no counter");
    assertTally(
        one,
        counter(limit, Meter.RATE).used(),
        "settle must apply the settlements whose counter exists");
  }

  // Counters

  @Test
  void pruneDeletesTheCountersOfWindowsEndedBefore() {
    Limit limit = limits().putLimit(everyone(10, 1000));
    Window earlier = Window.minuteOf(MINUTE.start().minus(Duration.ofMinutes(1)));
    reserveAll(new Charge(limit, Meter.RATE, earlier, new Tally(1, 10, BigDecimal.ZERO)));
    reserveAll(rate(limit, 1, 10));

    assertEquals(
        0,
        limits().pruneCounters(earlier.end().minusNanos(1000)),
        "pruneCounters must keep the counter of a window not yet ended");
    assertEquals(
        0,
        limits().pruneCounters(earlier.end()),
        "pruneCounters must keep the counter of a window ending at the instant");
    assertEquals(
        1,
        limits().pruneCounters(MINUTE.end()),
        "pruneCounters must delete the counters of windows ended before the instant, and count"
            + " them");

    assertEquals(
        List.of(MINUTE),
        limits().counters(limit.id()).stream().map(Counter::window).toList(),
        "pruneCounters must delete only the counters of windows ended before the instant");
  }

  @Test
  void spendRoundTripsExactly() {
    Limit limit = limits().putLimit(budget("1000000"));
    BigDecimal first = new BigDecimal("123456.123456");
    BigDecimal second = new BigDecimal("0.000001");

    reserveAll(spend(limit, first.toPlainString()));
    reserveAll(spend(limit, second.toPlainString()));

    assertEquals(
        0,
        first.add(second).compareTo(counter(limit, Meter.BUDGET).reserved().spend()),
        "reserve must keep spend as an exact decimal, to the millionth of a dollar");
  }

  @Test
  void countersOfAMissingLimitAreEmpty() {
    assertEquals(
        List.of(),
        limits().counters(LimitId.random()),
        "counters must return an empty list for a limit that does not exist");
  }

  // Concurrency

  @Test
  void concurrentReservationsNeverPassTheCap() {
    int cap = Race.WRITERS * Race.WRITES / 2;
    List<Limit> perRound = new ArrayList<>();
    AtomicIntegerArray admitted = new AtomicIntegerArray(Race.MAX_ROUNDS);

    Race.run(
        round ->
            perRound.add(limits().putLimit(rateOnly(OptionalLong.of(cap), OptionalLong.empty()))),
        (round, writer) -> {
          List<Charge> charges = List.of(rate(perRound.get(round), 1, 0));
          for (int i = 0; i < Race.WRITES; i++) {
            if (limits().reserve(charges).isAdmitted()) {
              admitted.incrementAndGet(round);
            }
          }
        },
        round -> {
          assertEquals(
              cap,
              admitted.get(round),
              "reserve must check and add its charges as one atomic step: of "
                  + Race.WRITERS * Race.WRITES
                  + " concurrent reservations on a cap of "
                  + cap
                  + " requests, exactly "
                  + cap
                  + " must be admitted");
          assertEquals(
              cap,
              counter(perRound.get(round), Meter.RATE).reserved().requests(),
              "reserve must add each admitted charge to its counter once, and no refused one");
        });
  }

  @Test
  void concurrentReservationsOfTwoLimitsNeverPassEitherCap() {
    // Half the writers charge both limits and half only the looser, which alone they overrun.
    int tightCap = Race.WRITERS * Race.WRITES / 5;
    int looseCap = Race.WRITERS * Race.WRITES / 3;
    List<Limit> tight = new ArrayList<>();
    List<Limit> loose = new ArrayList<>();
    AtomicIntegerArray admitted = new AtomicIntegerArray(Race.MAX_ROUNDS);

    Race.run(
        round -> {
          tight.add(limits().putLimit(rateOnly(OptionalLong.of(tightCap), OptionalLong.empty())));
          loose.add(limits().putLimit(rateOnly(OptionalLong.of(looseCap), OptionalLong.empty())));
        },
        (round, writer) -> {
          Charge onTight = rate(tight.get(round), 1, 0);
          Charge onLoose = rate(loose.get(round), 1, 0);
          List<Charge> charges =
              switch (writer % 4) {
                case 0 -> List.of(onTight, onLoose);
                case 1 -> List.of(onLoose, onTight);
                default -> List.of(onLoose);
              };
          for (int i = 0; i < Race.WRITES; i++) {
            if (limits().reserve(charges).isAdmitted()) {
              admitted.incrementAndGet(round);
            }
          }
        },
        round -> {
          // Every reservation naming the tight limit may have been refused, leaving it no counter.
          long onTight =
              limits().counters(tight.get(round).id()).stream()
                  .mapToLong(c -> c.reserved().requests())
                  .sum();
          long onLoose = counter(loose.get(round), Meter.RATE).reserved().requests();
          assertTrue(
              onTight <= tightCap,
              "reserve must never take a counter past a cap of its limit, whatever other"
                  + " reservations run at once: "
                  + onTight
                  + " requests reserved on a cap of "
                  + tightCap);
          assertEquals(
              admitted.get(round),
              onLoose,
              "reserve must reserve every charge or none, as one atomic step: each admitted"
                  + " reservation is counted once on every counter it charges");
          assertEquals(
              looseCap,
              onLoose,
              "reserve must admit reservations up to the cap exactly: it was tried far more often"
                  + " than it admits");
        });
  }

  @Test
  void racingLimitUpdatesLoseNoUpdate() {
    Limit stored = limits().putLimit(everyone(5, 500));

    Race.compareAndSet(
        "putLimit",
        () -> limits().findLimit(stored.id()).orElseThrow(),
        l -> limits().putLimit(l.withSpec(l.spec(), T0)),
        Limit::version);
  }

  private List<Counter> reserveAll(Charge... charges) {
    Reservation reservation = limits().reserve(List.of(charges));
    assertEquals(
        Optional.empty(),
        reservation.lacking(),
        "reserve must admit charges whose counters have room under their limits' caps");
    return reservation.counters();
  }

  private Counter counter(Limit limit, Meter meter) {
    return counter(limit, meter, limit.window(meter, T0));
  }

  private Counter counter(Limit limit, Meter meter, Window window) {
    return limits().counters(limit.id()).stream()
        .filter(c -> c.meter() == meter && c.window().equals(window))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + meter + " counter of " + limit));
  }

  private static void assertTally(Tally expected, Tally actual, String rule) {
    assertEquals(expected.requests(), actual.requests(), rule + ": requests");
    assertEquals(expected.tokens(), actual.tokens(), rule + ": tokens");
    assertEquals(
        0,
        expected.spend().compareTo(actual.spend()),
        rule + ": spend " + actual.spend() + ", expected " + expected.spend());
  }

  private static Charge rate(Limit limit, long requests, long tokens) {
    return new Charge(limit, Meter.RATE, MINUTE, new Tally(requests, tokens, BigDecimal.ZERO));
  }

  private static Charge spend(Limit limit, String dollars) {
    return new Charge(
        limit,
        Meter.BUDGET,
        limit.window(Meter.BUDGET, T0),
        new Tally(0, 0, new BigDecimal(dollars)));
  }

  private static Limit everyone(long requestsPerMinute, long tokensPerMinute) {
    return Limit.create(rateSpec(new LimitScope.All(), requestsPerMinute, tokensPerMinute), T0);
  }

  private static Limit rateOnly(OptionalLong requestsPerMinute, OptionalLong tokensPerMinute) {
    return Limit.create(
        spec(new LimitScope.All(), requestsPerMinute, tokensPerMinute, Optional.empty()), T0);
  }

  private static Limit budget(String dollars) {
    return Limit.create(
        spec(
            new LimitScope.All(),
            OptionalLong.empty(),
            OptionalLong.empty(),
            Optional.of(new Budget(new BigDecimal(dollars), BudgetPeriod.MONTH))),
        T0);
  }

  private static LimitSpec rateSpec(LimitScope scope, long requests, long tokens) {
    return spec(scope, OptionalLong.of(requests), OptionalLong.of(tokens), Optional.empty());
  }

  private static LimitSpec spec(
      LimitScope scope,
      OptionalLong requestsPerMinute,
      OptionalLong tokensPerMinute,
      Optional<Budget> budget) {
    return new LimitSpec(scope, Optional.empty(), requestsPerMinute, tokensPerMinute, budget);
  }

  private static Limit withId(String id, Limit limit) {
    return new Limit(
        LimitId.of(id), limit.spec(), limit.version(), limit.createdAt(), limit.updatedAt());
  }

  private static Limit versioned(Limit limit, long version) {
    return new Limit(limit.id(), limit.spec(), version, limit.createdAt(), limit.updatedAt());
  }
}
