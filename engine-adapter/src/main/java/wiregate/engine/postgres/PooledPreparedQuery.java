package wiregate.engine.postgres;

import java.util.List;
import wiregate.core.engine.PreparedQuery;
import wiregate.core.model.Column;
import wiregate.core.model.Statement;

/**
 * A client's prepared statement in transaction pool mode: what the engine said about it when the
 * client prepared it, not tied to one engine connection. Each engine connection it runs on has its
 * own engine statement for it, prepared there on first use ({@link PhysicalConnection}).
 */
record PooledPreparedQuery(Statement statement, int[] declaredTypes, int[] parameterTypes, List<Column> columns,
    PreparedKey key) implements PreparedQuery {}
