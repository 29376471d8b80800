package wiregate.mysql.session;

import wiregate.mysql.codec.Collations;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import wiregate.core.model.Column;
import wiregate.core.model.GatewayError;
import wiregate.core.model.GatewayException;
import wiregate.core.model.ResultSink;
import wiregate.core.mysql.MySqlStatement.SelectItem;
import wiregate.mysql.codec.ColumnDefinition41;
import wiregate.mysql.result.ColumnMapper;
import wiregate.mysql.result.ColumnOrigins;
import wiregate.mysql.result.DescribedColumns;
import wiregate.mysql.result.MySqlTypeRefinement;
import wiregate.mysql.result.ResultColumn;

/**
 * Streams one engine result to a MySQL client: column definitions when the columns are known, then
 * each row converted to MySQL's text values and written as a row. Notices become
 * warnings. The command tag is kept for the OK packet of row-less statements.
 */
public final class ResultSetWriter implements ResultSink {
  private final ResponseWriter out;
  private final ColumnOrigins origins;
  private final int collation;
  private final Charset clientCharset;
  private final Warnings warnings;
  private List<ResultColumn> columns;
  private List<ColumnDefinition41> definitions;
  private boolean[] transcode;
  private String tag;
  private long rows;
  /** Columns whose last value the statement assigns to user variables (SELECT @v := expr), or null. */
  private boolean[] captured;
  private byte[][] lastCaptured;
  private int[] typeOids;
  private List<SelectItem> selectItems = List.of();
  private DescribedColumns described;

  public ResultSetWriter(ResponseWriter out, ColumnOrigins origins, int collation, Charset clientCharset,
      Warnings warnings) {
    this.out = out;
    this.origins = origins;
    this.collation = collation;
    this.clientCharset = clientCharset;
    this.warnings = warnings;
  }

  @Override
  public void columns(List<Column> engineColumns) {
    if (columns != null) {
      return; // a resumed cursor: described at execute already
    }
    if (captured != null) { // only SELECT @v := ... needs them
      typeOids = engineColumns.stream().mapToInt(Column::typeOid).toArray();
    }
    java.util.function.Supplier<List<ResultColumn>> fresh = () -> describe(engineColumns, origins, collation, selectItems);
    columns = described == null ? fresh.get() : described.of(engineColumns, collation, origins, fresh);
    definitions = new ArrayList<>(columns.size());
    transcode = new boolean[columns.size()];
    boolean utf8 = clientCharset.equals(StandardCharsets.UTF_8);
    for (int i = 0; i < columns.size(); i++) {
      ColumnDefinition41 d = columns.get(i).definition();
      definitions.add(d);
      transcode[i] = !utf8 && d.collationId() != Collations.BINARY;
    }
    out.resultSetHeader(definitions);
  }

  /** For a cursor whose columns were described at execute: rows come later, at fetch. */
  public void describedColumns(List<ResultColumn> known) {
    columns = known;
    definitions = known.stream().map(ResultColumn::definition).toList();
    transcode = new boolean[known.size()];
    boolean utf8 = clientCharset.equals(StandardCharsets.UTF_8);
    for (int i = 0; i < known.size(); i++) {
      transcode[i] = !utf8 && definitions.get(i).collationId() != Collations.BINARY;
    }
  }

  /** Engine columns in MySQL terms, refined by the catalog where they come from a table. */
  public static List<ResultColumn> describe(List<Column> engineColumns, ColumnOrigins origins, int collation) {
    return describe(engineColumns, origins, collation, List.of());
  }

  /**
   * Engine columns in MySQL terms, refined by the catalog where they come from a table and by what
   * the dialect knows of the leading select items ({@code items}) where they are computed.
   */
  public static List<ResultColumn> describe(List<Column> engineColumns, ColumnOrigins origins, int collation,
      List<SelectItem> items) {
    List<ResultColumn> mapped = ColumnMapper.map(engineColumns, collation);
    List<ColumnOrigins.Origin> found;
    try {
      found = origins.lookup(engineColumns);
    } catch (GatewayException e) {
      found = java.util.Collections.nCopies(mapped.size(), null); // the plain type mapping is still right
    }
    List<ResultColumn> refined = new ArrayList<>(mapped.size());
    for (int i = 0; i < mapped.size(); i++) {
      ColumnOrigins.Origin origin = found.get(i);
      refined.add(origin != null ? MySqlTypeRefinement.refine(mapped.get(i), origin)
          : MySqlTypeRefinement.computed(mapped.get(i), i < items.size() ? items.get(i) : null));
    }
    return refined;
  }

  /** A prepared statement's kept description, to reuse instead of describing the columns again. */
  public void reuse(DescribedColumns kept) {
    described = kept;
  }

  /** What the dialect knows of the statement's select items (see {@link #describe}). */
  public void selectItems(List<SelectItem> items) {
    selectItems = items;
  }

  /** Keeps the engine value of the given columns in the last row, for {@link #capturedValue}. */
  public void capture(List<String> assignedUserVariables) {
    if (assignedUserVariables.isEmpty()) {
      return;
    }
    captured = new boolean[assignedUserVariables.size()];
    for (int i = 0; i < captured.length; i++) {
      captured[i] = assignedUserVariables.get(i) != null;
    }
  }

  /** The engine text of a captured column in the last row (null = NULL), and its type OID; null if no row. */
  public Captured capturedValue(int column) {
    if (lastCaptured == null || column >= lastCaptured.length) {
      return null;
    }
    byte[] v = lastCaptured[column];
    return new Captured(v == null ? null : new String(v, StandardCharsets.UTF_8),
        typeOids != null && column < typeOids.length ? typeOids[column] : 0);
  }

  /** A captured value: engine text and type OID. */
  public record Captured(String text, int typeOid) {}

  @Override
  public void row(byte[][] values) {
    if (captured != null) {
      lastCaptured = new byte[values.length][];
      for (int i = 0; i < values.length && i < captured.length; i++) {
        lastCaptured[i] = captured[i] ? values[i] : null;
      }
    }
    for (int i = 0; i < values.length; i++) {
      byte[] v = values[i];
      if (v != null) {
        v = columns.get(i).conversion().convert(v);
        if (transcode[i]) {
          v = new String(v, StandardCharsets.UTF_8).getBytes(clientCharset);
        }
        values[i] = v;
      }
    }
    out.textRow(values); // a BinaryResultWriter turns it into a binary row
    rows++;
    out.flushIfFull();
  }

  @Override
  public void complete(String commandTag) {
    tag = commandTag;
  }

  @Override
  public void notice(GatewayError notice) {
    warnings.notice(notice);
  }

  public boolean returnedRows() {
    return columns != null;
  }

  public String tag() {
    return tag;
  }

  public long rows() {
    return rows;
  }
}
