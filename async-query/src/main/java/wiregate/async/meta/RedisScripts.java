package wiregate.async.meta;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Lua scripts that make each store operation one atomic step in Redis, run by EVALSHA. A
 * script missing from the server's cache (Redis restarted, or SCRIPT FLUSH) is loaded again.
 * The scripts name every key they touch in KEYS, as Redis asks.
 */
final class RedisScripts {
  /**
   * KEYS: record, events, owner index, owners, expiry. ARGV: id, owner, first event, key TTL in ms,
   * expiry score, then the record's field/value pairs. 0 when the id is taken.
   */
  static final String CREATE = """
      if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
      redis.call('HSET', KEYS[1], unpack(ARGV, 6))
      redis.call('RPUSH', KEYS[2], ARGV[3])
      redis.call('PEXPIRE', KEYS[1], ARGV[4])
      redis.call('PEXPIRE', KEYS[2], ARGV[4])
      redis.call('SADD', KEYS[3], ARGV[1])
      redis.call('SADD', KEYS[4], ARGV[2])
      redis.call('ZADD', KEYS[5], ARGV[5], ARGV[1])
      return 1
      """;

  /**
   * Compare-and-set on the sequence (the record's version). KEYS: record, events, owner index.
   * ARGV: expected sequence, id, event, event channel, 1 when the new state is terminal, then the
   * field/value pairs to set. The whole record after the change, or an empty list when the record
   * is gone or moved on.
   */
  static final String TRANSITION = """
      if redis.call('HGET', KEYS[1], 'seq') ~= ARGV[1] then return {} end
      redis.call('HSET', KEYS[1], unpack(ARGV, 6))
      redis.call('RPUSH', KEYS[2], ARGV[3])
      if ARGV[5] == '1' then redis.call('SREM', KEYS[3], ARGV[2]) end
      redis.call('PUBLISH', ARGV[4], ARGV[3])
      return redis.call('HGETALL', KEYS[1])
      """;

  /** KEYS: record. ARGV: rows, bytes, truncated. Never creates a record that is gone. */
  static final String PROGRESS = """
      if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
      redis.call('HSET', KEYS[1], 'rows', ARGV[1], 'bytes', ARGV[2], 'truncated', ARGV[3])
      return 1
      """;

  /**
   * KEYS: idempotency key, claimant's record. ARGV: claimant id, TTL in ms. The holder's id; the
   * record remembers the key it holds, so that removing the query frees it.
   */
  static final String CLAIM = """
      local held = redis.call('GET', KEYS[1])
      if held then return held end
      redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
      if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('HSET', KEYS[2], 'idem', KEYS[1]) end
      return ARGV[1]
      """;

  /**
   * KEYS: record, events, expiry, owner index, idempotency key (may be a key that does not exist).
   * ARGV: id. The idempotency key is deleted only while it still names this query.
   */
  static final String REMOVE = """
      redis.call('DEL', KEYS[1], KEYS[2])
      redis.call('ZREM', KEYS[3], ARGV[1])
      redis.call('SREM', KEYS[4], ARGV[1])
      if redis.call('GET', KEYS[5]) == ARGV[1] then redis.call('DEL', KEYS[5]) end
      return 1
      """;

  /** KEYS: record. ARGV: cancel channel, id. The flag outlives a notification lost on the way. */
  static final String CANCEL = """
      if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'cancel', '1') end
      return redis.call('PUBLISH', ARGV[1], ARGV[2])
      """;

  /** KEYS: owner index, heartbeat, owners. ARGV: owner. 1 when the owner was dropped. */
  static final String FORGET_OWNER = """
      if redis.call('SCARD', KEYS[1]) == 0 and redis.call('EXISTS', KEYS[2]) == 0 then
        redis.call('SREM', KEYS[3], ARGV[1])
        return 1
      end
      return 0
      """;

  private final RedisCommands<String, String> redis;
  private final Map<String, String> shas = new ConcurrentHashMap<>();

  RedisScripts(RedisCommands<String, String> redis) {
    this.redis = redis;
  }

  long integer(String script, List<String> keys, List<String> args) {
    Long result = run(script, ScriptOutputType.INTEGER, keys, args);
    return result;
  }

  String value(String script, List<String> keys, List<String> args) {
    return run(script, ScriptOutputType.VALUE, keys, args);
  }

  List<String> list(String script, List<String> keys, List<String> args) {
    return run(script, ScriptOutputType.MULTI, keys, args);
  }

  private <T> T run(String script, ScriptOutputType type, List<String> keys, List<String> args) {
    String[] keyArray = keys.toArray(String[]::new);
    String[] argArray = args.toArray(String[]::new);
    String sha = shas.computeIfAbsent(script, redis::scriptLoad);
    try {
      return redis.evalsha(sha, type, keyArray, argArray);
    } catch (RedisNoScriptException flushed) {
      shas.put(script, redis.scriptLoad(script));
      return redis.evalsha(shas.get(script), type, keyArray, argArray);
    }
  }
}
