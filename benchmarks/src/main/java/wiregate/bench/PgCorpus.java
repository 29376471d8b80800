package wiregate.bench;

import java.util.List;

/**
 * Twenty PostgreSQL statements of the kinds clients send: pgbench's, ORM-style queries with
 * parameters, quoting that the splitter must see through (strings with semicolons, E'' escapes,
 * dollar quotes, comments), transaction control, SET/SHOW and DDL.
 */
final class PgCorpus {
  static final List<String> STATEMENTS = List.of(
      "SELECT abalance FROM pgbench_accounts WHERE aid = $1",
      "UPDATE pgbench_accounts SET abalance = abalance + $1 WHERE aid = $2",
      "UPDATE pgbench_tellers SET tbalance = tbalance + $1 WHERE tid = $2",
      "INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES ($1, $2, $3, $4, CURRENT_TIMESTAMP)",
      "SELECT o.id, c.name, o.total FROM orders o JOIN customers c ON c.id = o.customer_id"
          + " WHERE o.status = 'open' ORDER BY o.created_at DESC LIMIT 10 OFFSET 20",
      "SELECT id, note FROM notes -- a; comment\n WHERE note = 'a; b; c' AND tag <> E'it\\'s;'",
      "INSERT INTO orders (customer_id, code, total) VALUES ($1, $2, $3)"
          + " ON CONFLICT (code) DO UPDATE SET total = EXCLUDED.total RETURNING id",
      "DELETE FROM sessions WHERE expires_at < now() RETURNING id",
      "WITH recent AS (SELECT * FROM orders WHERE created_at > now() - interval '1 day')"
          + " SELECT count(*) FROM recent",
      "SELECT \"Weird;Name\".x FROM \"Weird;Name\" /* block; comment /* nested */ */ WHERE x > 0",
      "BEGIN ISOLATION LEVEL REPEATABLE READ",
      "COMMIT",
      "SAVEPOINT s1",
      "SET search_path TO app, public",
      "SHOW transaction_isolation",
      "SELECT set_config('application_name', 'bench', false)",
      "CREATE TABLE IF NOT EXISTS events (id bigserial PRIMARY KEY, kind text NOT NULL,"
          + " at timestamptz DEFAULT now())",
      "CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $fn$"
          + " BEGIN NEW.at := now(); RETURN NEW; END; $fn$",
      "ALTER TABLE events ADD COLUMN note text",
      "SELECT t.oid, t.typname FROM pg_catalog.pg_type t WHERE t.oid = ANY($1::oid[])");

  /** The twenty as one simple-query text, as a client sends a script. */
  static final String SCRIPT = String.join(";\n", STATEMENTS) + ";";

  private PgCorpus() {}
}
