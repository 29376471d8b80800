package wiregate.async;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wiregate.async.meta.MetadataStore;
import wiregate.async.meta.OrderedDelivery;
import wiregate.async.meta.QueryRecord;
import wiregate.async.meta.StateChange;
import wiregate.async.store.ResultStore;
import wiregate.core.async.AsyncQueryException;
import wiregate.core.async.AsyncQueryException.Problem;
import wiregate.core.async.DatabaseInfo;
import wiregate.core.async.QueryDatabase;
import wiregate.core.async.QueryDatabases;
import wiregate.core.async.QueryError;
import wiregate.core.async.QueryEvent;
import wiregate.core.async.QueryInfo;
import wiregate.core.async.QueryRequest;
import wiregate.core.async.QueryService;
import wiregate.core.async.QueryState;
import wiregate.core.async.QueryStats;
import wiregate.core.async.ResultFile;
import wiregate.core.lifecycle.Admission;

/**
 * The async query service of one gateway instance: validates and records submissions, hands them
 * to its {@link QueryRunner}, and answers for queries from the metadata store, which may be shared
 * with other instances. A query belongs to the user who submitted it; to anybody else it does not
 * exist. The service owns the metadata and result stores it is given and closes them.
 */
public final class DefaultQueryService implements QueryService, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DefaultQueryService.class);
  /** How long stop() waits for a running query to acknowledge the cancel. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(10);

  private volatile AsyncSettings settings;
  private final QueryDatabases databases;
  private final MetadataStore metadata;
  private final ResultStore results;
  private final Clock clock;
  private final QueryIds ids;
  private final QueryRunner runner;
  private final QueryExecution execution;
  private final ExpirySweeper sweeper;
  private final InstanceHeartbeat heartbeat;
  private final OwnerReaper reaper;
  private final AutoCloseable cancelRequests;

  public DefaultQueryService(AsyncSettings settings, QueryDatabases databases, MetadataStore metadata,
      ResultStore results, Clock clock, SecureRandom random) {
    this(settings, databases, metadata, results, clock, random, Admission.always());
  }

  /** @param admission the gateway's lifecycle gate: queries count as in flight for a drain */
  public DefaultQueryService(AsyncSettings settings, QueryDatabases databases, MetadataStore metadata,
      ResultStore results, Clock clock, SecureRandom random, Admission admission) {
    this.settings = settings;
    this.databases = databases;
    this.metadata = metadata;
    this.results = results;
    this.clock = clock;
    this.ids = new QueryIds(random);
    this.execution = new QueryExecution(databases, metadata, results, clock, settings.fetchSize());
    this.runner = new QueryRunner(settings.maxRunning(), settings.maxQueued(), admission,
        (id, timeout, handle) -> execution.run(id, handle));
    this.sweeper = new ExpirySweeper(metadata, results, clock, settings.resultTtl());
    this.heartbeat = new InstanceHeartbeat(metadata, runner, settings.instanceId(), settings.ownerTimeout());
    this.reaper = new OwnerReaper(metadata, clock, settings.instanceId());
    // Nothing is submitted here yet: what the store lists under this id is an earlier run's.
    reaper.reapLeftovers();
    // Stops may be asked for on any instance; they arrive here through the metadata store.
    this.cancelRequests = metadata.onCancelRequest(settings.instanceId(), this::cancelHere);
  }

  /**
   * Applies reloaded limits: the TTL of new queries, how many run and wait, the fetch size of
   * queries started from now on. Running and waiting queries are not disturbed; the instance id
   * stays (it names this process in the metadata store).
   */
  public void reconfigure(AsyncSettings next) {
    AsyncSettings running = settings;
    // Instance id, sweep, heartbeat and owner timeout belong to the metadata store's setup (restart only).
    AsyncSettings applied = new AsyncSettings(next.resultTtl(), next.maxRunning(), next.maxQueued(), next.fetchSize(),
        running.instanceId(), running.sweepInterval(), running.heartbeat(), running.ownerTimeout());
    settings = applied;
    runner.resize(applied.maxRunning(), applied.maxQueued());
    execution.fetchSize(applied.fetchSize());
    sweeper.ttl(applied.resultTtl());
  }

  public String instanceId() {
    return settings.instanceId();
  }

  /**
   * A cancel request for a query of this instance: stop it if it runs; if it was stopped while it
   * waited (on another instance, which cannot reach this queue), drop it from the queue.
   */
  private void cancelHere(String id) {
    if (!runner.cancel(id) && metadata.get(id).map(r -> r.state().isTerminal()).orElse(true)) {
      runner.dequeue(id);
    }
  }

  /**
   * Starts the periodic work: the expiry sweep, this instance's heartbeat, and the reaper of dead
   * instances' queries (tests drive these by hand instead).
   */
  public DefaultQueryService startSweeping() {
    heartbeat.start(settings.heartbeat());
    sweeper.start(settings.sweepInterval());
    reaper.start(settings.heartbeat());
    return this;
  }

  @Override
  public QueryInfo submit(String user, QueryRequest request, Optional<String> idempotencyKey)
      throws AsyncQueryException {
    RequestValidator.check(request);
    if (idempotencyKey.isPresent()) {
      RequestValidator.checkIdempotencyKey(idempotencyKey.get());
    }
    if (databases.find(request.databaseId()).isEmpty()) {
      throw new AsyncQueryException(Problem.UNKNOWN_DATABASE, "no database with id '" + request.databaseId() + "'");
    }
    QueryRecord created = QueryRecord.pending(ids.next(), user, request, settings.instanceId(), clock.instant(),
        settings.resultTtl());
    metadata.create(created);
    if (idempotencyKey.isPresent()) {
      // The record exists before the key is claimed, so whoever loses a race finds the winner's.
      String holder = metadata.claimIdempotencyKey(user, idempotencyKey.get(), created.id(), settings.resultTtl());
      if (!holder.equals(created.id())) {
        metadata.remove(created.id());
        return metadata.get(holder).map(QueryRecord::info).orElseThrow(() -> new AsyncQueryException(
            Problem.EXPIRED, "the query of this idempotency key is gone"));
      }
    }
    try {
      runner.enqueue(created.id(), request.timeoutMs() == null ? null : Duration.ofMillis(request.timeoutMs()));
    } catch (AsyncQueryException refused) {
      metadata.remove(created.id());
      throw refused;
    }
    return created.info();
  }

  @Override
  public QueryInfo get(String user, String id, Duration wait) throws AsyncQueryException {
    QueryRecord query = find(user, id);
    if (query.state().isTerminal() || wait.isZero() || wait.isNegative()) {
      return query.info();
    }
    awaitTerminal(id, wait);
    return find(user, id).info();
  }

  /** Waits until the query is in a terminal state or {@code wait} passed. */
  private void awaitTerminal(String id, Duration wait) throws AsyncQueryException {
    CompletableFuture<Void> terminal = new CompletableFuture<>();
    AutoCloseable subscription = metadata.subscribe(id, event -> {
      if (event.state().isTerminal()) {
        terminal.complete(null);
      }
    });
    try {
      // Subscribed first, then looked: a change in between is not missed.
      if (metadata.get(id).map(r -> r.state().isTerminal()).orElse(true)) {
        return;
      }
      terminal.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // the caller gets the state as it is now
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AsyncQueryException(Problem.UNAVAILABLE, "interrupted while waiting for the query");
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    } finally {
      closeQuietly(subscription);
    }
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      log.debug("closing {} failed: {}", resource, e.toString());
    }
  }

  @Override
  public QueryInfo stop(String user, String id) throws AsyncQueryException {
    QueryRecord query = find(user, id);
    while (!query.state().isTerminal()) {
      if (query.state() == QueryState.PENDING) {
        Optional<QueryRecord> canceled = metadata.transition(id, EnumSet.of(QueryState.PENDING), new StateChange(
            QueryState.CANCELED, clock.instant(), new QueryError("CANCELED", "stopped before it ran")));
        if (canceled.isPresent()) {
          if (query.owner().equals(settings.instanceId())) {
            runner.dequeue(id);
          } else {
            metadata.requestCancel(query.owner(), id); // frees its place in the owner's queue
          }
          return canceled.get().info();
        }
      } else {
        metadata.requestCancel(query.owner(), id);
        return get(user, id, STOP_WAIT);
      }
      query = find(user, id); // it moved on meanwhile: look again
    }
    return query.info();
  }

  @Override
  public QueryStats stats(String user, String id) throws AsyncQueryException {
    return find(user, id).stats(clock.instant());
  }

  @Override
  public ResultFile result(String user, String id) throws AsyncQueryException {
    QueryRecord query = find(user, id);
    switch (query.state()) {
      case SUCCEEDED -> {
        // the file is looked up below
      }
      case EXPIRED -> throw new AsyncQueryException(Problem.EXPIRED,
          "the result of query " + id + " expired at " + query.expiresAt());
      case PENDING, RUNNING -> throw new AsyncQueryException(Problem.RESULT_NOT_READY,
          "query " + id + " is " + query.state() + "; its result is not ready");
      default -> throw new AsyncQueryException(Problem.RESULT_NOT_READY,
          "query " + id + " is " + query.state() + " and has no result");
    }
    try {
      return results.open(id, query.request().format()).orElseThrow(() -> new AsyncQueryException(Problem.EXPIRED,
          "the result of query " + id + " is no longer stored"));
    } catch (IOException e) {
      throw new AsyncQueryException(Problem.UNAVAILABLE, "result storage failed: " + e.getMessage(), e);
    }
  }

  @Override
  public AutoCloseable subscribe(String user, String id, Consumer<QueryEvent> listener) throws AsyncQueryException {
    find(user, id);
    OrderedDelivery<QueryEvent> delivery = new OrderedDelivery<>(new GapFillingListener(id, metadata, listener));
    AutoCloseable subscription = metadata.subscribe(id, delivery::offer);
    // The history so far: the gap filler delivers every event up to the newest, in order.
    List<QueryEvent> past = metadata.events(id);
    if (!past.isEmpty()) {
      delivery.offer(past.getLast());
    }
    return () -> {
      subscription.close();
      delivery.close();
    };
  }

  @Override
  public List<DatabaseInfo> databases() {
    return databases.all().stream().map(QueryDatabase::info).toList();
  }

  /** The query of this user, or NOT_FOUND: another user's query is not revealed either. */
  private QueryRecord find(String user, String id) throws AsyncQueryException {
    if (QueryIds.isWellFormed(id)) {
      Optional<QueryRecord> query = metadata.get(id);
      if (query.isPresent() && query.get().user().equals(user)) {
        return query.get();
      }
    }
    throw new AsyncQueryException(Problem.NOT_FOUND, "no query " + id);
  }

  /** Queries waiting or running on this instance, for a graceful drain. */
  public int inFlightCount() {
    return runner.inFlightCount();
  }

  /** Waits until no query waits or runs on this instance; false when {@code timeout} passed first. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    return runner.awaitIdle(timeout);
  }

  /** The reaper of dead instances' queries, for tests that want a pass now. */
  OwnerReaper reaper() {
    return reaper;
  }

  /** The heartbeat, for tests that want a beat now. */
  InstanceHeartbeat heartbeat() {
    return heartbeat;
  }

  /** The expiry sweep, for tests and operators that want it now. */
  public ExpirySweeper sweeper() {
    return sweeper;
  }

  /**
   * Stops this instance's work: running queries are cancelled and fail, waiting ones fail, with
   * code SHUTDOWN. Drain first ({@link #awaitIdle}) to let them finish instead.
   */
  @Override
  public void close() {
    sweeper.close();
    reaper.close();
    heartbeat.close();
    closeQuietly(cancelRequests);
    List<String> waiting = runner.drainQueue();
    runner.close();
    for (String id : waiting) {
      metadata.transition(id, EnumSet.of(QueryState.PENDING), new StateChange(QueryState.FAILED, clock.instant(),
          new QueryError("SHUTDOWN", "the gateway stopped before the query ran")));
    }
    metadata.close();
    results.close();
  }
}
