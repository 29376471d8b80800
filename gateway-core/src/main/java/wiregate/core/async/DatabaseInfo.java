package wiregate.core.async;

/** A database the async API can run queries on: its id in requests, its kind, a short description. */
public record DatabaseInfo(String id, String kind, String description) {}
