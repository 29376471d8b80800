package wiregate.engine.postgres;

/** One engine connection lent to one client session until it is idle again (transaction pool mode). */
record Lease(PhysicalConnection physical, PostgresEngineSession link) {}
