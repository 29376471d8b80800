package wiregate.async.meta;

import java.time.Clock;
import java.time.ZoneOffset;

class InMemoryMetadataStoreTest extends MetadataStoreContract {
  @Override
  MetadataStore newStore() {
    return new InMemoryMetadataStore(Clock.fixed(T0, ZoneOffset.UTC));
  }
}
