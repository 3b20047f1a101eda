/**
 * Binary COPY out (src/db/copy-out.ts) on both engines: every type the reader decodes, NULL apart
 * from NaN, parameters delivered as settings (never in the SQL text), local settings, inside and
 * outside a transaction, and the parameter it refuses.
 */
import { expect, test } from "vitest";
import { BinaryCopyReader, BinaryCopyRows, copyOutSetup, copyOutStatement } from "../../src/db/copy-out.ts";
import { TextInterner } from "../../src/db/text-interner.ts";
import { describeEachEngine } from "../engines.ts";

interface Decoded {
  id: number;
  f: number | null;
  d: number;
  ts: number;
  t: string | null;
  ints: number[];
  floats: number[];
}

function decodeRows(reader: BinaryCopyReader, out: Decoded[]): void {
  while (reader.nextRow()) {
    out.push({ id: reader.int4(), f: reader.nullableFloat8(), d: reader.epochDay(), ts: reader.epochMillis(), t: reader.text(), ints: Array.from(reader.int4Array()), floats: Array.from(reader.float8Array()) });
  }
}

function decode(bytes: Buffer): Decoded[] {
  const out: Decoded[] = [];
  decodeRows(new BinaryCopyReader(bytes), out);
  return out;
}

/** `chunks` fed to BinaryCopyRows, decoded as they come. */
function decodeChunks(chunks: readonly Buffer[]): Decoded[] {
  const out: Decoded[] = [];
  const rows = new BinaryCopyRows((reader) => decodeRows(reader, out));
  for (const chunk of chunks) rows.push(chunk);
  rows.finish();
  return out;
}

const SELECT = `SELECT id, f, d, ts, t, ints, floats FROM copy_out WHERE t IS DISTINCT FROM $1 AND d >= $2::date ORDER BY id`;

describeEachEngine("binary COPY out", (db) => {
  test("decodes int4, float8 (NULL apart from NaN), date, timestamptz, text, int4[] and float8[] exactly", async () => {
    await db().query(`CREATE TABLE copy_out (id int4, f float8, d date, ts timestamptz, t text, ints int4[], floats float8[])`);
    await db().query(
      `INSERT INTO copy_out VALUES
        (1, 0.1, '2024-02-29', '2024-07-01 09:30:00.123456+00', 'ünïcödé ✓ 한국어', '{7,-2147483648,2147483647}', '{0.5,NULL,-1e300,NaN}'),
        (2, NULL, '1970-01-01', '1969-12-31 23:59:59.9995+00', NULL, NULL, NULL),
        (3, 'NaN', '1999-12-31', '2000-01-01 00:00:00+00', '', '{}', '{}'),
        (4, -1.7976931348623157e308, '1900-03-01', '1900-01-01 00:00:00.001+00', 'skip me', '{1}', '{1}')`,
    );
    const rows = decode(await db().copyTo(SELECT, ["skip me", "1900-01-01"]));
    expect(rows).toEqual([
      { id: 1, f: 0.1, d: 19782, ts: Date.UTC(2024, 6, 1, 9, 30, 0, 123), t: "ünïcödé ✓ 한국어", ints: [7, -2147483648, 2147483647], floats: [0.5, NaN, -1e300, NaN] },
      { id: 2, f: null, d: 0, ts: -1, t: null, ints: [], floats: [] },
      { id: 3, f: NaN, d: 10956, ts: Date.UTC(2000, 0, 1), t: "", ints: [], floats: [] },
    ]);
    // The same read inside a caller's transaction, where the settings live until it ends.
    const inside = await db().transaction(async (tx) => decode(await tx.copyTo(SELECT, ["", "1970-01-01"])));
    expect(inside.map((r) => r.id)).toEqual([1, 2]);
  });

  test("chunks decode as the whole stream does, wherever they split it; a stream cut short is refused", async () => {
    const whole = await db().copyTo(SELECT, ["skip me", "1900-01-01"]);
    const expected = decode(whole);
    expect(expected).toHaveLength(3);
    for (let split = 0; split <= whole.length; split++) {
      expect(decodeChunks([whole.subarray(0, split), whole.subarray(split)])).toEqual(expected);
    }
    expect(decodeChunks(Array.from(whole, (_, i) => whole.subarray(i, i + 1)))).toEqual(expected);
    // The engine's own chunks: a server's arrive as the socket reads them, PGlite's as one.
    const streamed: Buffer[] = [];
    await db().copyToChunks(SELECT, ["skip me", "1900-01-01"], {}, (chunk) => streamed.push(chunk));
    expect(decodeChunks(streamed)).toEqual(expected);
    expect(() => decodeChunks([whole.subarray(0, whole.length - 2)])).toThrow("binary COPY stream ended before its trailer");
    expect(() => decodeChunks([whole.subarray(0, 10)])).toThrow("binary COPY stream ended before its trailer");
  });

  test("a COPY larger than the driver's stream buffer completes inside a transaction, which goes on", async () => {
    // postgres.js paused the socket under back-pressure and left it paused after CopyDone, so the
    // next statement of the transaction never ran (patches/postgres+3.4.9.patch resumes it).
    const after = await db().transaction(async (tx) => {
      const reader = new BinaryCopyReader(await tx.copyTo("SELECT g, g::float8 / 4 FROM generate_series(1, $1::int) g", [100_000]));
      let rows = 0;
      let sum = 0;
      while (reader.nextRow()) {
        rows++;
        sum += reader.int4() - 4 * reader.float8();
      }
      const [{ one }] = await tx.query<{ one: number }>("SELECT 1 AS one");
      return { rows, sum, one };
    });
    expect(after).toEqual({ rows: 100_000, sum: 0, one: 1 });
  });

  test("settings apply to the statement and a parameter value never enters the SQL text", async () => {
    const reader = new BinaryCopyReader(await db().copyTo(`SELECT current_setting('work_mem'), $1::text`, ["'); DROP TABLE copy_out; --"], { work_mem: "77MB" }));
    expect(reader.nextRow()).toBe(true);
    expect([reader.text(), reader.text()]).toEqual(["77MB", "'); DROP TABLE copy_out; --"]);
    expect(reader.nextRow()).toBe(false);
    const [{ n }] = await db().query<{ n: number }>("SELECT count(*)::int AS n FROM copy_out");
    expect(n).toBe(4);
  });

  test("a setting the server refuses fails the read with its own error, and the next read works", async () => {
    // On the server the settings and the COPY are sent together; the COPY then only finds the
    // transaction aborted, and that must not be the error the caller sees.
    await expect(db().copyTo("SELECT 1", [], { work_mem: "lots" })).rejects.toThrow('invalid value for parameter "work_mem": "lots"');
    const reader = new BinaryCopyReader(await db().copyTo("SELECT $1::int4", [7]));
    expect(reader.nextRow()).toBe(true);
    expect(reader.int4()).toBe(7);
  });
});

// Each parameter is a scalar subquery (an InitPlan, evaluated once, usable as an index condition):
// a bare current_setting() in a WHERE was evaluated per row and turned an index scan into a seq scan.
test("the statement reads parameters from settings, and a NULL parameter is refused", () => {
  expect(copyOutStatement("SELECT a FROM t WHERE b = $1 AND c < $12::date", "STDOUT")).toBe(
    "COPY (SELECT a FROM t WHERE b = (SELECT current_setting('quant.copy_param_1')) AND c < (SELECT current_setting('quant.copy_param_12'))::date) TO STDOUT (FORMAT binary)",
  );
  expect(copyOutSetup(["x", 3], { work_mem: "1MB" })).toEqual({
    text: "SELECT set_config('quant.copy_param_1', $1, true), set_config('quant.copy_param_2', $2, true), set_config('work_mem', $3, true)",
    values: ["x", "3", "1MB"],
  });
  expect(() => copyOutSetup([null])).toThrow("copyTo: parameter $1 is null; write NULL in the statement instead");
  expect(() => new BinaryCopyReader(Buffer.from("not copy"))).toThrow("not a binary COPY stream");
});

test("text ids: one per distinct value, in order of first sight, each decoded once as UTF-8", () => {
  const interner = new TextInterner();
  const bytes = Buffer.from("AAPLMSFTAAPLünï✓AAPLMSFT", "utf8");
  const spans: [number, number][] = [[0, 4], [4, 4], [8, 4], [12, 8], [20, 4], [24, 4], [0, 0]];
  expect(spans.map(([at, length]) => interner.id(bytes, at, length))).toEqual([0, 1, 0, 2, 0, 1, 3]);
  expect(interner.values).toEqual(["AAPL", "MSFT", "ünï✓", ""]);
  // Past the table's first size and many times over: every value keeps its id.
  const many = Array.from({ length: 20_000 }, (_, i) => Buffer.from(`T${(i * 7919) % 20_000}`));
  const ids = many.map((b) => interner.id(b, 0, b.length));
  expect(new Set(ids).size).toBe(20_000);
  expect(many.map((b) => interner.id(b, 0, b.length))).toEqual(ids);
  expect(ids.map((id) => interner.values[id])).toEqual(many.map((b) => b.toString()));
});
