package wiregate.pgwire;

import wiregate.core.engine.EnginePortal;

/** A portal the client created with Bind; {@code engine} is null when its statement was empty. */
record ClientPortal(String name, ClientStatement statement, EnginePortal engine, boolean[] binaryResults) {}
