package dev.codevector.internal.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.codevector.Clock;
import dev.codevector.internal.CredentialOpener;
import dev.codevector.internal.Json;
import dev.codevector.internal.JsonProblems;
import dev.codevector.internal.SseReader;
import dev.codevector.internal.translate.ClaudeReasoningItems;
import dev.codevector.internal.translate.Translation;
import dev.codevector.internal.translate.TranslationContext;
import dev.codevector.internal.translate.Translations;
import dev.codevector.limits.Admission;
import dev.codevector.limits.Ticket;
import dev.codevector.registry.Backend;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelNotFoundException;
import dev.codevector.registry.ModelStatus;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderId;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.Registry;
import dev.codevector.routing.Attempt;
import dev.codevector.routing.BackendsExhaustedException;
import dev.codevector.routing.ContextLengthExceededException;
import dev.codevector.routing.FailoverPolicy;
import dev.codevector.routing.InvalidRequestException;
import dev.codevector.routing.NoActiveBackendException;
import dev.codevector.routing.Outcome;
import dev.codevector.routing.RouteCancelledException;
import dev.codevector.routing.RouteRequest;
import dev.codevector.routing.RouteResponse;
import dev.codevector.routing.Router;
import dev.codevector.routing.RouterListener;
import dev.codevector.routing.UpstreamLimits;
import dev.codevector.routing.Usage;
import dev.codevector.spi.Dialects;
import dev.codevector.spi.Upstream;
import dev.codevector.spi.UpstreamFactory;
import dev.codevector.spi.UpstreamRequest;
import dev.codevector.spi.UpstreamResponse;
import dev.codevector.usage.UsageRecord;
import dev.codevector.vault.Secret;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.ErrorBody;
import dev.codevector.wire.SseEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The {@link Router}: tries a Model's Backends in the order its routing gives ({@link
 * BackendOrder}) and fails over as {@link FailoverPolicy} says, passing requests through when the
 * upstream speaks the client's dialect and translating otherwise. See {@link Router} for the
 * guarantees.
 */
public final class FailoverRouter implements Router {
  private static final System.Logger LOG = System.getLogger(FailoverRouter.class.getName());

  private final Registry registry;
  private final CredentialOpener credentials;
  private final List<UpstreamFactory> factories;
  private final FailoverPolicy policy;
  private final RouterListener listener;
  private final Clock clock;

  private final BackendCircuits circuits;
  private final BackendOrder backendOrder;
  private final UpstreamLimits limits;
  private final Consumer<UsageRecord> recorder;
  // Upstreams with their opened credentials, per Provider version; a Provider no longer routed to
  // (deleted, or its Models changed) leaves memory, credentials included, after a while.
  private final Cache<ProviderId, CachedUpstream> upstreams =
      Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).build();

  /**
   * Creates the router.
   *
   * @param registry where Models, Backends and Providers are looked up
   * @param credentials opens the credentials of the Providers routed to
   * @param factories the upstream factories, asked in order
   * @param listener told about attempts and outcomes
   * @param clock the source of time
   * @param failureThreshold consecutive failures that open a Backend's circuit
   * @param cooldown how long an open circuit skips its Backend when the upstream gave no {@code
   *     Retry-After}
   * @param limits how much of an upstream's answer is read at most
   * @param recorder where each request's usage record goes
   */
  public FailoverRouter(
      Registry registry,
      CredentialOpener credentials,
      List<UpstreamFactory> factories,
      RouterListener listener,
      Clock clock,
      int failureThreshold,
      Duration cooldown,
      UpstreamLimits limits,
      Consumer<UsageRecord> recorder) {
    this.registry = registry;
    this.credentials = credentials;
    this.factories = List.copyOf(factories);
    this.policy = FailoverPolicy.ofDefaults();
    this.listener = listener;
    this.clock = clock;
    this.circuits = new BackendCircuits(failureThreshold, cooldown, listener, clock);
    this.backendOrder = new BackendOrder(clock);
    this.limits = limits;
    this.recorder = recorder;
  }

  @Override
  public RouteResponse route(
      RouteRequest request, Predicate<Model> permitted, Admission admission) {
    RouteUsage usage = new RouteUsage(request, recorder, clock);
    ForwardedHeaders.check(request.headers());
    RequestScan scan = RequestScan.of(request.body());
    usage.bodySession(scan.session);
    Model model = routable(scan.model, permitted);
    Ticket ticket;
    try {
      ticket = admit(request, scan, model, admission);
    } catch (RuntimeException e) {
      usage.failed(model.slug(), e);
      throw e;
    }
    try {
      RouteResponse answer = route(request, scan, model, ticket, usage);
      usage.answered();
      return answer;
    } catch (RuntimeException | Error e) {
      ticket.release();
      usage.failed(model.slug(), e);
      throw e;
    }
  }

  /**
   * Finds the Model a request asks for; one that is not active, or not permitted, is not found
   * either, with a message that says why.
   */
  private Model routable(String slug, Predicate<Model> permitted) {
    Model model =
        registry.findModelBySlug(slug).orElseThrow(() -> new ModelNotFoundException(slug));
    if (!model.isRoutable()) {
      String status = model.status() == ModelStatus.DRAFT ? "a draft" : model.status().id();
      throw new ModelNotFoundException(
          slug, "it is " + status + "; only an active Model takes requests");
    }
    if (!permitted.test(model)) {
      throw new ModelNotFoundException(slug, "the caller is not permitted to use it");
    }
    return model;
  }

  /**
   * Asks the admission for the request's ceiling, unless no limit applies to the Model; token
   * counting is never limited, as it is never billed.
   */
  private Ticket admit(RouteRequest request, RequestScan scan, Model model, Admission admission) {
    if (request.dialect() == Dialect.ANTHROPIC_COUNT_TOKENS || !admission.limits(model)) {
      return Ticket.UNLIMITED;
    }
    return admission.admit(model, Ceiling.of(scan.estimate, registry.servingProviderModels(model)));
  }

  /**
   * Tries the Model's Backends in the order its routing gives; the answer returned owns the ticket.
   */
  private RouteResponse route(
      RouteRequest request, RequestScan scan, Model model, Ticket ticket, RouteUsage usage) {
    Exchange exchange = new Exchange(request, scan, model, ticket, usage);
    List<Backend> order = backendOrder.of(model, request.headers(), scan.session);
    for (Backend backend : order) {
      if (request.cancellation().isCancelled()) {
        throw new RouteCancelledException(model.slug(), exchange.attempts);
      }
      Optional<RouteResponse> answer = exchange.tryBackend(backend);
      if (answer.isPresent()) {
        backendOrder.served(order, backend);
        return answer.get();
      }
    }
    if (request.dialect() == Dialect.ANTHROPIC_COUNT_TOKENS) {
      return new BodyResponse(
          model,
          exchange.attempts,
          listener,
          Bill.NONE,
          usage,
          200,
          scan.estimate.answer(),
          Usage.NONE,
          Map.of());
    }
    // Calls refused as too long count as Backends skipped for their window.
    boolean onlyTooLong = exchange.attempts.size() == exchange.overflowed;
    if (onlyTooLong
        && exchange.routable.size() == exchange.overflowed
        && exchange.tooSmall + exchange.overflowed > 0) {
      throw new ContextLengthExceededException(
          model.slug(), exchange.requiredTokens(), exchange.largestWindow, exchange.attempts);
    }
    if (onlyTooLong && exchange.routable.isEmpty() && exchange.untranslatable > 0) {
      throw new InvalidRequestException(
          "model",
          "the model '"
              + model.slug()
              + "' cannot serve "
              + request.dialect().name().toLowerCase(Locale.ROOT).replace('_', ' ')
              + " requests: none of its backends takes them or a translation of them");
    }
    if (onlyTooLong) {
      throw new NoActiveBackendException(model.slug(), exchange.retryAfter());
    }
    throw new BackendsExhaustedException(model.slug(), exchange.attempts, exchange.retryAfter());
  }

  private Optional<CachedUpstream> upstream(Provider provider) {
    CachedUpstream cached = upstreams.getIfPresent(provider.id());
    if (cached != null && cached.version == provider.version()) {
      return Optional.of(cached);
    }
    for (UpstreamFactory factory : factories) {
      if (factory.kinds().contains(provider.kind())) {
        CachedUpstream created =
            new CachedUpstream(
                provider.version(),
                factory.create(provider),
                credentials.openCredentials(provider));
        upstreams.put(provider.id(), created);
        return Optional.of(created);
      }
    }
    return Optional.empty();
  }

  /**
   * The upstream made for one version of a Provider, with that version's credentials, opened once
   * rather than per call.
   */
  private static final class CachedUpstream {
    final long version;
    final Upstream upstream;
    final Map<String, Secret> credentials;

    CachedUpstream(long version, Upstream upstream, Map<String, Secret> credentials) {
      this.version = version;
      this.upstream = upstream;
      this.credentials = Map.copyOf(credentials);
    }
  }

  /** One request's way through its route; holds the attempts made so far. */
  private final class Exchange {
    final RouteRequest request;
    final RequestScan scan;
    final Model model;
    final ModelNames modelNames;
    final List<Attempt> attempts = new ArrayList<>();

    /** How many Backends were skipped because none of their dialects can carry the request. */
    int untranslatable;

    /** How many Backends were skipped because their context window cannot hold the request. */
    int tooSmall;

    /** The largest context window of the Backends skipped for theirs or refused by theirs. */
    long largestWindow;

    /** How many calls an upstream refused as longer than its context window. */
    int overflowed;

    /**
     * The largest window of a Backend whose upstream refused the request as too long: the one its
     * upstream said, else the one configured.
     */
    long refusedWindow;

    /** The tokens an upstream counted for the request when it refused it as too long; 0 if none. */
    long countedTokens;

    /** The Backends whose Provider and Provider Model are routable, tried or not. */
    final List<Backend> routable = new ArrayList<>();

    /** The request's reservations on its limits, which the answer ends. */
    final Ticket ticket;

    private ObjectNode tree;

    /** The request's timings and usage record, which the answer ends. */
    final RouteUsage route;

    Exchange(RouteRequest request, RequestScan scan, Model model, Ticket ticket, RouteUsage route) {
      this.request = request;
      this.scan = scan;
      this.model = model;
      this.ticket = ticket;
      this.route = route;
      this.modelNames = new ModelNames(model.slug());
    }

    Optional<RouteResponse> tryBackend(Backend backend) {
      Optional<ProviderModel> providerModel =
          registry.findProviderModel(backend.providerModelId()).filter(ProviderModel::isRoutable);
      Optional<Provider> provider =
          providerModel
              .flatMap(pm -> registry.findProvider(pm.providerId()))
              .filter(Provider::isRoutable);
      if (provider.isEmpty()) {
        return Optional.empty();
      }
      Optional<CachedUpstream> upstream = upstream(provider.get());
      if (upstream.isEmpty()) {
        return Optional.empty();
      }
      Dialects dialects = upstream.get().upstream.dialects(providerModel.get().modelId());
      Dialect upstreamDialect =
          dialects.accepts(request.dialect()) ? request.dialect() : dialects.nativeDialect();
      if (upstreamDialect != request.dialect()
          && !Translations.exists(request.dialect(), upstreamDialect)) {
        // A Backend that can never serve this dialect is no reason to wait and retry.
        untranslatable++;
        return Optional.empty();
      }
      // Token counting is an aside: it never opens or closes a Backend's circuit.
      boolean aside = request.dialect() == Dialect.ANTHROPIC_COUNT_TOKENS;
      int window = providerModel.get().contextWindow();
      if (!aside && (window < requiredTokens() || window <= refusedWindow)) {
        // Too small a window is the request's size, not the Backend's fault: no attempt is made.
        tooSmall++;
        largestWindow = Math.max(largestWindow, window);
        return Optional.empty();
      }
      routable.add(backend);
      Optional<BackendCircuits.Permit> permit =
          aside
              ? Optional.empty()
              : circuits.tryAcquire(
                  backend.id(), () -> BackendNames.of(model.slug(), backend, provider.get()));
      if (!aside && permit.isEmpty()) {
        return Optional.empty();
      }
      try {
        return tryBackend(
            backend, providerModel.get(), provider.get(), upstream.get(), upstreamDialect, permit);
      } finally {
        permit.ifPresent(BackendCircuits.Permit::close);
      }
    }

    private Optional<RouteResponse> tryBackend(
        Backend backend,
        ProviderModel providerModel,
        Provider provider,
        CachedUpstream upstream,
        Dialect upstreamDialect,
        Optional<BackendCircuits.Permit> permit) {
      TranslationContext context =
          new TranslationContext(
              model.slug(),
              providerModel.modelId(),
              provider.kind(),
              providerModel.maxOutputTokens());
      boolean passthrough = upstreamDialect == request.dialect();
      Optional<Translation> translation =
          passthrough
              ? Optional.empty()
              : Translations.between(
                  request.dialect(), upstreamDialect, context, clock.instant().getEpochSecond());
      // Some Chat streams report usage only when asked; ask for the client if it did not.
      boolean askForUsage =
          passthrough
              && scan.stream
              && request.dialect() == Dialect.OPENAI_CHAT
              && context.streamUsageOnRequest()
              && !scan.fields.contains("stream_options");
      byte[] body =
          passthrough
              ? passthroughBody(backend, context, askForUsage)
              : translatedBody(translation.orElseThrow(), backend, context);
      UpstreamRequest call =
          new UpstreamRequest(
              upstreamDialect,
              context.upstreamModel(),
              body,
              scan.stream,
              request.headers(),
              upstream.credentials,
              request.cancellation());
      Bill bill = Bill.of(ticket, providerModel.pricing());
      return new BackendCall(
              backend,
              providerModel,
              provider,
              context,
              call,
              translation,
              askForUsage,
              permit,
              bill)
          .run(upstream.upstream);
    }

    /**
     * The tokens a window must hold for the request: its estimate with the output it asks for, or
     * more where an upstream counted more.
     */
    long requiredTokens() {
      return Math.max(scan.estimate.withRequestedOutput(), countedTokens);
    }

    /**
     * How long until a routable Backend may serve again: the shortest cooldown left of their
     * circuits; empty if one may be tried now, or none is routable.
     */
    Optional<Duration> retryAfter() {
      Duration shortest = null;
      for (Backend backend : routable) {
        Optional<Duration> left = circuits.cooldownLeft(backend.id());
        if (left.isEmpty()) {
          return Optional.empty();
        }
        shortest = shortest == null || left.get().compareTo(shortest) < 0 ? left.get() : shortest;
      }
      return Optional.ofNullable(shortest);
    }

    /**
     * The client's body for an upstream of its own dialect: byte for byte but for the model and the
     * Backend's defaults, and for reasoning only another model family can read.
     */
    private byte[] passthroughBody(
        Backend backend, TranslationContext context, boolean askForUsage) {
      byte[] body =
          PassthroughBody.rewrite(
              request.body(),
              scan,
              context.upstreamModel(),
              DefaultFields.missing(
                  request.dialect(),
                  backend.defaults(),
                  scan.fields,
                  context.usesMaxCompletionTokens(),
                  askForUsage));
      return request.dialect() == Dialect.OPENAI_RESPONSES
          ? ClaudeReasoningItems.removedFrom(body)
          : body;
    }

    private byte[] translatedBody(
        Translation translation, Backend backend, TranslationContext context) {
      if (tree == null) {
        tree = parseRequest(request.body());
      }
      ObjectNode withDefaults = tree.deepCopy();
      DefaultFields.missing(
              request.dialect(), backend.defaults(), scan.fields, context.usesMaxCompletionTokens())
          .forEach((name, value) -> withDefaults.set(name, Json.MAPPER.valueToTree(value)));
      return encode(translation.request(withDefaults));
    }

    /** One attempt: one Backend, one upstream call, and what the router makes of its answer. */
    private final class BackendCall {
      final Backend backend;
      final ProviderModel providerModel;
      final Provider provider;
      final TranslationContext context;
      final UpstreamRequest call;
      final Optional<Translation> translation;
      final boolean usageAskedForClient;
      final Optional<BackendCircuits.Permit> permit;
      final Bill bill;
      final long start = clock.nanoTime();

      BackendCall(
          Backend backend,
          ProviderModel providerModel,
          Provider provider,
          TranslationContext context,
          UpstreamRequest call,
          Optional<Translation> translation,
          boolean usageAskedForClient,
          Optional<BackendCircuits.Permit> permit,
          Bill bill) {
        this.backend = backend;
        this.providerModel = providerModel;
        this.provider = provider;
        this.context = context;
        this.call = call;
        this.translation = translation;
        this.usageAskedForClient = usageAskedForClient;
        this.permit = permit;
        this.bill = bill;
      }

      Optional<RouteResponse> run(Upstream upstream) {
        try {
          listener.attemptStarted(model.slug(), backend.id());
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "router listener failed on attemptStarted", e);
        }
        UpstreamResponse response;
        try {
          response = upstream.call(call);
        } catch (IOException e) {
          stopIfCancelled();
          return failed(
              UpstreamFaults.isTimeout(e) ? UpstreamFaults.TIMED_OUT : 0,
              Optional.empty(),
              UpstreamFaults.describe(e, false));
        }
        if (request.cancellation().isCancelled()) {
          response.close();
          stopIfCancelled();
        }
        Outcome outcome = policy.classify(response.status());
        if (outcome == Outcome.FAILOVER) {
          Optional<Duration> retryAfter = RetryAfter.of(response, clock.instant());
          return failed(
              response.status(),
              retryAfter,
              Redirects.isRedirect(response.status())
                  ? Redirects.describe(response)
                  : WireErrors.message(Answers.readError(response), response.status()));
        }
        if (outcome == Outcome.FAIL) {
          return refused(response);
        }
        return call.stream() ? stream(response) : body(response);
      }

      /**
       * The request was at fault: the client gets the upstream's error in its own dialect, as it
       * came when it is a whole JSON error of the client's dialect, else rebuilt from its message.
       */
      private Optional<RouteResponse> refused(UpstreamResponse response) {
        succeeded();
        byte[] upstreamError =
            Secrets.scrub(Answers.readError(response), call.credentials().values());
        String message = WireErrors.message(upstreamError, response.status());
        record(Outcome.FAIL, response.status(), Optional.of(message));
        Optional<ContextOverflow> overflow =
            ContextOverflow.in(provider.kind(), response.status(), upstreamError);
        if (overflow.isPresent()) {
          tooLong(overflow.get());
          return Optional.empty();
        }
        byte[] clientError =
            translation.isEmpty()
                    && upstreamError.length < Answers.MAX_ERROR
                    && Answers.isJsonObject(upstreamError)
                ? upstreamError
                : ErrorBody.of(request.dialect(), response.status(), Answers.shortened(message));
        return answered(response.status(), clientError, Usage.NONE);
      }

      /**
       * The upstream refused the request as longer than its window: the route goes on to the
       * Backends whose windows are larger, and none of this counts against the Backend.
       */
      private void tooLong(ContextOverflow overflow) {
        overflowed++;
        long window = overflow.maximum().orElse(providerModel.contextWindow());
        refusedWindow = Math.max(refusedWindow, window);
        largestWindow = Math.max(largestWindow, window);
        countedTokens = Math.max(countedTokens, overflow.tokens().orElse(0));
      }

      private Optional<RouteResponse> body(UpstreamResponse response) {
        byte[] upstreamBody;
        byte[] clientBody;
        try (response) {
          upstreamBody = Answers.readWhole(response, limits.maxAnswerBytes());
          if (translation.isPresent()) {
            clientBody = encode(translation.get().response(parse(upstreamBody)));
          } else {
            clientBody = modelNames.rename(upstreamBody);
          }
        } catch (IOException e) {
          stopIfCancelled();
          return failedAnswering(response, e);
        } catch (Answers.Unusable e) {
          return failed(response.status(), Optional.empty(), e.getMessage());
        } catch (InvalidRequestException e) {
          return failed(response.status(), Optional.empty(), "the upstream answer is not JSON");
        }
        succeeded();
        UsageMeter meter = new UsageMeter(call.dialect());
        meter.readBody(upstreamBody);
        record(Outcome.SUCCESS, response.status(), Optional.empty());
        return answered(response.status(), clientBody, meter.usage());
      }

      private Optional<RouteResponse> stream(UpstreamResponse response) {
        SseReader reader = new SseReader(response.body(), limits.maxEventBytes());
        Optional<SseEvent> first;
        try {
          first = reader.next();
        } catch (IOException e) {
          response.close();
          stopIfCancelled();
          return failedAnswering(response, e);
        }
        Optional<String> error =
            first.flatMap(
                e ->
                    Answers.isJsonEvent(e)
                        ? WireErrors.streamError(call.dialect(), e)
                        : Optional.of("the upstream's first stream event is not JSON"));
        if (first.isEmpty() || error.isPresent()) {
          response.close();
          return failed(
              response.status(),
              Optional.empty(),
              error.orElse("the upstream stream ended before its first event"));
        }
        succeeded();
        record(Outcome.SUCCESS, response.status(), Optional.empty());
        EventPipe pipe =
            translation.isPresent()
                ? EventPipe.translated(translation.get().stream())
                : EventPipe.passthrough(call.dialect(), usageAskedForClient, modelNames);
        return Optional.of(
            new StreamResponse(
                model,
                attempts,
                listener,
                bill,
                route,
                response,
                reader,
                first.get(),
                pipe,
                new UsageMeter(call.dialect()),
                request.dialect(),
                request.cancellation()));
      }

      /** Records an answer that broke off before the client had any of it. */
      private Optional<RouteResponse> failedAnswering(UpstreamResponse response, IOException e) {
        return failed(
            UpstreamFaults.isTimeout(e) ? UpstreamFaults.TIMED_OUT : response.status(),
            Optional.empty(),
            UpstreamFaults.describe(e, true));
      }

      private Optional<RouteResponse> answered(int status, byte[] body, Usage usage) {
        return Optional.of(
            new BodyResponse(
                model, attempts, listener, bill, route, status, body, usage, Map.of()));
      }

      /** Records a failure that calls for failover; the route goes on to the next Backend. */
      private Optional<RouteResponse> failed(
          int status, Optional<Duration> retryAfter, String error) {
        permit.ifPresent(p -> p.failed(retryAfter));
        Attempt attempt = record(Outcome.FAILOVER, status, Optional.of(error));
        if (LOG.isLoggable(System.Logger.Level.WARNING)) {
          LOG.log(
              System.Logger.Level.WARNING,
              "request "
                  + request.origin().requestId()
                  + ": attempt "
                  + attempts.size()
                  + " for model "
                  + model.slug()
                  + " failed over after "
                  + attempt.duration().toMillis()
                  + " ms: "
                  + BackendNames.of(model.slug(), backend, provider)
                  + ", upstream model "
                  + attempt.upstreamModel()
                  + ", status "
                  + status
                  + ": "
                  + attempt.error().orElse("no reason given"));
        }
        try {
          listener.attemptFailed(model.slug(), attempt);
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "router listener failed on attemptFailed", e);
        }
        return Optional.empty();
      }

      /**
       * Ends the route if the caller cancelled it: the attempt is recorded with status 499, and its
       * permit is given back without a verdict, since the upstream was not at fault.
       */
      private void stopIfCancelled() {
        if (request.cancellation().isCancelled()) {
          record(
              Outcome.FAIL,
              RouteUsage.CLIENT_CLOSED,
              Optional.of("the caller cancelled the request"));
          throw new RouteCancelledException(model.slug(), attempts);
        }
      }

      private void succeeded() {
        permit.ifPresent(BackendCircuits.Permit::succeeded);
      }

      /**
       * Records an attempt; its error is shortened and has the Provider's credentials taken out.
       */
      private Attempt record(Outcome outcome, int status, Optional<String> error) {
        Attempt attempt =
            new Attempt(
                backend.id(),
                provider.id(),
                context.upstreamModel(),
                outcome,
                status,
                Duration.ofNanos(clock.nanoTime() - start),
                error.map(e -> Answers.shortened(Secrets.scrub(e, call.credentials().values()))));
        attempts.add(attempt);
        return attempt;
      }
    }
  }

  private static byte[] encode(JsonNode node) {
    try {
      return Json.MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode JSON", e);
    }
  }

  /** Reads a client's body, already checked by its scan, into a tree of bounded size. */
  private static ObjectNode parseRequest(byte[] body) {
    try {
      return (ObjectNode) Json.TREE_MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException(null, JsonProblems.describe("the request body", e));
    } catch (IOException e) {
      throw new InvalidRequestException(null, "the request body cannot be read");
    }
  }

  private static ObjectNode parse(byte[] body) {
    try {
      JsonNode node = Json.TREE_MAPPER.readTree(body);
      if (!(node instanceof ObjectNode)) {
        throw new InvalidRequestException(null, "the body must be a JSON object");
      }
      return (ObjectNode) node;
    } catch (IOException e) {
      throw new InvalidRequestException(null, "the body is not valid JSON");
    }
  }

  /** Names a failure without its stack: its kind and message, never a body. */
  static String describe(IOException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
