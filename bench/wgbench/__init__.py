"""wiregate benchmark harness: direct PostgreSQL vs PgBouncer vs the gateway, interleaved rounds."""
