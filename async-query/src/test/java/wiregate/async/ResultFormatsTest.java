package wiregate.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wiregate.core.async.QueryInfo;
import wiregate.core.async.QueryState;
import wiregate.core.async.ResultFormat;
import wiregate.engine.async.PooledQueryDatabases;

/**
 * One query with a column of each kind, written in every format and read back value by value (the
 * Parquet file by pyarrow). The second row is all NULL; its decimals are cast so that the union
 * keeps their precision and scale.
 */
class ResultFormatsTest {
  private static final String MIXED = """
      SELECT 1::int4 AS i, 9000000000::int8 AS big, 2::int2 AS small, 1.5::float4 AS f, 2.25::float8 AS d,
        12345678901234567890.123456789::numeric(30,9) AS dec, 12.34::numeric(4,2) AS dec_small,
        3.14::numeric AS num, true AS b, 'a,"b"'::text AS t, '2024-02-29'::date AS day,
        '2024-02-29 12:34:56.789'::timestamp AS ts, '2024-02-29 12:34:56+02'::timestamptz AS tstz,
        '\\xdeadbeef'::bytea AS bin, '{"k": [1, 2]}'::jsonb AS j, NULL::int4 AS n, ''::text AS empty,
        'grüße'::text AS u, 'e0a7e4d0-0000-4000-8000-000000000001'::uuid AS id
      UNION ALL
      SELECT NULL, NULL, NULL, NULL, NULL, NULL::numeric(30,9), NULL::numeric(4,2), NULL, NULL, NULL, NULL, NULL,
        NULL, NULL, NULL, NULL, NULL, NULL, NULL
      """;
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private static PooledQueryDatabases databases;
  private ServiceFixture fixture;

  @BeforeAll
  static void startEngine() throws Exception {
    databases = TestEngine.get().databases(Map.of());
  }

  @AfterAll
  static void closePools() {
    databases.close();
  }

  @BeforeEach
  void startService(@TempDir Path results) throws Exception {
    fixture = new ServiceFixture(databases, results, 2, 10);
  }

  @AfterEach
  void stopService() {
    fixture.close();
  }

  private String run(ResultFormat format) throws Exception {
    QueryInfo done = fixture.run(ServiceFixture.request(MIXED, format));
    assertEquals(QueryState.SUCCEEDED, done.state(), () -> "query failed: " + done.error());
    return done.id();
  }

  @Test
  void jsonlHasTypedValues() throws Exception {
    String[] lines = fixture.resultText(run(ResultFormat.JSONL)).split("\n", -1);
    assertEquals(3, lines.length, "two rows, each ended by a newline");
    assertEquals("", lines[2]);
    JsonNode row = JSON.readTree(lines[0]);
    assertEquals(1, row.get("i").intValue());
    assertEquals(9_000_000_000L, row.get("big").longValue());
    assertEquals(2, row.get("small").intValue());
    assertEquals(1.5, row.get("f").doubleValue());
    assertEquals(2.25, row.get("d").doubleValue());
    assertEquals(new BigDecimal("12345678901234567890.123456789"), row.get("dec").decimalValue());
    assertEquals(new BigDecimal("3.14"), row.get("num").decimalValue());
    assertEquals(true, row.get("b").booleanValue());
    assertEquals("a,\"b\"", row.get("t").textValue());
    assertEquals("2024-02-29", row.get("day").textValue());
    assertEquals("2024-02-29T12:34:56.789", row.get("ts").textValue());
    assertEquals("2024-02-29T10:34:56Z", row.get("tstz").textValue());
    assertEquals("3q2+7w==", row.get("bin").textValue());
    assertEquals(JSON.readTree("{\"k\": [1, 2]}"), row.get("j"), "json is embedded, not quoted");
    assertEquals(true, row.get("n").isNull());
    assertEquals("", row.get("empty").textValue());
    assertEquals("grüße", row.get("u").textValue());
    assertEquals("e0a7e4d0-0000-4000-8000-000000000001", row.get("id").textValue());
    assertEquals(true, lines[0].contains("\"dec\":12345678901234567890.123456789"), "decimals are exact numbers");
    JsonNode nulls = JSON.readTree(lines[1]);
    nulls.properties().forEach(e -> assertEquals(true, e.getValue().isNull(), e.getKey()));
  }

  @Test
  void csvIsRfc4180WithHeader() throws Exception {
    String text = fixture.resultText(run(ResultFormat.CSV));
    assertEquals("i,big,small,f,d,dec,dec_small,num,b,t,day,ts,tstz,bin,j,n,empty,u,id\r\n"
        + "1,9000000000,2,1.5,2.25,12345678901234567890.123456789,12.34,3.14,true,\"a,\"\"b\"\"\",2024-02-29,"
        + "2024-02-29T12:34:56.789,2024-02-29T10:34:56Z,3q2+7w==,\"{\"\"k\"\": [1, 2]}\",,\"\",grüße,"
        + "e0a7e4d0-0000-4000-8000-000000000001\r\n"
        + ",,,,,,,,,,,,,,,,,,\r\n", text);
  }

  /** What pyarrow must read from the Parquet file: the Arrow schema, and the rows in plain JSON. */
  private static final String PARQUET_EXPECTED = """
      {"schema": {"i": "int32", "big": "int64", "small": "int32", "f": "float", "d": "double",
                  "dec": "decimal128(30, 9)", "dec_small": "decimal128(4, 2)", "num": "string", "b": "bool",
                  "t": "string", "day": "date32[day]", "ts": "timestamp[us]", "tstz": "timestamp[us, tz=UTC]",
                  "bin": "binary", "j": "string", "n": "int32", "empty": "string", "u": "string", "id": "string"},
       "rows": [
         {"i": 1, "big": 9000000000, "small": 2, "f": 1.5, "d": 2.25,
          "dec": "12345678901234567890.123456789", "dec_small": "12.34", "num": "3.14", "b": true,
          "t": "a,\\"b\\"", "day": "2024-02-29", "ts": "2024-02-29T12:34:56.789000",
          "tstz": "2024-02-29T10:34:56+00:00", "bin": "deadbeef", "j": "{\\"k\\": [1, 2]}", "n": null,
          "empty": "", "u": "grüße", "id": "e0a7e4d0-0000-4000-8000-000000000001"},
         {"i": null, "big": null, "small": null, "f": null, "d": null, "dec": null, "dec_small": null,
          "num": null, "b": null, "t": null, "day": null, "ts": null, "tstz": null, "bin": null, "j": null,
          "n": null, "empty": null, "u": null, "id": null}]}
      """;

  /**
   * Checks the file with pyarrow when the test venv has it, and always leaves the file and what it
   * must contain in target/parquet-sample/, where compat-tests-python (built after this module)
   * checks it again with its own pyarrow.
   */
  @Test
  void parquetHasTypedColumnsReadableByPyarrow() throws Exception {
    String id = run(ResultFormat.PARQUET);
    Path file = fixture.results.resolve(id + ".parquet");
    byte[] bytes = Files.readAllBytes(file);
    assertEquals("PAR1", new String(bytes, 0, 4, StandardCharsets.US_ASCII));
    Path sample = Files.createDirectories(Path.of("target", "parquet-sample"));
    Files.copy(file, sample.resolve("mixed-types.parquet"), StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(sample.resolve("mixed-types.expected.json"), PARQUET_EXPECTED);

    Path python = Path.of("../compat-tests-python/.venv/bin/python").toAbsolutePath().normalize();
    assumeTrue(Files.isExecutable(python), "no test venv at " + python + " (made by compat-tests-python)");
    assumeTrue(new ProcessBuilder(python.toString(), "-c", "import pyarrow").start().waitFor() == 0,
        "pyarrow is not installed in " + python);
    Process reader = new ProcessBuilder(python.toString(), "-c", PYARROW_DUMP, file.toString())
        .redirectErrorStream(true).start();
    String out = new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(true, reader.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, reader.exitValue(), out);
    assertEquals(JSON.readTree(PARQUET_EXPECTED), JSON.readTree(out));
  }

  /** Prints the file's Arrow schema and rows as JSON, with values in a comparable text form. */
  private static final String PYARROW_DUMP = """
      import datetime, decimal, json, sys
      import pyarrow.parquet as pq
      t = pq.read_table(sys.argv[1])
      def plain(v):
          if isinstance(v, bytes): return v.hex()
          if isinstance(v, decimal.Decimal): return str(v)
          if isinstance(v, (datetime.date, datetime.datetime)): return v.isoformat()
          return v
      print(json.dumps({"schema": {f.name: str(f.type) for f in t.schema},
                        "rows": [{k: plain(v) for k, v in r.items()} for r in t.to_pylist()]}))
      """;

}
