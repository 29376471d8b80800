package wiregate.mysql.session;

/** One entry of the session's diagnostics area, as SHOW WARNINGS lists it. */
public record Warning(String level, int code, String message) {}
