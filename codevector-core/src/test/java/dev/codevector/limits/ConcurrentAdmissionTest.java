package dev.codevector.limits;

import static dev.codevector.limits.LimitFixture.demand;
import static dev.codevector.limits.LimitFixture.figures;
import static dev.codevector.limits.LimitFixture.requestsPerMinute;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.codevector.registry.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Concurrent requests against one limit. */
final class ConcurrentAdmissionTest {

  @Test
  void manyThreadsAdmitExactlyTheCap() throws Exception {
    LimitFixture fixture = new LimitFixture();
    Model model = fixture.model("gpt");
    Limit limit = fixture.limits.create(requestsPerMinute(new LimitScope.All(), 50));
    Admission admission = fixture.limits.admission(Subject.anyone());
    AtomicInteger admitted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    List<Callable<Void>> requests = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      requests.add(
          () -> {
            try {
              admission.admit(model, demand(1, "0"));
              admitted.incrementAndGet();
            } catch (LimitExceededException e) {
              refused.incrementAndGet();
            }
            return null;
          });
    }

    LimitFixture.runAtOnce(requests);

    assertEquals(50, admitted.get());
    assertEquals(150, refused.get());
    assertEquals(
        List.of("0 used, 50 reserved, 0 left"), figures(fixture.limits.status(limit.id())));
  }
}
