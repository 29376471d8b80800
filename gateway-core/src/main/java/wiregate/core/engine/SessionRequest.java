package wiregate.core.engine;

import java.util.Map;

/**
 * What a client asked for at connect time: the database, the authenticated gateway user and the
 * run-time settings it sent (application_name, client_encoding, options' -c settings, ...).
 */
public record SessionRequest(String database, String user, Map<String, String> settings) {}
