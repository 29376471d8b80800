package wiregate.pgwire;

import wiregate.core.engine.EnginePortal;

/**
 * A portal the client created with Bind; {@code engine} is null when its statement was empty, and
 * {@code badResultFormat} is an unknown result format code to refuse at Execute (0: none).
 */
record ClientPortal(String name, ClientStatement statement, EnginePortal engine, boolean[] binaryResults,
    short badResultFormat) {}
