package dev.codevector.benchmarks.load;

import dev.codevector.benchmarks.CannedAnswers;
import dev.codevector.benchmarks.Payloads;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;

/**
 * Answers chat requests with canned OpenAI Chat or Anthropic Messages answers, as JSON or as a
 * stream when the body asks for one, after the delays its {@link MockRoute} names. Never blocks a
 * thread: waits are scheduled, writes are asynchronous.
 */
final class MockHandler extends Handler.Abstract.NonBlocking {
  private static final byte[] STREAM_TRUE = "\"stream\":true".getBytes(StandardCharsets.UTF_8);
  private static final int MAX_BODY = 64 * 1024 * 1024;

  private final CannedAnswers chat = Payloads.chatAnswers();
  private final CannedAnswers messages = Payloads.messagesAnswers();
  private final ScheduledExecutorService timer;

  MockHandler(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Optional<MockRoute> route = MockRoute.parse(Request.getPathInContext(request));
    if (route.isEmpty() || !request.getMethod().equals("POST")) {
      Response.writeError(request, response, callback, 404);
      return true;
    }
    Content.Source.asByteArrayAsync(
        request,
        MAX_BODY,
        Promise.Invocable.from(
            InvocationType.NON_BLOCKING,
            body -> answer(route.get(), contains(body, STREAM_TRUE), response, callback),
            callback::failed));
    return true;
  }

  private void answer(MockRoute route, boolean stream, Response response, Callback callback) {
    CannedAnswers answers = route.messages() ? messages : chat;
    if (stream) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
      later(route.firstByteMillis(), () -> new Stream(route, answers, response, callback).start());
    } else {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answers.json().length);
      later(
          route.firstByteMillis(),
          () -> response.write(true, ByteBuffer.wrap(answers.json()), callback));
    }
  }

  private void later(long millis, Runnable action) {
    if (millis <= 0) {
      action.run();
    } else {
      timer.schedule(action, millis, TimeUnit.MILLISECONDS);
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** One streamed answer: the head with the first text event, then one text event per pace. */
  private final class Stream {
    private final MockRoute route;
    private final CannedAnswers answers;
    private final Response response;
    private final Callback done;
    private int sent;

    Stream(MockRoute route, CannedAnswers answers, Response response, Callback done) {
      this.route = route;
      this.answers = answers;
      this.response = response;
      this.done = done;
    }

    void start() {
      ByteBuffer first =
          route.chunks() == 0
              ? ByteBuffer.wrap(answers.head())
              : concat(answers.head(), answers.chunk());
      sent = Math.min(route.chunks(), 1);
      writeThen(first);
    }

    private void next() {
      if (sent == route.chunks()) {
        response.write(true, ByteBuffer.wrap(answers.tail()), done);
        return;
      }
      sent++;
      writeThen(ByteBuffer.wrap(answers.chunk()));
    }

    private void writeThen(ByteBuffer event) {
      response.write(
          false,
          event,
          Callback.from(
              () -> {
                if (sent == route.chunks()) {
                  next();
                } else {
                  later(route.paceMillis(), this::next);
                }
              },
              done::failed));
    }

    private static ByteBuffer concat(byte[] a, byte[] b) {
      ByteBuffer both = ByteBuffer.allocate(a.length + b.length);
      both.put(a).put(b).flip();
      return both;
    }
  }
}
