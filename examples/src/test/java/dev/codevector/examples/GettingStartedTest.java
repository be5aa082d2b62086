package dev.codevector.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The getting-started program publishes once, keeps its key between runs and asks each time. */
final class GettingStartedTest {
  private static final String ANSWER =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o\","
          + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello.\"},"
          + "\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":2,\"total_tokens\":10}}";

  @TempDir Path dataDir;
  private final MockWebServer openAi = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    openAi.start();
  }

  @AfterEach
  void stop() {
    openAi.close();
  }

  private String run() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    GettingStarted.run(
        dataDir,
        "sk-getting-started-0123456789",
        openAi.url("/v1").toString(),
        new PrintStream(printed, true, StandardCharsets.UTF_8));
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aSecondRunOpensWhatTheFirstStoredAndAsksAgain() throws Exception {
    openAi.enqueue(new MockResponse.Builder().body(ANSWER).build());
    openAi.enqueue(new MockResponse.Builder().body(ANSWER).build());

    String first = run();
    String second = run();

    assertTrue(first.contains("\"content\":\"Hello.\""), first);
    assertTrue(first.contains("\"model\":\"gpt-main\""), first);
    assertEquals(first, second);
    for (int i = 0; i < 2; i++) {
      RecordedRequest request = openAi.takeRequest();
      assertEquals("/v1/chat/completions", request.getUrl().encodedPath());
      assertEquals(
          "Bearer sk-getting-started-0123456789", request.getHeaders().get("authorization"));
      assertTrue(request.getBody().utf8().contains("\"model\":\"gpt-4o\""));
    }
  }
}
