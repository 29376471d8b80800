package wiregate.core.model;

/**
 * One result column, described in canonical (PostgreSQL) terms: the engine's type OID and modifier,
 * and where the column came from when it is a plain table column (table OID 0 otherwise).
 */
public record Column(String name, int tableOid, short columnNumber, int typeOid, short typeSize,
    int typeModifier) {}
