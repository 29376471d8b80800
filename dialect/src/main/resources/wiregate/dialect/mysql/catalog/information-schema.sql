-- MySQL's information_schema, emulated over PostgreSQL's catalog in schema wg_mysql_is.
-- The one place that knows how PostgreSQL objects look to a MySQL client: the views below are what
-- information_schema.X means to MySQL clients (the translator maps the schema name), and SHOW
-- statements and SHOW CREATE TABLE read them too.
--
-- Rules (docs/mysql.md, "Databases and schemas"): a MySQL database is a PostgreSQL schema; schemas
-- pg_*, information_schema and wg_mysql are not shown; wg_mysql_is itself shows as information_schema.
-- Column types come from the COMMENT of wg_mysql domains, else from the PostgreSQL type. Index
-- names drop the "<table>_" prefix the translator adds (PostgreSQL index names are per schema).
--
-- Idempotent: runs at every gateway start. Statements end with ";" at the end of a line; function
-- bodies are $$-quoted. The generated views (character sets, collations, engines) follow from Java.

CREATE SCHEMA IF NOT EXISTS wg_mysql_is;

-- True for schemas that MySQL clients see as databases.
CREATE OR REPLACE FUNCTION wg_mysql_is.is_exposed(nsp name) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT nsp NOT LIKE 'pg\_%' AND nsp NOT IN ('information_schema', 'wg_mysql')
$$;

-- The MySQL database name of a schema.
CREATE OR REPLACE FUNCTION wg_mysql_is.database_name(nsp name) RETURNS varchar(64)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN nsp = 'wg_mysql_is' THEN 'information_schema' ELSE nsp::text END::varchar(64)
$$;

-- The MySQL name of an index: PRIMARY for the primary key, else without the "<table>_" prefix.
CREATE OR REPLACE FUNCTION wg_mysql_is.index_name(index_name name, table_name name, is_primary boolean)
RETURNS varchar(64) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (CASE
    WHEN is_primary THEN 'PRIMARY'
    WHEN starts_with(index_name::text, table_name::text || '_') AND length(index_name) > length(table_name) + 1
      THEN substr(index_name::text, length(table_name) + 2)
    ELSE index_name::text END)::varchar(64)
$$;

-- The MySQL column type of a PostgreSQL type: a wg_mysql domain's comment, else a mapping.
CREATE OR REPLACE FUNCTION wg_mysql_is.column_type(typ oid, typmod integer) RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
  t record;
  fsp text;
BEGIN
  SELECT pt.typname, pt.typtype, pt.typbasetype, pt.typtypmod, pt.typcategory, ns.nspname
    INTO t FROM pg_type pt JOIN pg_namespace ns ON ns.oid = pt.typnamespace WHERE pt.oid = typ;
  IF NOT FOUND THEN
    RETURN 'text';
  END IF;
  IF t.typtype = 'd' THEN
    IF t.nspname = 'wg_mysql' THEN
      RETURN coalesce(obj_description(typ, 'pg_type'), wg_mysql_is.column_type(t.typbasetype, t.typtypmod));
    END IF;
    RETURN wg_mysql_is.column_type(t.typbasetype, t.typtypmod);
  END IF;
  -- PostgreSQL's default fractional precision is microseconds; MySQL's is whole seconds.
  fsp := CASE WHEN typmod < 0 THEN '(6)' WHEN typmod = 0 THEN '' ELSE '(' || typmod || ')' END;
  RETURN CASE t.typname
    WHEN 'int2' THEN 'smallint'
    WHEN 'int4' THEN 'int'
    WHEN 'int8' THEN 'bigint'
    WHEN 'varchar' THEN CASE WHEN typmod > 4 THEN 'varchar(' || (typmod - 4) || ')' ELSE 'longtext' END
    WHEN 'bpchar' THEN 'char(' || CASE WHEN typmod > 4 THEN typmod - 4 ELSE 1 END || ')'
    WHEN 'text' THEN 'text'
    WHEN 'name' THEN 'varchar(64)'
    WHEN 'char' THEN 'char(1)'
    WHEN 'numeric' THEN CASE WHEN typmod >= 4
      THEN 'decimal(' || (((typmod - 4) >> 16) & 65535) || ',' || ((typmod - 4) & 65535) || ')'
      ELSE 'decimal(65,30)' END
    WHEN 'float4' THEN 'float'
    WHEN 'float8' THEN 'double'
    WHEN 'money' THEN 'decimal(19,2)'
    WHEN 'bool' THEN 'tinyint(1)'
    WHEN 'bytea' THEN 'blob'
    WHEN 'bit' THEN 'bit(' || greatest(typmod, 1) || ')'
    WHEN 'varbit' THEN 'bit(' || CASE WHEN typmod > 0 THEN least(typmod, 64) ELSE 64 END || ')'
    WHEN 'date' THEN 'date'
    WHEN 'time' THEN 'time' || fsp
    WHEN 'timetz' THEN 'time' || fsp
    WHEN 'timestamp' THEN 'datetime' || fsp
    WHEN 'timestamptz' THEN 'timestamp' || fsp
    WHEN 'interval' THEN 'time'
    WHEN 'json' THEN 'json'
    WHEN 'jsonb' THEN 'json'
    WHEN 'uuid' THEN 'char(36)'
    WHEN 'oid' THEN 'int unsigned'
    WHEN 'inet' THEN 'varchar(43)'
    WHEN 'cidr' THEN 'varchar(43)'
    WHEN 'macaddr' THEN 'varchar(17)'
    ELSE 'longtext' END;
END
$$;

-- The information_schema.columns facets MySQL derives from a column type.
CREATE OR REPLACE FUNCTION wg_mysql_is.type_facets(column_type text,
    OUT data_type varchar(64), OUT character_maximum_length bigint, OUT character_octet_length bigint,
    OUT numeric_precision bigint, OUT numeric_scale bigint, OUT datetime_precision bigint,
    OUT character_set_name varchar(64), OUT collation_name varchar(64))
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  arg1 bigint := substring(column_type from '^\w+\((\d+)')::bigint;
  arg2 bigint := substring(column_type from '^\w+\(\d+,(\d+)\)')::bigint;
  unsigned boolean := column_type ~* ' unsigned';
  members text[];
BEGIN
  data_type := lower(substring(column_type from '^[A-Za-z]+'));
  IF data_type IN ('char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext', 'enum', 'set') THEN
    character_set_name := 'utf8mb4';
    collation_name := 'utf8mb4_0900_ai_ci';
  END IF;
  CASE data_type
    WHEN 'char', 'varchar' THEN
      character_maximum_length := arg1; character_octet_length := arg1 * 4;
    WHEN 'binary', 'varbinary' THEN
      character_maximum_length := arg1; character_octet_length := arg1;
    WHEN 'tinytext', 'tinyblob' THEN
      character_maximum_length := 255; character_octet_length := 255;
    WHEN 'text', 'blob' THEN
      character_maximum_length := 65535; character_octet_length := 65535;
    WHEN 'mediumtext', 'mediumblob' THEN
      character_maximum_length := 16777215; character_octet_length := 16777215;
    WHEN 'longtext', 'longblob' THEN
      character_maximum_length := 4294967295; character_octet_length := 4294967295;
    WHEN 'enum', 'set' THEN
      SELECT array_agg(replace(m[1], '''''', '''')) INTO members
        FROM regexp_matches(column_type, '''((?:[^'']|'''')*)''', 'g') AS m;
      IF data_type = 'enum' THEN
        SELECT coalesce(max(length(x)), 0) INTO character_maximum_length FROM unnest(members) x;
      ELSE
        SELECT coalesce(sum(length(x)), 0) + greatest(cardinality(members) - 1, 0)
          INTO character_maximum_length FROM unnest(members) x;
      END IF;
      character_octet_length := character_maximum_length * 4;
    WHEN 'tinyint' THEN numeric_precision := 3; numeric_scale := 0;
    WHEN 'smallint' THEN numeric_precision := 5; numeric_scale := 0;
    WHEN 'mediumint' THEN numeric_precision := CASE WHEN unsigned THEN 8 ELSE 7 END; numeric_scale := 0;
    WHEN 'int' THEN numeric_precision := 10; numeric_scale := 0;
    WHEN 'bigint' THEN numeric_precision := CASE WHEN unsigned THEN 20 ELSE 19 END; numeric_scale := 0;
    WHEN 'decimal' THEN numeric_precision := coalesce(arg1, 10); numeric_scale := coalesce(arg2, 0);
    WHEN 'float' THEN numeric_precision := 12;
    WHEN 'double' THEN numeric_precision := 22;
    WHEN 'bit' THEN numeric_precision := coalesce(arg1, 1);
    WHEN 'datetime', 'timestamp', 'time' THEN datetime_precision := coalesce(arg1, 0);
    ELSE NULL;
  END CASE;
END
$$;

-- A PostgreSQL column default as MySQL shows it in information_schema.columns.column_default:
-- literals without quotes, CURRENT_TIMESTAMP[(p)], else the expression text.
CREATE OR REPLACE FUNCTION wg_mysql_is.mysql_default(expr text, column_type text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  literal text;
  fsp text := substring(column_type from '^(?:datetime|timestamp|time)\((\d+)\)');
BEGIN
  IF expr IS NULL OR expr ~* '^nextval\(' OR expr ~* '^\(?NULL(::.*)?\)?$' THEN
    RETURN NULL;
  END IF;
  literal := substring(expr from '^\(*''((?:[^'']|'''')*)''::');
  IF literal IS NOT NULL THEN
    RETURN replace(literal, '''''', '''');
  END IF;
  IF expr ~ '^\(*[-+]?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?\)*(::[a-z ]+)?$' THEN
    RETURN substring(expr from '[-+]?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?');
  END IF;
  IF expr IN ('true', 'false') THEN
    RETURN CASE expr WHEN 'true' THEN '1' ELSE '0' END;
  END IF;
  IF expr ~* '^(now\(\)|CURRENT_TIMESTAMP(\(\d+\))?|LOCALTIMESTAMP(\(\d+\))?|statement_timestamp\(\)|transaction_timestamp\(\))(::.*)?$' THEN
    RETURN 'CURRENT_TIMESTAMP' || coalesce('(' || nullif(fsp, '0') || ')', '');
  END IF;
  IF expr ~* '^CURRENT_DATE$' THEN
    RETURN 'curdate()';
  END IF;
  RETURN expr;
END
$$;

-- True when a default is an expression (MySQL's extra column says DEFAULT_GENERATED).
CREATE OR REPLACE FUNCTION wg_mysql_is.default_is_generated(expr text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT expr IS NOT NULL
    AND expr !~* '^nextval\('
    AND expr !~* '^\(?NULL(::.*)?\)?$'
    AND expr !~ '^\(*''((?:[^'']|'''')*)''::'
    AND expr !~ '^\(*[-+]?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?\)*(::[a-z ]+)?$'
    AND expr NOT IN ('true', 'false')
$$;

-- Raise MySQL's error when a database is missing (SHOW ... FROM db runs this first).
CREATE OR REPLACE FUNCTION wg_mysql_is.require_database(db text) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF db = 'information_schema' OR EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = db AND wg_mysql_is.is_exposed(nspname)) THEN
    RETURN true;
  END IF;
  RAISE EXCEPTION USING ERRCODE = '3F000', MESSAGE = format('Unknown database ''%s''', db);
END
$$;

-- Raise MySQL's error 1146 when a table is missing (DESCRIBE and SHOW COLUMNS/INDEX run this first).
CREATE OR REPLACE FUNCTION wg_mysql_is.require_table(db text, tbl text) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE wg_mysql_is.database_name(n.nspname) = db AND c.relname = tbl
               AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND wg_mysql_is.is_exposed(n.nspname)) THEN
    RETURN true;
  END IF;
  RAISE EXCEPTION USING ERRCODE = '42P01', MESSAGE = format('Table ''%s.%s'' doesn''t exist', db, tbl);
END
$$;

CREATE OR REPLACE VIEW wg_mysql_is.schemata AS
SELECT 'def'::varchar(64) AS catalog_name,
       wg_mysql_is.database_name(n.nspname) AS schema_name,
       'utf8mb4'::varchar(64) AS default_character_set_name,
       'utf8mb4_0900_ai_ci'::varchar(64) AS default_collation_name,
       NULL::varchar(512) AS sql_path,
       'NO'::varchar(3) AS default_encryption
FROM pg_namespace n
WHERE wg_mysql_is.is_exposed(n.nspname) AND has_schema_privilege(n.oid, 'USAGE');

-- The sequence behind an auto-increment column (spec 6: identity, or an owned sequence in the default).
CREATE OR REPLACE VIEW wg_mysql_is._auto_increment_columns AS
SELECT a.attrelid AS table_oid, a.attnum, dep.objid AS sequence_oid
FROM pg_attribute a
JOIN pg_depend dep ON dep.refclassid = 'pg_class'::regclass AND dep.refobjid = a.attrelid
  AND dep.refobjsubid = a.attnum AND dep.classid = 'pg_class'::regclass AND dep.deptype IN ('a', 'i')
JOIN pg_class s ON s.oid = dep.objid AND s.relkind = 'S'
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
WHERE a.attnum > 0 AND NOT a.attisdropped
  AND (a.attidentity <> '' OR pg_get_expr(ad.adbin, ad.adrelid) ~* '^nextval\(');

CREATE OR REPLACE VIEW wg_mysql_is.tables AS
SELECT 'def'::varchar(64) AS table_catalog,
       wg_mysql_is.database_name(n.nspname) AS table_schema,
       c.relname::varchar(64) AS table_name,
       (CASE WHEN n.nspname = 'wg_mysql_is' THEN 'SYSTEM VIEW'
             WHEN c.relkind IN ('v', 'm') THEN 'VIEW' ELSE 'BASE TABLE' END)::varchar(11) AS table_type,
       (CASE WHEN c.relkind IN ('r', 'p', 'f') THEN 'InnoDB' END)::varchar(64) AS engine,
       (CASE WHEN c.relkind IN ('r', 'p', 'f') THEN 10 END)::integer AS version,
       (CASE WHEN c.relkind IN ('r', 'p', 'f') THEN 'Dynamic' END)::varchar(10) AS row_format,
       (CASE WHEN c.relkind IN ('r', 'p', 'f') THEN greatest(c.reltuples, 0) END)::bigint AS table_rows,
       (CASE WHEN c.relkind IN ('r', 'p', 'f') THEN
          CASE WHEN c.reltuples > 0 THEN pg_relation_size(c.oid) / c.reltuples ELSE 0 END END)::bigint AS avg_row_length,
       (CASE WHEN c.relkind IN ('r', 'p', 'f', 'm') THEN pg_relation_size(c.oid) END)::bigint AS data_length,
       (CASE WHEN c.relkind IN ('r', 'p', 'f') THEN 0 END)::bigint AS max_data_length,
       (CASE WHEN c.relkind IN ('r', 'p', 'f', 'm') THEN pg_indexes_size(c.oid) END)::bigint AS index_length,
       (CASE WHEN c.relkind IN ('r', 'p', 'f') THEN 0 END)::bigint AS data_free,
       (SELECT coalesce(pg_sequence_last_value(s.seqrelid) + s.seqincrement, s.seqstart)
          FROM wg_mysql_is._auto_increment_columns ai JOIN pg_sequence s ON s.seqrelid = ai.sequence_oid
         WHERE ai.table_oid = c.oid LIMIT 1)::bigint AS auto_increment,
       NULL::timestamp AS create_time,
       NULL::timestamp AS update_time,
       NULL::timestamp AS check_time,
       (CASE WHEN c.relkind IN ('r', 'p', 'f') THEN 'utf8mb4_0900_ai_ci' END)::varchar(64) AS table_collation,
       NULL::bigint AS checksum,
       ''::varchar(256) AS create_options,
       (CASE WHEN c.relkind IN ('v', 'm') THEN 'VIEW'
             ELSE coalesce(obj_description(c.oid, 'pg_class'), '') END)::text AS table_comment
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
  AND wg_mysql_is.is_exposed(n.nspname) AND has_schema_privilege(n.oid, 'USAGE')
  AND (n.nspname <> 'wg_mysql_is' OR c.relname !~ '^_');

CREATE OR REPLACE VIEW wg_mysql_is.columns AS
SELECT 'def'::varchar(64) AS table_catalog,
       wg_mysql_is.database_name(n.nspname) AS table_schema,
       c.relname::varchar(64) AS table_name,
       a.attname::varchar(64) AS column_name,
       (SELECT count(*) FROM pg_attribute p
         WHERE p.attrelid = a.attrelid AND p.attnum > 0 AND NOT p.attisdropped AND p.attnum <= a.attnum)::integer AS ordinal_position,
       (CASE WHEN ai.sequence_oid IS NULL AND a.attgenerated = '' THEN wg_mysql_is.mysql_default(d.expr, t.column_type) END)::text AS column_default,
       (CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END)::varchar(3) AS is_nullable,
       f.data_type,
       f.character_maximum_length,
       f.character_octet_length,
       f.numeric_precision,
       f.numeric_scale,
       f.datetime_precision,
       f.character_set_name,
       f.collation_name,
       t.column_type,
       (CASE
          WHEN EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary
                         AND a.attnum = ANY (i.indkey::int2[])) THEN 'PRI'
          WHEN EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisunique AND i.indnkeyatts = 1
                         AND i.indkey[0] = a.attnum AND i.indpred IS NULL) THEN 'UNI'
          WHEN EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indkey[0] = a.attnum) THEN 'MUL'
          ELSE '' END)::varchar(3) AS column_key,
       concat_ws(' ',
          CASE WHEN ai.sequence_oid IS NOT NULL THEN 'auto_increment' END,
          CASE WHEN ai.sequence_oid IS NULL AND a.attgenerated = '' AND wg_mysql_is.default_is_generated(d.expr)
               THEN 'DEFAULT_GENERATED' END,
          CASE WHEN EXISTS (
                 SELECT 1 FROM pg_trigger tg JOIN pg_proc p ON p.oid = tg.tgfoid
                   JOIN pg_namespace pn ON pn.oid = p.pronamespace
                  WHERE tg.tgrelid = c.oid AND pn.nspname = 'wg_mysql' AND p.proname ~ 'on_update'
                    AND position(('\x00'::bytea || convert_to(a.attname::text, 'UTF8') || '\x00'::bytea)
                                 IN ('\x00'::bytea || tg.tgargs)) > 0)
               THEN 'on update CURRENT_TIMESTAMP' END,
          CASE a.attgenerated WHEN 's' THEN 'STORED GENERATED' END)::varchar(256) AS extra,
       'select,insert,update,references'::varchar(154) AS privileges,
       coalesce(col_description(c.oid, a.attnum), '')::text AS column_comment,
       (CASE WHEN a.attgenerated <> '' THEN d.expr ELSE '' END)::text AS generation_expression,
       NULL::bigint AS srs_id
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN LATERAL (SELECT pg_get_expr(ad.adbin, ad.adrelid) AS expr FROM pg_attrdef ad
                    WHERE ad.adrelid = a.attrelid AND ad.adnum = a.attnum) d ON true
LEFT JOIN wg_mysql_is._auto_increment_columns ai ON ai.table_oid = a.attrelid AND ai.attnum = a.attnum
CROSS JOIN LATERAL (SELECT wg_mysql_is.column_type(a.atttypid, a.atttypmod) AS column_type) t
CROSS JOIN LATERAL wg_mysql_is.type_facets(t.column_type) f
WHERE a.attnum > 0 AND NOT a.attisdropped
  AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
  AND wg_mysql_is.is_exposed(n.nspname) AND has_schema_privilege(n.oid, 'USAGE')
  AND (n.nspname <> 'wg_mysql_is' OR c.relname !~ '^_');

-- One row per index column, as information_schema.statistics. seq_in_index follows the index;
-- wg_mysql_is views order rows nowhere: SHOW INDEX orders PRIMARY, then unique, then the others.
CREATE OR REPLACE VIEW wg_mysql_is.statistics AS
SELECT 'def'::varchar(64) AS table_catalog,
       wg_mysql_is.database_name(n.nspname) AS table_schema,
       c.relname::varchar(64) AS table_name,
       (CASE WHEN i.indisunique THEN 0 ELSE 1 END)::integer AS non_unique,
       wg_mysql_is.database_name(n.nspname) AS index_schema,
       wg_mysql_is.index_name(ic.relname, c.relname, i.indisprimary) AS index_name,
       k.ord::integer AS seq_in_index,
       a.attname::varchar(64) AS column_name,
       (CASE WHEN ((i.indoption::int2[])[k.ord - 1] & 1) = 1 THEN 'D' ELSE 'A' END)::varchar(1) AS collation,
       (CASE WHEN i.indisunique THEN greatest(c.reltuples, 0) ELSE greatest(c.reltuples, 0) END)::bigint AS cardinality,
       NULL::bigint AS sub_part,
       NULL::varchar(10) AS packed,
       (CASE WHEN a.attnotnull THEN '' ELSE 'YES' END)::varchar(3) AS nullable,
       (CASE am.amname WHEN 'btree' THEN 'BTREE' WHEN 'hash' THEN 'HASH' ELSE upper(am.amname) END)::varchar(16) AS index_type,
       ''::varchar(8) AS comment,
       coalesce(obj_description(ic.oid, 'pg_class'), '')::varchar(2048) AS index_comment,
       'YES'::varchar(3) AS is_visible,
       (CASE WHEN k.attnum = 0 THEN pg_get_indexdef(i.indexrelid, k.ord::integer, true) END)::text AS expression
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_am am ON am.oid = ic.relam
CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum AND k.attnum > 0
WHERE k.ord <= i.indnkeyatts
  AND c.relkind IN ('r', 'p', 'm') AND wg_mysql_is.is_exposed(n.nspname) AND n.nspname <> 'wg_mysql_is'
  AND has_schema_privilege(n.oid, 'USAGE');

-- Primary keys and unique indexes (MySQL treats every unique index as a constraint) and foreign keys.
CREATE OR REPLACE VIEW wg_mysql_is.key_column_usage AS
SELECT 'def'::varchar(64) AS constraint_catalog,
       wg_mysql_is.database_name(n.nspname) AS constraint_schema,
       wg_mysql_is.index_name(ic.relname, c.relname, i.indisprimary) AS constraint_name,
       'def'::varchar(64) AS table_catalog,
       wg_mysql_is.database_name(n.nspname) AS table_schema,
       c.relname::varchar(64) AS table_name,
       a.attname::varchar(64) AS column_name,
       k.ord::integer AS ordinal_position,
       NULL::integer AS position_in_unique_constraint,
       NULL::varchar(64) AS referenced_table_schema,
       NULL::varchar(64) AS referenced_table_name,
       NULL::varchar(64) AS referenced_column_name
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
WHERE i.indisunique AND k.ord <= i.indnkeyatts AND i.indpred IS NULL
  AND wg_mysql_is.is_exposed(n.nspname) AND n.nspname <> 'wg_mysql_is' AND has_schema_privilege(n.oid, 'USAGE')
UNION ALL
SELECT 'def', wg_mysql_is.database_name(n.nspname), con.conname::varchar(64),
       'def', wg_mysql_is.database_name(n.nspname), c.relname::varchar(64), a.attname::varchar(64),
       k.ord::integer, k.ord::integer,
       wg_mysql_is.database_name(rn.nspname), rc.relname::varchar(64), ra.attname::varchar(64)
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_class rc ON rc.oid = con.confrelid
JOIN pg_namespace rn ON rn.oid = rc.relnamespace
CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(attnum, refattnum, ord)
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
JOIN pg_attribute ra ON ra.attrelid = rc.oid AND ra.attnum = k.refattnum
WHERE con.contype = 'f' AND wg_mysql_is.is_exposed(n.nspname) AND has_schema_privilege(n.oid, 'USAGE');

CREATE OR REPLACE VIEW wg_mysql_is.table_constraints AS
SELECT 'def'::varchar(64) AS constraint_catalog,
       wg_mysql_is.database_name(n.nspname) AS constraint_schema,
       wg_mysql_is.index_name(ic.relname, c.relname, i.indisprimary) AS constraint_name,
       wg_mysql_is.database_name(n.nspname) AS table_schema,
       c.relname::varchar(64) AS table_name,
       (CASE WHEN i.indisprimary THEN 'PRIMARY KEY' ELSE 'UNIQUE' END)::varchar(11) AS constraint_type,
       'YES'::varchar(3) AS enforced
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE i.indisunique AND i.indpred IS NULL
  AND wg_mysql_is.is_exposed(n.nspname) AND n.nspname <> 'wg_mysql_is' AND has_schema_privilege(n.oid, 'USAGE')
UNION ALL
SELECT 'def', wg_mysql_is.database_name(n.nspname), con.conname::varchar(64),
       wg_mysql_is.database_name(n.nspname), c.relname::varchar(64),
       (CASE con.contype WHEN 'f' THEN 'FOREIGN KEY' ELSE 'CHECK' END)::varchar(11),
       (CASE WHEN con.convalidated THEN 'YES' ELSE 'NO' END)::varchar(3)
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE con.contype IN ('f', 'c') AND wg_mysql_is.is_exposed(n.nspname) AND has_schema_privilege(n.oid, 'USAGE');

CREATE OR REPLACE VIEW wg_mysql_is.referential_constraints AS
SELECT 'def'::varchar(64) AS constraint_catalog,
       wg_mysql_is.database_name(n.nspname) AS constraint_schema,
       con.conname::varchar(64) AS constraint_name,
       'def'::varchar(64) AS unique_constraint_catalog,
       wg_mysql_is.database_name(rn.nspname) AS unique_constraint_schema,
       wg_mysql_is.index_name(ri.relname, rc.relname, coalesce(rx.indisprimary, false)) AS unique_constraint_name,
       (CASE con.confmatchtype WHEN 'f' THEN 'FULL' WHEN 'p' THEN 'PARTIAL' ELSE 'NONE' END)::varchar(64) AS match_option,
       (CASE con.confupdtype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT'
             WHEN 'r' THEN 'RESTRICT' ELSE 'NO ACTION' END)::varchar(64) AS update_rule,
       (CASE con.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT'
             WHEN 'r' THEN 'RESTRICT' ELSE 'NO ACTION' END)::varchar(64) AS delete_rule,
       c.relname::varchar(64) AS table_name,
       rc.relname::varchar(64) AS referenced_table_name
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_class rc ON rc.oid = con.confrelid
JOIN pg_namespace rn ON rn.oid = rc.relnamespace
LEFT JOIN pg_class ri ON ri.oid = con.conindid
LEFT JOIN pg_index rx ON rx.indexrelid = con.conindid
WHERE con.contype = 'f' AND wg_mysql_is.is_exposed(n.nspname) AND has_schema_privilege(n.oid, 'USAGE');

CREATE OR REPLACE VIEW wg_mysql_is.check_constraints AS
SELECT 'def'::varchar(64) AS constraint_catalog,
       wg_mysql_is.database_name(n.nspname) AS constraint_schema,
       con.conname::varchar(64) AS constraint_name,
       regexp_replace(pg_get_constraintdef(con.oid, true), '^CHECK \((.*)\)$', '\1')::text AS check_clause
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE con.contype = 'c' AND wg_mysql_is.is_exposed(n.nspname) AND has_schema_privilege(n.oid, 'USAGE');

CREATE OR REPLACE VIEW wg_mysql_is.views AS
SELECT 'def'::varchar(64) AS table_catalog,
       wg_mysql_is.database_name(n.nspname) AS table_schema,
       c.relname::varchar(64) AS table_name,
       pg_get_viewdef(c.oid, true)::text AS view_definition,
       'NONE'::varchar(8) AS check_option,
       (CASE WHEN pg_relation_is_updatable(c.oid, false) & 4 = 4 THEN 'YES' ELSE 'NO' END)::varchar(3) AS is_updatable,
       (pg_get_userbyid(c.relowner) || '@%')::varchar(288) AS definer,
       'DEFINER'::varchar(7) AS security_type,
       'utf8mb4'::varchar(64) AS character_set_client,
       'utf8mb4_0900_ai_ci'::varchar(64) AS collation_connection
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm') AND wg_mysql_is.is_exposed(n.nspname) AND n.nspname <> 'wg_mysql_is'
  AND has_schema_privilege(n.oid, 'USAGE');

CREATE OR REPLACE VIEW wg_mysql_is.routines AS
SELECT p.proname::varchar(64) AS specific_name,
       'def'::varchar(64) AS routine_catalog,
       wg_mysql_is.database_name(n.nspname) AS routine_schema,
       p.proname::varchar(64) AS routine_name,
       (CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END)::varchar(9) AS routine_type,
       (CASE WHEN p.prokind = 'p' THEN '' ELSE lower(substring(wg_mysql_is.column_type(p.prorettype, -1) from '^[A-Za-z]+')) END)::varchar(64) AS data_type,
       'SQL'::varchar(8) AS routine_body,
       p.prosrc::text AS routine_definition,
       NULL::varchar(64) AS external_name,
       upper(l.lanname)::varchar(64) AS external_language,
       'SQL'::varchar(8) AS parameter_style,
       (CASE WHEN p.provolatile = 'i' THEN 'YES' ELSE 'NO' END)::varchar(3) AS is_deterministic,
       'CONTAINS SQL'::varchar(64) AS sql_data_access,
       NULL::varchar(64) AS sql_path,
       (CASE WHEN p.prosecdef THEN 'DEFINER' ELSE 'INVOKER' END)::varchar(7) AS security_type,
       NULL::timestamp AS created,
       NULL::timestamp AS last_altered,
       ''::text AS sql_mode,
       coalesce(obj_description(p.oid, 'pg_proc'), '')::text AS routine_comment,
       (pg_get_userbyid(p.proowner) || '@%')::varchar(288) AS definer,
       'utf8mb4'::varchar(64) AS character_set_client,
       'utf8mb4_0900_ai_ci'::varchar(64) AS collation_connection,
       'utf8mb4_0900_ai_ci'::varchar(64) AS database_collation
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_language l ON l.oid = p.prolang
WHERE p.prokind IN ('f', 'p') AND wg_mysql_is.is_exposed(n.nspname) AND n.nspname <> 'wg_mysql_is'
  AND has_schema_privilege(n.oid, 'USAGE');

-- Engine sessions in this database (every gateway connection to the engine, not only MySQL ones).
CREATE OR REPLACE VIEW wg_mysql_is.processlist AS
SELECT s.pid::bigint AS id,
       s.usename::varchar(32) AS "user",
       (coalesce(host(s.client_addr), 'localhost') || coalesce(':' || s.client_port, ''))::varchar(261) AS host,
       NULL::varchar(64) AS db,
       (CASE WHEN s.state = 'active' THEN 'Query' ELSE 'Sleep' END)::varchar(16) AS command,
       coalesce(extract(epoch FROM now() - coalesce(s.query_start, s.state_change, s.backend_start)), 0)::integer AS time,
       (CASE WHEN s.state = 'active' THEN coalesce(s.wait_event, 'executing') ELSE '' END)::varchar(64) AS state,
       (CASE WHEN s.state = 'active' THEN s.query END)::text AS info
FROM pg_stat_activity s
WHERE s.datname = current_database() AND s.backend_type = 'client backend';
