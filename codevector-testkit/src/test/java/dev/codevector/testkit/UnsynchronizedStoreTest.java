package dev.codevector.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.codevector.spi.Store;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every concurrency contract fails on a store whose writes check and then act without a lock: the
 * races are strong enough to catch a missing lock, not only to pass on a correct store.
 */
final class UnsynchronizedStoreTest {

  @TestFactory
  Stream<DynamicTest> everyRaceCatchesTheMissingLock() {
    return races().stream().map(check -> dynamicTest(check.name(), check::assertCaught));
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
    /** Runs the check on a new store, expecting it to fail. */
    void assertCaught() {
      contract.openStore();
      try {
        assertThrows(
            AssertionError.class,
            () -> check.accept(contract),
            name + ": the race must catch a store that checks and then writes without a lock");
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
