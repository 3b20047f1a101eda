/**
 * The binary COPY encoder (src/db/copy-binary.ts) against real engines: every type it encodes, read
 * back as PostgreSQL prints it, equal to the text PostgreSQL reads from the same values as CSV, and
 * the values it hands back to CSV (NotBinaryEncodable) or refuses (RangeError naming the column).
 */
import { expect, test } from "vitest";
import { binaryCopyChunks, NotBinaryEncodable, pgDays, pgMicros, resolveZoneOffsets, ZoneOffsets, type BinaryField } from "../../src/db/copy-binary.ts";
import { tableCsv } from "../../src/db/copy-rows.ts";
import { csvChunks, csvEncoder } from "../../src/db/csv.ts";
import { ohlcvData } from "../../src/schema/index.ts";
import { describeEachEngine } from "../engines.ts";
import { bar } from "../fixtures.ts";

const fields: BinaryField[] = [
  { prop: "id", column: "id", type: "int4" },
  { prop: "big", column: "big", type: "int8" },
  { prop: "f", column: "f", type: "float8" },
  { prop: "money", column: "money", type: "numeric" },
  { prop: "t", column: "t", type: "text" },
  { prop: "b", column: "b", type: "bool" },
  { prop: "d", column: "d", type: "date" },
  { prop: "ts", column: "ts", type: "timestamptz" },
  { prop: "j", column: "j", type: "jsonb" },
  { prop: "tags", column: "tags", type: "text[]" },
  { prop: "xs", column: "xs", type: "float8[]" },
];

const DDL = (name: string) =>
  `CREATE TABLE ${name} (id int4, big int8, f float8, money numeric(24,8), t text, b boolean, d date, ts timestamptz, j jsonb, tags text[], xs float8[])`;

const rows = [
  { id: 1, big: 9007199254740991, f: 0.1, money: 123.45, t: "plain", b: true, d: "2000-01-01", ts: "2000-01-01 00:00:00+00", j: { a: 1, b: [true, null] }, tags: ["x", "y"], xs: [1.5, -2] },
  { id: -2147483648, big: -9007199254740991, f: -1.7976931348623157e308, money: -0.00000001, t: "", b: false, d: "1999-12-31", ts: "1999-12-31 23:59:59.999999 UTC", j: "[1,2]", tags: [], xs: [] },
  { id: 2147483647, big: 0, f: 5e-324, money: 1e-7, t: "ünïcödé ✓ 한국어", b: null, d: "2024-02-29", ts: "2024-07-01T09:30:00.5+09:00", j: 3.25, tags: ["a\"b", null], xs: [null, 0] },
  { id: 4, big: 4294967296, f: -0, money: 99999999.123456789, t: 'quote " comma , newline\n', b: true, d: "0001-01-01", ts: new Date(Date.UTC(1970, 0, 1, 0, 0, 0, 123)), j: null, tags: null, xs: null },
  { id: 5, big: -1, f: 123456789.987654321, money: 1e15, t: null, b: false, d: "2262-04-11", ts: "2024-03-10 02:30:00-05:30", j: { "": "" }, tags: ["", "ü"], xs: [1e300] },
  { id: 6, big: 1, f: 2, money: 0, t: "x", b: true, d: "1900-03-01", ts: "1900-01-01 00:00:00Z", j: [], tags: ["only"], xs: [3] },
  { id: 7, big: 2, f: 3, money: 12345678.5, t: "y", b: false, d: "2038-01-19", ts: "2038-01-19 03:14:08.000001+00:00", j: "\"s\"", tags: ["z"], xs: [4] },
  { id: 8, big: 3, f: 4, money: -1234.5678, t: "z", b: true, d: "1970-01-01", ts: "2024-01-31 00:00:00 UTC", j: { n: -0.5 }, tags: ["w"], xs: [5] },
];

/** Every column as PostgreSQL prints it, in id order. */
const printed = (db: { query<T>(sql: string): Promise<T[]> }, table: string) =>
  db.query<Record<string, string | null>>(
    `SELECT id::text, big::text, f::text, money::text, t, b::text, d::text, ts::text, j::text, tags::text, xs::text FROM ${table} ORDER BY ${table}.id`,
  );

describeEachEngine("binary COPY encoder", (db) => {
  test("every type reads back as PostgreSQL reads the same values from CSV", async () => {
    await db().transaction(async (tx) => {
      await tx.query("SET LOCAL TIME ZONE 'UTC'");
      await tx.query(DDL("bin_values"));
      await tx.query(DDL("csv_values"));
      const columns = fields.map((f) => f.column);
      await tx.copyFrom("bin_values", columns, binaryCopyChunks(rows, fields), "binary");
      // CSV's array literal syntax differs from JSON's, so the arrays go in as PostgreSQL text.
      const asCsv = rows.map((r) => ({ ...r, tags: r.tags && `{${r.tags.map((t) => (t === null ? "NULL" : JSON.stringify(t))).join(",")}}`, xs: r.xs && `{${r.xs.map((x) => (x === null ? "NULL" : x)).join(",")}}` }));
      const encode = csvEncoder(fields.map((f) => ({ prop: f.prop, column: f.column, kind: "other" as const })));
      await tx.copyFrom("csv_values", columns, csvChunks(asCsv, encode));
      const binary = await printed(tx, "bin_values");
      expect(binary).toEqual(await printed(tx, "csv_values"));
      expect(binary[1]).toEqual({ id: "1", big: "9007199254740991", f: "0.1", money: "123.45000000", t: "plain", b: "true", d: "2000-01-01", ts: "2000-01-01 00:00:00+00", j: '{"a": 1, "b": [true, null]}', tags: "{x,y}", xs: "{1.5,-2}" });
      // In id order: -2147483648, 1, 4, 5, 6, 7, 8, 2147483647.
      expect(binary.map((r) => r.money)).toEqual([
        "-0.00000001", "123.45000000", "99999999.12345679", "1000000000000000.00000000", "0.00000000", "12345678.50000000", "-1234.56780000", "0.00000010",
      ]);
      expect(binary.map((r) => r.ts)).toEqual([
        "1999-12-31 23:59:59.999999+00", "2000-01-01 00:00:00+00", "1970-01-01 00:00:00.123+00", "2024-03-10 08:00:00+00",
        "1900-01-01 00:00:00+00", "2038-01-19 03:14:08.000001+00", "2024-01-31 00:00:00+00", "2024-07-01 00:30:00.5+00",
      ]);
      expect(binary.map((r) => r.d)).toEqual(["1999-12-31", "2000-01-01", "0001-01-01", "2262-04-11", "1900-03-01", "2038-01-19", "1970-01-01", "2024-02-29"]);
      expect(binary.map((r) => r.f)).toEqual(["-1.7976931348623157e+308", "0.1", "0", "123456789.98765433", "2", "3", "4", "5e-324"]);
      expect(binary[7]).toMatchObject({ t: "ünïcödé ✓ 한국어", tags: '{"a\\"b",NULL}', xs: "{NULL,0}", b: null, j: "3.25" });
      await tx.query("DROP TABLE bin_values");
      await tx.query("DROP TABLE csv_values");
    });
  });

  test("a numeric beyond the column's precision is refused by the server as from CSV", async () => {
    await expect(
      db().transaction(async (tx) => {
        await tx.query("CREATE TEMP TABLE too_big (money numeric(24,8))");
        await tx.copyFrom("too_big", ["money"], binaryCopyChunks([{ money: 1e16 }], [{ prop: "money", column: "money", type: "numeric" }]), "binary");
      }),
    ).rejects.toThrow("numeric field overflow");
  });

  test("copyRows writes price rows in binary and stores exactly what CSV stores", async () => {
    const row = { ...bar("BIN", "US", "2024-05-01", 101.25), adjClose: 0.30000000000000004, fetchedAt: "2024-05-01 20:00:00.123456+00" };
    const types = { ticker: "text", region: "text", timeframe: "text", date: "date", source: "text", priceBasis: "text", fetchedAt: "timestamptz" } as Record<string, string>;
    expect(tableCsv(ohlcvData, Object.keys(row)).binary?.map((f) => f.type)).toEqual(Object.keys(row).map((k) => types[k] ?? "float8"));
    expect(await db().copyRows(ohlcvData, [row])).toEqual({ loaded: 1, merged: 0 });
    // A named zone takes the offset the database applies to that local hour.
    const seoul = { ...bar("BIN", "US", "2024-05-02", 7), fetchedAt: "2024-05-02 09:00:00 Asia/Seoul" };
    expect(await db().copyRows(ohlcvData, [seoul])).toEqual({ loaded: 1, merged: 0 });
    const stored = await db().query<{ close: number; adj_close: number; fetched_at: string }>(
      "SELECT close, adj_close, to_char(fetched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS fetched_at FROM ohlcv_data WHERE ticker = 'BIN' ORDER BY date",
    );
    expect(stored).toEqual([
      { close: 101.25, adj_close: 0.30000000000000004, fetched_at: "2024-05-01 20:00:00.123456" },
      { close: 7, adj_close: null, fetched_at: "2024-05-02 00:00:00.000000" },
    ]);
  });
});

describeEachEngine("named time zones in binary COPY", (db) => {
  test("each local hour takes the database's offset; an hour whose offset changes, or an unknown zone, goes to CSV", async () => {
    const zones = new ZoneOffsets();
    // Around New York's 2024 spring-forward (02:00–02:59 does not exist) and fall-back (01:00–01:59 twice), Seoul's 1987 DST.
    const stamps = [
      "2024-03-10 01:30:00 America/New_York", "2024-03-10 02:30:00 America/New_York", "2024-03-10 03:30:00.25 America/New_York",
      "2024-11-03 01:30:00 America/New_York", "1987-05-10 12:00:00 Asia/Seoul", "2024-10-28 16:08:51.514552 Asia/Seoul",
    ];
    for (const s of stamps) pgMicros(s, zones);
    expect(zones.missing.size).toBe(6);
    await resolveZoneOffsets(db(), zones);
    expect(zones.missing.size).toBe(0);
    const expected = await db().query<{ micros: string }>(
      "SELECT ((extract(epoch FROM s::timestamptz) - 946684800) * 1000000)::bigint::text AS micros FROM unnest($1::text[]) WITH ORDINALITY AS t(s, i) ORDER BY i",
      [stamps],
    );
    expect(stamps.map((s) => String(pgMicros(s, zones)))).toEqual(expected.map((r) => r.micros));
    // Lord Howe moves its clocks by 30 minutes at 02:00: that hour's ends differ, so CSV decides.
    pgMicros("2024-10-06 02:45:00 Australia/Lord_Howe", zones);
    await resolveZoneOffsets(db(), zones);
    expect(() => pgMicros("2024-10-06 02:45:00 Australia/Lord_Howe", zones)).toThrow(NotBinaryEncodable);
    expect(zones.known.get("2024-10-06 03|Australia/Lord_Howe")).toBe(11 * 3600);
    pgMicros("2024-01-01 00:00:00 Mars/Olympus_Mons", zones);
    await resolveZoneOffsets(db(), zones);
    expect(() => pgMicros("2024-01-01 05:00:00 Mars/Olympus_Mons", zones)).toThrow(NotBinaryEncodable);
  });
});

test("non-finite numbers and NUL in text are refused naming the column", () => {
  const f: BinaryField[] = [{ prop: "x", column: "close", type: "float8" }];
  expect(() => binaryCopyChunks([{ x: 1 }, { x: Number.POSITIVE_INFINITY }], f)).toThrow(new RangeError("column close: non-finite number Infinity"));
  expect(() => binaryCopyChunks([{ x: Number.NaN }], [{ prop: "x", column: "money", type: "numeric" }])).toThrow(new RangeError("column money: non-finite number NaN"));
  expect(() => binaryCopyChunks([{ x: "a\u0000b" }], [{ prop: "x", column: "name", type: "text" }])).toThrow(new RangeError("column name: text contains a NUL character"));
});

test("values the encoder does not take exactly are handed to CSV", () => {
  for (const [type, value] of [
    ["date", "2023-02-30"], ["date", "2024-1-05"], ["date", "0000-01-01"], ["timestamptz", "2024-01-01 09:00:00 Asia/Seoul"],
    ["timestamptz", "2024-01-01 24:00:00+00"], ["timestamptz", "2024-01-01 00:00:00.1234567+00"], ["int4", 1.5], ["int4", 2 ** 31],
    ["text", 5], ["float8", "1.5"], ["bool", 1], ["jsonb", true],
  ] as const) {
    expect(() => binaryCopyChunks([{ x: value }], [{ prop: "x", column: "c", type }]), `${type} ${value}`).toThrow(NotBinaryEncodable);
  }
});

test("dates and instants count from 2000-01-01", () => {
  expect([pgDays("2000-01-01"), pgDays("2000-03-01"), pgDays("1999-12-31"), pgDays("1970-01-01")]).toEqual([0, 60, -1, -10957]);
  expect(pgMicros("2000-01-01 00:00:01.5+00")).toBe(1_500_000);
  expect(pgMicros("2000-01-01T01:00:00-01:30")).toBe(9_000_000_000);
});

test("rows larger than a chunk are cut between rows, never inside one", () => {
  const long = "x".repeat(700_000);
  const chunks = binaryCopyChunks([{ t: long }, { t: long }, { t: "end" }], [{ prop: "t", column: "t", type: "text" }]);
  const whole = Buffer.concat(chunks);
  expect(whole.length).toBe(19 + 3 * (2 + 4) + 700_000 * 2 + 3 + 2);
  // The header alone (the first row did not fit beside it), the two long rows, the last row and the trailer.
  expect(chunks.map((c) => c.length)).toEqual([19, 2 * (2 + 4 + 700_000), 2 + 4 + 3 + 2]);
  expect(chunks[1].readInt16BE(0)).toBe(1);
  expect(chunks[2].readInt16BE(0)).toBe(1);
  expect(whole.readInt16BE(whole.length - 2)).toBe(-1);
});
