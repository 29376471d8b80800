package wiregate.async;

import java.util.function.Consumer;
import wiregate.async.meta.MetadataStore;
import wiregate.core.async.QueryEvent;

/**
 * Passes a query's events on in sequence order, each once. When an event arrives ahead of the
 * next expected one (the subscriber joined late, or a notification was lost on the way), the
 * missing ones are read back from the store first. Called from one thread at a time.
 */
final class GapFillingListener implements Consumer<QueryEvent> {
  private final String id;
  private final MetadataStore metadata;
  private final Consumer<QueryEvent> listener;
  private long delivered;

  GapFillingListener(String id, MetadataStore metadata, Consumer<QueryEvent> listener) {
    this.id = id;
    this.metadata = metadata;
    this.listener = listener;
  }

  @Override
  public void accept(QueryEvent event) {
    if (event.sequence() <= delivered) {
      return;
    }
    if (event.sequence() > delivered + 1) {
      for (QueryEvent past : metadata.events(id)) {
        if (past.sequence() > delivered && past.sequence() < event.sequence()) {
          deliver(past);
        }
      }
    }
    deliver(event);
  }

  private void deliver(QueryEvent event) {
    delivered = event.sequence();
    listener.accept(event);
  }
}
