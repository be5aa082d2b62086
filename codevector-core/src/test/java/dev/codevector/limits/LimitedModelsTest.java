package dev.codevector.limits;

import static dev.codevector.limits.LimitFixture.requestsPerMinute;
import static dev.codevector.limits.LimitFixture.requestsPerMinuteOn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.registry.Model;
import org.junit.jupiter.api.Test;

/**
 * An admission tells the router which Models a limit may apply to, from the list of limits alone,
 * so a request under none is neither estimated nor reserved.
 */
final class LimitedModelsTest {
  private final LimitFixture fixture = new LimitFixture();
  private final Limits limits = fixture.limits;
  private final Model model = fixture.model("gpt");
  private final Model other = fixture.model("claude");
  private final Subject ada = fixture.subject("ada");
  private final Subject bob = fixture.subject("bob");

  @Test
  void noLimitAppliesToASubjectNoLimitCovers() {
    limits.create(requestsPerMinute(new LimitScope.User(bob.userId().orElseThrow()), 1));

    assertFalse(limits.admission(ada).limits(model));
    assertTrue(limits.admission(bob).limits(model));
  }

  @Test
  void aLimitOnOneModelAppliesToThatModelOnly() {
    limits.create(requestsPerMinuteOn(model.id(), 1));

    assertTrue(limits.admission(ada).limits(model));
    assertFalse(limits.admission(ada).limits(other));
  }

  @Test
  void aStoreThatCannotTellLeavesItToAdmittingAndItsPolicy() {
    fixture.store.down = true;

    assertTrue(limits.admission(ada).limits(model));
  }

  @Test
  void tellingReadsTheListOfLimitsOnly() {
    limits.create(requestsPerMinute(new LimitScope.All(), 1));
    int before = fixture.store.calls.get();

    assertTrue(limits.admission(ada).limits(model));

    assertEquals(before + 1, fixture.store.calls.get());
  }
}
