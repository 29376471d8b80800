package wiregate.core.model;

import java.util.List;

/** Turns a client's SQL text, in its own dialect, into canonical statements. */
public interface SourceDialect {
  /** Splits a (possibly multi-statement) text into statements; blank statements are dropped. */
  List<Statement> statements(String text);

  /**
   * The one statement of a text to prepare (extended query protocol); empty text gives an empty
   * optional, more than one statement is an error.
   */
  java.util.Optional<Statement> single(String text) throws GatewayException;
}
