package dev.codevector.testkit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.codevector.spi.Store;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every concurrency contract fails on a store whose writes check and then act without a lock: the
 * races are strong enough to catch a missing lock, not only to pass on a correct store.
 */
final class UnsynchronizedStoreTest {

  @TestFactory
  Stream<DynamicTest> theRacesOfEachConcernCatchTheMissingLock() {
    return races().stream()
        .collect(Collectors.groupingBy(check -> check.contract().getClass().getSimpleName()))
        .entrySet()
        .stream()
        .map(concern -> dynamicTest(concern.getKey(), () -> assertCaught(concern.getValue())));
  }

  /** How many times a concern's races are run, at most, to catch the store. */
  private static final int TRIES = 3;

  /** Runs a concern's races until one fails, as a contract rule, {@link #TRIES} times at most. */
  private static void assertCaught(List<Check<?>> checks) {
    for (int i = 0; i < TRIES; i++) {
      for (Check<?> check : checks) {
        if (check.caught()) {
          return;
        }
      }
    }
    fail(
        "the races "
            + checks.stream().map(Check::name).toList()
            + " must catch a store that checks and then writes without a lock");
  }

  /**
   * Every concurrency check of the contracts, each on a contract over a new unsynchronized store.
   *
   * @return the checks
   */
  static List<Check<?>> races() {
    return List.of(
        new Check<>("putModel versions", new Registry(), c -> c.racingModelUpdatesLoseNoUpdate()),
        new Check<>(
            "putProvider versions", new Registry(), c -> c.racingProviderUpdatesLoseNoUpdate()),
        new Check<>("Model slugs", new Registry(), c -> c.racingInsertsOfOneSlugStoreOneModel()),
        new Check<>(
            "Provider names",
            new Registry(),
            c -> c.racingInsertsOfOneProviderNameStoreOneProvider()),
        new Check<>("putUser versions", new Access(), c -> c.racingUserUpdatesLoseNoUpdate()),
        new Check<>("user emails", new Access(), c -> c.racingInsertsOfOneEmailStoreOneUser()),
        new Check<>(
            "grants", new Access(), c -> c.racingGrantsOfOneModelToOnePrincipalStoreOneGrant()),
        new Check<>(
            "API key hashes", new Access(), c -> c.racingInsertsOfOneApiKeyHashStoreOneKey()),
        new Check<>("reservations", new Limits(), c -> c.concurrentReservationsNeverPassTheCap()),
        new Check<>(
            "reservations of two limits",
            new Limits(),
            c -> c.concurrentReservationsOfTwoLimitsNeverPassEitherCap()),
        new Check<>("putLimit versions", new Limits(), c -> c.racingLimitUpdatesLoseNoUpdate()),
        new Check<>(
            "putSetting versions", new Settings(), c -> c.racingSettingUpdatesLoseNoUpdate()),
        new Check<>(
            "setting names", new Settings(), c -> c.racingInsertsOfOneNameStoreOneSetting()),
        new Check<>("session touches", new Sessions(), c -> c.racingTouchesLeaveTheLatestUse()),
        new Check<>(
            "session hashes", new Sessions(), c -> c.racingInsertsOfOneHashStoreOneSession()));
  }

  /** One concurrency check of a contract, run on a new store of that contract. */
  record Check<C extends StoreContract>(String name, C contract, Consumer<C> check) {
    /**
     * Runs the check once on a new store.
     *
     * @return true if the check failed as a contract rule, false if it passed
     */
    boolean caught() {
      contract.openStore();
      try {
        check.accept(contract);
        return false;
      } catch (AssertionError e) {
        if (e.getCause() != null) {
          throw e;
        }
        return true;
      } finally {
        contract.closeStore();
      }
    }
  }

  private static final class Registry extends RegistryStoreContract {
    @Override
    protected Store newStore() {
      return new UnsynchronizedStore();
    }
  }

  private static final class Access extends AccessStoreContract {
    @Override
    protected Store newStore() {
      return new UnsynchronizedStore();
    }
  }

  private static final class Limits extends LimitStoreContract {
    @Override
    protected Store newStore() {
      return new UnsynchronizedStore();
    }
  }

  private static final class Settings extends SettingStoreContract {
    @Override
    protected Store newStore() {
      return new UnsynchronizedStore();
    }
  }

  private static final class Sessions extends SessionStoreContract {
    @Override
    protected Store newStore() {
      return new UnsynchronizedStore();
    }
  }
}
