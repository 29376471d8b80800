package wiregate.http;

import wiregate.core.async.AsyncQueryException;

/**
 * One API operation. Runs on a worker (virtual) thread, never on an event loop, so it may block on
 * the query service, storage or the configuration files.
 */
@FunctionalInterface
public interface Endpoint {
  ApiResponse handle(ApiRequest request) throws ApiException, AsyncQueryException;
}
