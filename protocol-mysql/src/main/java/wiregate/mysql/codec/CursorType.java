package wiregate.mysql.codec;

/** The flags byte of COM_STMT_EXECUTE (enum_cursor_type). */
public final class CursorType {
  private CursorType() {}

  public static final int NO_CURSOR = 0x00;
  public static final int READ_ONLY = 0x01;
  public static final int FOR_UPDATE = 0x02;
  public static final int SCROLLABLE = 0x04;
  /** Only with query attributes (not offered): the parameter count is sent explicitly. */
  public static final int PARAMETER_COUNT_AVAILABLE = 0x08;
}
