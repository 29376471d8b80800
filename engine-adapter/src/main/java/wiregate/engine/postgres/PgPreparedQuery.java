package wiregate.engine.postgres;

import java.util.List;
import org.postgresql.core.Query;
import wiregate.core.engine.PreparedQuery;
import wiregate.core.model.Column;
import wiregate.core.model.Statement;

/** A client statement prepared on the engine as a pgjdbc query, with what the engine said about it. */
record PgPreparedQuery(Statement statement, Query query, int[] parameterTypes, List<Column> columns)
    implements PreparedQuery {}
