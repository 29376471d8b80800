package wiregate.dialect.mysql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import wiregate.core.model.GatewayError;
import wiregate.core.model.GatewayException;
import wiregate.core.mysql.MySqlContext;
import wiregate.core.mysql.MySqlDialect;
import wiregate.core.mysql.MySqlSessionVariables;
import wiregate.core.mysql.MySqlStatement;
import wiregate.dialect.mysql.catalog.MySqlCatalogViews;

/**
 * The MySQL source dialect: MySQL text in, what the gateway does for it out. Lexes with MySQL's rules,
 * splits multi-statements, routes each statement ({@link StatementRouter}) and caches translations
 * that depend only on the text, the current database and the catalog (not on session values).
 * Thread-safe: one instance serves every MySQL session of a gateway.
 */
public final class MySqlTranslator implements MySqlDialect {
  /**
   * Null when caching is off: a Caffeine cache of size 0 still admits each entry until its
   * maintenance (asynchronous) evicts it, so a repeated text could still be served from it.
   */
  private final Cache<CacheKey, List<MySqlStatement>> translations;
  private final TableInfoCache tables = new TableInfoCache();
  private final AtomicLong catalogEpoch = new AtomicLong();
  private final Function<MySqlSessionVariables.LiveValues, MySqlSessionVariables> sessionVariables;

  /**
   * @param cacheSize how many translated texts to keep (0 disables the cache)
   * @param sessionVariables makes each new session's system variables over that session's live
   *     values (the catalog package's implementation; the server wires it)
   */
  public MySqlTranslator(long cacheSize,
      Function<MySqlSessionVariables.LiveValues, MySqlSessionVariables> sessionVariables) {
    this.translations = cacheSize > 0 ? Caffeine.newBuilder().maximumSize(cacheSize).build() : null;
    this.sessionVariables = sessionVariables;
  }

  @Override
  public MySqlSessionVariables newSessionVariables(MySqlSessionVariables.LiveValues live) {
    return sessionVariables.apply(live);
  }

  @Override
  public List<String> split(String text) throws GatewayException {
    return SourceStatement.split(text, MySqlLexer.lex(text)).stream().map(SourceStatement::text).toList();
  }

  @Override
  public List<MySqlStatement> translate(String text, MySqlContext context) throws GatewayException {
    return translateCached(text, context, false);
  }

  @Override
  public MySqlStatement prepare(String text, MySqlContext context) throws GatewayException {
    List<MySqlStatement> statements = translateCached(text, context, true);
    if (statements.isEmpty()) {
      throw new GatewayException(GatewayError.error("42601", "Query was empty"));
    }
    return statements.get(0);
  }

  @Override
  public List<String> engineSetup() {
    List<String> all = new ArrayList<>(CompatSchema.statements());
    all.addAll(MySqlCatalogViews.setupStatements());
    return all;
  }

  @Override
  public void invalidateCaches() {
    catalogEpoch.incrementAndGet();
    if (translations != null) {
      translations.invalidateAll();
    }
    tables.clear();
  }

  private List<MySqlStatement> translateCached(String text, MySqlContext context, boolean prepared)
      throws GatewayException {
    CacheKey key = new CacheKey(text, context.database(), catalogEpoch.get(), prepared,
        SessionValues.strictMode(context));
    List<MySqlStatement> cached = translations == null ? null : translations.getIfPresent(key);
    if (cached != null) {
      return cached;
    }
    List<MySqlToken> tokens = MySqlLexer.lex(text);
    List<SourceStatement> statements = SourceStatement.split(text, tokens);
    if (prepared && statements.size() > 1) {
      throw MySqlSyntaxErrors.near(text, statements.get(1).get(0).start());
    }
    List<MySqlStatement> out = new ArrayList<>(statements.size());
    boolean cacheable = true;
    for (SourceStatement statement : statements) {
      SessionValues session = new SessionValues(context);
      StatementRouter.Routed routed = new StatementRouter(statement, session, tables, prepared).route();
      out.add(routed.statement());
      cacheable &= routed.cacheable() && !session.used();
      if (routed.statement() instanceof MySqlStatement.EngineSql e && e.changesCatalog()) {
        catalogEpoch.incrementAndGet();
        tables.clear();
      }
    }
    List<MySqlStatement> result = List.copyOf(out);
    if (cacheable && translations != null) {
      translations.put(key, result);
    }
    return result;
  }

  /** {@code strict}: sql_mode's strictness decides how too long values are written (ColumnValues). */
  private record CacheKey(String text, String database, long epoch, boolean prepared, boolean strict) {}
}
