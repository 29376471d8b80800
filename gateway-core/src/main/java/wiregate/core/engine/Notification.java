package wiregate.core.engine;

/** An asynchronous notification (PostgreSQL NOTIFY): the sending backend, the channel, the payload. */
public record Notification(int processId, String channel, String payload) {}
