package wiregate.mysql.codec;

/** Column and parameter types of the protocol (enum_field_types). */
public final class ColumnType {
  private ColumnType() {}

  public static final int DECIMAL = 0x00;
  public static final int TINY = 0x01;
  public static final int SHORT = 0x02;
  public static final int LONG = 0x03;
  public static final int FLOAT = 0x04;
  public static final int DOUBLE = 0x05;
  public static final int NULL = 0x06;
  public static final int TIMESTAMP = 0x07;
  public static final int LONGLONG = 0x08;
  public static final int INT24 = 0x09;
  public static final int DATE = 0x0a;
  public static final int TIME = 0x0b;
  public static final int DATETIME = 0x0c;
  public static final int YEAR = 0x0d;
  public static final int NEWDATE = 0x0e;
  public static final int VARCHAR = 0x0f;
  public static final int BIT = 0x10;
  public static final int TIMESTAMP2 = 0x11;
  public static final int DATETIME2 = 0x12;
  public static final int TIME2 = 0x13;
  public static final int TYPED_ARRAY = 0x14;
  public static final int VECTOR = 0xf2;
  public static final int INVALID = 0xf3;
  public static final int BOOL = 0xf4;
  public static final int JSON = 0xf5;
  public static final int NEWDECIMAL = 0xf6;
  public static final int ENUM = 0xf7;
  public static final int SET = 0xf8;
  public static final int TINY_BLOB = 0xf9;
  public static final int MEDIUM_BLOB = 0xfa;
  public static final int LONG_BLOB = 0xfb;
  public static final int BLOB = 0xfc;
  public static final int VAR_STRING = 0xfd;
  public static final int STRING = 0xfe;
  public static final int GEOMETRY = 0xff;

  /** In a COM_STMT_EXECUTE parameter type, the second byte's flag for an unsigned integer. */
  public static final int UNSIGNED_PARAMETER_FLAG = 0x80;

  public static boolean isBlob(int type) {
    return type == TINY_BLOB || type == MEDIUM_BLOB || type == LONG_BLOB || type == BLOB;
  }

  public static String name(int type) {
    return switch (type) {
      case DECIMAL -> "DECIMAL";
      case TINY -> "TINY";
      case SHORT -> "SHORT";
      case LONG -> "LONG";
      case FLOAT -> "FLOAT";
      case DOUBLE -> "DOUBLE";
      case NULL -> "NULL";
      case TIMESTAMP -> "TIMESTAMP";
      case LONGLONG -> "LONGLONG";
      case INT24 -> "INT24";
      case DATE -> "DATE";
      case TIME -> "TIME";
      case DATETIME -> "DATETIME";
      case YEAR -> "YEAR";
      case NEWDATE -> "NEWDATE";
      case VARCHAR -> "VARCHAR";
      case BIT -> "BIT";
      case JSON -> "JSON";
      case NEWDECIMAL -> "NEWDECIMAL";
      case ENUM -> "ENUM";
      case SET -> "SET";
      case TINY_BLOB -> "TINY_BLOB";
      case MEDIUM_BLOB -> "MEDIUM_BLOB";
      case LONG_BLOB -> "LONG_BLOB";
      case BLOB -> "BLOB";
      case VAR_STRING -> "VAR_STRING";
      case STRING -> "STRING";
      case GEOMETRY -> "GEOMETRY";
      default -> "type 0x" + Integer.toHexString(type);
    };
  }
}
