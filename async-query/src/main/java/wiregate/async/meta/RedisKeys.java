package wiregate.async.meta;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The names of everything the Redis metadata store keeps, all under one prefix ({@code wg:}):
 * <ul>
 * <li>{@code q:<id>} hash: the query's record;
 * <li>{@code q:<id>:events} list: its events in sequence order (event n at index n-1);
 * <li>{@code idem:<user>:<key>} string: the query id holding an idempotency key;
 * <li>{@code owner:<instance>} set: ids of that instance's unfinished queries;
 * <li>{@code owners} set: instances that may own unfinished queries;
 * <li>{@code expiry} sorted set: query ids scored by their expiry time (epoch milliseconds);
 * <li>{@code inst:<instance>} string with a TTL: the instance's heartbeat;
 * <li>channels {@code events} (every query's events) and {@code cancel:<instance>}.
 * </ul>
 * User names and instance ids are URL-encoded so that a ':' in them cannot make two keys collide.
 */
final class RedisKeys {
  private final String prefix;

  RedisKeys(String prefix) {
    this.prefix = prefix;
  }

  String query(String id) {
    return prefix + "q:" + id;
  }

  String events(String id) {
    return prefix + "q:" + id + ":events";
  }

  String idempotency(String user, String key) {
    return prefix + "idem:" + encode(user) + ":" + key;
  }

  String ownerIndex(String owner) {
    return prefix + "owner:" + encode(owner);
  }

  String owners() {
    return prefix + "owners";
  }

  String expiry() {
    return prefix + "expiry";
  }

  String instance(String instanceId) {
    return prefix + "inst:" + encode(instanceId);
  }

  String eventChannel() {
    return prefix + "events";
  }

  String cancelChannel(String owner) {
    return prefix + "cancel:" + encode(owner);
  }

  private static String encode(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8);
  }
}
