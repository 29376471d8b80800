package wiregate.async.meta;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import wiregate.core.async.QueryEvent;

/**
 * Where queries' states live, possibly shared by several gateway instances. Every operation is
 * a single atomic step so that a shared implementation (Redis: a hash per query, Lua scripts for
 * compare-and-set, SET NX PX for idempotency keys, pub/sub for events and cancels) can keep the
 * same guarantees across instances: state changes are compare-and-set on the current state, and
 * each one appends exactly one event with the next sequence number.
 */
public interface MetadataStore extends AutoCloseable {

  /**
   * Claims idempotency key {@code key} of {@code user} for {@code queryId} for {@code ttl}, unless
   * the key is held: then returns the holder. Atomic: of racing claims exactly one wins.
   *
   * @return the id that holds the key now ({@code queryId} when this call claimed it)
   */
  String claimIdempotencyKey(String user, String key, String queryId, Duration ttl);

  /** Stores a new query and its first event (PENDING, sequence 1). */
  void create(QueryRecord record);

  Optional<QueryRecord> get(String id);

  /**
   * Applies {@code change} if the query is in one of {@code from}, appending its event and
   * notifying subscribers in sequence order.
   *
   * @return the changed record, or empty when the query is missing or in another state
   */
  Optional<QueryRecord> transition(String id, Set<wiregate.core.async.QueryState> from, StateChange change);

  /** Records progress (rows and bytes written so far); not an event. */
  void progress(String id, long rows, long bytes, boolean truncated);

  /** The query's events so far, in sequence order. */
  List<QueryEvent> events(String id);

  /**
   * Calls {@code listener} with each event appended from now on, in order, on a thread of the
   * store's own. Close the handle to stop.
   */
  AutoCloseable subscribe(String id, Consumer<QueryEvent> listener);

  /**
   * Queries of gateway instance {@code owner} that have not ended (PENDING or RUNNING), for reaping
   * a dead owner's queries.
   */
  List<QueryRecord> unfinishedByOwner(String owner);

  /** Instances that own unfinished queries (and perhaps a few that no longer do). */
  Set<String> owners();

  /** Drops {@code owner} from {@link #owners()} if it has no unfinished query and no heartbeat. */
  void forgetOwner(String owner);

  /** Renews the liveness of gateway instance {@code instanceId} for {@code timeout}. */
  void heartbeat(String instanceId, Duration timeout);

  /** Whether {@code instanceId}'s last heartbeat is less than its timeout old. */
  boolean isAlive(String instanceId);

  /**
   * Whether a cancel of the query was requested. The flag stays when a cancel notification is
   * lost (the owner reconnecting to the store), so the owner looks at it on each heartbeat.
   */
  boolean cancelRequested(String id);

  /** Queries whose result TTL ended at or before {@code now}, EXPIRED ones included. */
  List<QueryRecord> expiredBy(Instant now);

  /** Forgets a query entirely (its record, events and idempotency key). */
  void remove(String id);

  /**
   * Asks the instance that runs the query to cancel it; it may run on another instance. Marks the
   * query (see {@link #cancelRequested}) and notifies {@code owner}.
   */
  void requestCancel(String owner, String id);

  /**
   * Calls {@code listener} with the id of each query whose cancel is requested of {@code owner}. The
   * listener may block: it is never called on a network event loop.
   */
  AutoCloseable onCancelRequest(String owner, Consumer<String> listener);

  @Override
  void close();
}
