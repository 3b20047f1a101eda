/**
 * migrateCsvSessions on both engines over a synthetic data folder with the documented problems:
 * discovery, exact per-file accounting, rejects kept whole, trades sharing a timestamp all kept,
 * stored values, session rows, candles, dry run, --session, idempotent re-runs, changed and touched files.
 */
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, test } from "vitest";
import { migrateCsvSessions, type SessionsImportReport } from "../../../src/ingest/sessions/index.ts";
import { generateTickSessions, type TickSessionsSample } from "../../../src/synthetic/tick-sessions.ts";
import { describeEachEngine } from "../../engines.ts";
import { dumpTables } from "../sqlite/dump.ts";
import { scratchDir } from "../sqlite/targets.ts";
import { epochText, expectedFile, expectedSessions, fileLines } from "./fixtures.ts";

const root = scratchDir("sessions-import-");
const TICK_TABLES = { tick_prices: [], tick_orderbook: [], indicator_values: [], tick_sessions: [], tick_session_files: [] };

describeEachEngine("migrate-csv-sessions", (db, engine) => {
  let sample: TickSessionsSample;
  let dry: SessionsImportReport;
  let only: SessionsImportReport;
  let report: SessionsImportReport;
  const [s0, s1, s2] = [0, 1, 2];
  const id = (s: number) => sample.sessions[s].sessionId;

  beforeAll(async () => {
    sample = generateTickSessions(join(root, engine.name), { seed: 21 });
    dry = await migrateCsvSessions({ dataDir: sample.dir, database: db(), dryRun: true });
    only = await migrateCsvSessions({ dataDir: sample.dir, database: db(), dryRun: true, sessions: [`session_${id(s2)}`] });
    report = await migrateCsvSessions({ dataDir: sample.dir, database: db() });
  });

  test("a dry run reports exactly what the import then does, and writes nothing", async () => {
    expect(dry.dryRun).toBe(true);
    expect(dry.sessions).toEqual(report.sessions);
    expect(dry.skipped).toBe(0);
    expect(only.sessions).toEqual([report.sessions[s2]]);
    const [{ runs }] = await db().query<{ runs: number }>("SELECT count(*)::int AS runs FROM migration_runs");
    expect(runs).toBe(1);
  });

  test("discovers the session folders only, with the symbols that have files", () => {
    expect(report.sessions.map((s) => s.sessionId)).toEqual(sample.sessions.map((s) => s.sessionId));
    expect(report.sessions.map((s) => s.symbols)).toEqual([["BTC_USDT", "ETH_USDT"], ["BTC_USDT", "ETH_USDT"], ["BTC_USDT", "ETH_USDT"]]);
    expect(sample.notSessions).toEqual(["BTC_USDT", "README.txt", "exports", "session_list.txt"]);
  });

  test("accounts for every row of every file: source = loaded + merged + rejected, exactly", async () => {
    expect(report.sessions).toEqual(expectedSessions(sample));
    const files = report.sessions.flatMap((s) => s.files);
    expect(files.length).toBe(14);
    expect(files.filter((f) => f.rejected > 0).map((f) => [f.path, f.rejected])).toEqual([
      ["BTC_USDT/prices.csv", 2], ["ETH_USDT/prices.csv", 1], ["ETH_USDT/orderbook.csv", 1],
    ]);
    expect(files.filter((f) => f.merged > 0).length).toBe(4);
    const [run] = await db().query<{ tables: Record<string, unknown>; status: string }>("SELECT tables, status FROM migration_runs WHERE id = $1", [report.runId]);
    expect(run.status).toBe("completed");
    const tables = typeof run.tables === "string" ? JSON.parse(run.tables) : run.tables;
    for (const s of report.sessions) {
      for (const { path, source, loaded, merged, rejected } of s.files) expect(tables[`${s.sessionId}/${path}`]).toEqual({ source, loaded, merged, rejected });
    }
  });

  test("keeps each rejected row whole with its reason", async () => {
    const rejects = await db().query<{ source_table: string; source_row_id: string; reason: string; row: Record<string, string> }>(
      "SELECT source_table, source_row_id, reason, row FROM migration_rejects WHERE run_id = $1 ORDER BY source_table, source_row_id::int",
      [report.runId],
    );
    const truncated = "truncated last line: no line end (the session was killed mid-write)";
    expect(rejects.map((r) => [r.source_table, r.source_row_id, r.reason])).toEqual([
      [`${id(s0)}/BTC_USDT/prices.csv`, "6", "price: non-positive value 0"],
      [`${id(s0)}/BTC_USDT/prices.csv`, "9", 'volume: "nan" where a number belongs'],
      [`${id(s1)}/ETH_USDT/prices.csv`, "401", truncated],
      [`${id(s2)}/ETH_USDT/orderbook.csv`, "151", truncated],
    ].sort((a, b) => a[0].localeCompare(b[0])));
    const lines = fileLines(sample, `session_${id(s0)}/BTC_USDT/prices.csv`);
    const [timestamp, price, volume, quote_volume] = lines.get(6)!;
    expect(rejects.find((r) => r.source_row_id === "6")!.row).toEqual({ timestamp, price, volume, quote_volume });
    const cut = readFileSync(join(sample.dir, `session_${id(s1)}/ETH_USDT/prices.csv`), "utf8").split("\n").at(-1)!;
    const header = ["timestamp", "price", "volume", "quote_volume"];
    expect(rejects.find((r) => r.source_row_id === "401")!.row).toEqual(Object.fromEntries(cut.split(",").map((cell, i) => [header[i], cell])));
  });

  test("stores every trade as written, both trades of a shared timestamp included", async () => {
    const path = `session_${id(s0)}/BTC_USDT/prices.csv`;
    const expected = [...fileLines(sample, path)]
      .filter(([line]) => line !== 6 && line !== 9)
      .map(([seq, [t, price, volume, quote]]) => ({
        seq, ts: epochText(t), price: Number(price), volume: volume === "0" ? null : Number(volume), quote_volume: quote === "0" ? null : Number(quote),
      }));
    const stored = await db().query("SELECT seq, extract(epoch FROM ts)::text AS ts, price, volume, quote_volume FROM tick_prices WHERE session_id = $1 AND symbol = 'BTC_USDT' ORDER BY seq", [id(s0)]);
    expect(stored).toEqual(expected);
    const shared = expected.filter((r, i) => i > 0 && r.ts === expected[i - 1].ts);
    expect(shared.length).toBeGreaterThan(5);
    expect(expected.some((r) => r.volume === null)).toBe(true);
  });

  test("stores order-book levels with missing ones as NULL and trailing ones left off, at microsecond timestamps", async () => {
    const path = `session_${id(s0)}/ETH_USDT/orderbook.csv`;
    const lines = fileLines(sample, path);
    const missing = sample.sessions[s0].files.find((f) => f.path === path)!.problems.find((p) => p.problem === "missing-level")!.line;
    const [row] = await db().query<{ ts: string; bid_prices: number[]; bid_qtys: number[]; ask_prices: number[] }>(
      "SELECT extract(epoch FROM ts)::text AS ts, bid_prices, bid_qtys, ask_prices FROM tick_orderbook WHERE session_id = $1 AND symbol = 'ETH_USDT' AND seq = $2",
      [id(s0), missing],
    );
    const cells = lines.get(missing)!;
    expect(row).toEqual({ ts: epochText(cells[0]), bid_prices: [Number(cells[1]), Number(cells[3])], bid_qtys: [Number(cells[2]), Number(cells[4])], ask_prices: [7, 9, 11].map((i) => Number(cells[i])) });
    expect(cells[0].split(".")[1].length).toBeGreaterThan(3);
  });

  test("stores indicator values: the later of a timestamp written twice, NULL for an empty value, metadata as JSON", async () => {
    const twpa = sample.sessions[s0].files.find((f) => f.kind === "indicator" && f.symbol === "BTC_USDT" && f.indicatorId!.startsWith("twpa_"))!;
    const lines = fileLines(sample, twpa.path);
    const repeated = twpa.problems.find((p) => p.problem === "repeated-timestamp")!.line;
    const empty = twpa.problems.find((p) => p.problem === "empty-value")!.line;
    const value = async (seconds: string) =>
      (await db().query<{ value: number | null }>(
        "SELECT value FROM indicator_values WHERE series = $1 AND symbol = 'BTC_USDT' AND indicator_id = $2 AND ts = to_timestamp($3::numeric)",
        [id(s0), twpa.indicatorId, seconds],
      )).map((r) => r.value);
    expect(lines.get(repeated)![0]).toBe(lines.get(repeated - 1)![0]);
    expect(await value(lines.get(repeated)![0])).toEqual([Number(lines.get(repeated)![1])]);
    expect(await value(lines.get(empty)![0])).toEqual([null]);
    const velocity = sample.sessions[s0].files.find((f) => f.kind === "indicator" && f.symbol === "BTC_USDT" && f.indicatorId!.startsWith("price_velocity_"))!;
    const [first] = await db().query<{ confidence: number; metadata: unknown }>(
      "SELECT confidence, metadata FROM indicator_values WHERE series = $1 AND indicator_id = $2 ORDER BY ts LIMIT 1",
      [id(s0), velocity.indicatorId],
    );
    expect(first).toEqual({ confidence: Number(fileLines(sample, velocity.path).get(2)![2]), metadata: { window: [30, 0], source: "stream" } });
  });

  test("creates each session's row: status, symbols, data types, counts, first and last tick, metadata, provenance", async () => {
    const rows = await db().query<Record<string, unknown>>(
      `SELECT session_id, status, symbols, data_types, prices_count, orderbook_count, trades_count, records_collected, errors_count, exchange, notes,
              rejected_rows, import_run_id, source_dir, source_metadata IS NOT NULL AS has_metadata,
              first_tick_at = start_time AND last_tick_at = end_time AS span_is_ticks, duration_seconds = extract(epoch FROM last_tick_at - first_tick_at)::float8 AS duration_ok,
              first_tick_at = (SELECT least(min(p.ts), (SELECT min(o.ts) FROM tick_orderbook o WHERE o.session_id = s.session_id)) FROM tick_prices p WHERE p.session_id = s.session_id) AS first_ok,
              last_tick_at = (SELECT greatest(max(p.ts), (SELECT max(o.ts) FROM tick_orderbook o WHERE o.session_id = s.session_id)) FROM tick_prices p WHERE p.session_id = s.session_id) AS last_ok
       FROM tick_sessions s ORDER BY session_id`,
    );
    const loaded = (s: number, kind: string) => report.sessions[s].files.filter((f) => f.kind === kind).reduce((n, f) => n + f.loaded, 0);
    const common = { status: "completed", symbols: ["BTC_USDT", "ETH_USDT"], import_run_id: report.runId, span_is_ticks: true, duration_ok: true, first_ok: true, last_ok: true };
    const counts = (s: number) => ({
      prices_count: loaded(s, "prices"), orderbook_count: loaded(s, "orderbook"), trades_count: loaded(s, "prices"), records_collected: loaded(s, "prices") + loaded(s, "orderbook"),
    });
    expect(rows).toEqual([
      { ...common, ...counts(s0), session_id: id(s0), data_types: ["prices", "orderbook", "indicators"], errors_count: 2, exchange: "mexc", notes: "synthetic session", rejected_rows: 2, source_dir: join(sample.dir, `session_${id(s0)}`), has_metadata: true },
      { ...common, ...counts(s1), session_id: id(s1), data_types: ["prices"], errors_count: 0, exchange: "mexc", notes: null, rejected_rows: 1, source_dir: join(sample.dir, `session_${id(s1)}`), has_metadata: false },
      { ...common, ...counts(s2), session_id: id(s2), data_types: ["prices", "orderbook"], errors_count: 0, exchange: "mexc", notes: null, rejected_rows: 1, source_dir: join(sample.dir, `session_${id(s2)}`), has_metadata: false },
    ]);
    expect(counts(s1).orderbook_count).toBe(0);
  });

  test("builds 1-minute candles from every stored trade, first and last by (timestamp, line)", async () => {
    const candles = await db().query<{ session_id: string; symbol: string; trades: number; open_ok: boolean; close_ok: boolean; high_ok: boolean }>(
      `SELECT c.session_id, c.symbol, sum(c.trade_count)::int AS trades,
              bool_and(c.open = (SELECT p.price FROM tick_prices p WHERE p.session_id = c.session_id AND p.symbol = c.symbol AND p.ts >= c.bar_start AND p.ts < c.bar_start + INTERVAL '1 minute' ORDER BY p.ts, p.seq LIMIT 1)) AS open_ok,
              bool_and(c.close = (SELECT p.price FROM tick_prices p WHERE p.session_id = c.session_id AND p.symbol = c.symbol AND p.ts >= c.bar_start AND p.ts < c.bar_start + INTERVAL '1 minute' ORDER BY p.ts DESC, p.seq DESC LIMIT 1)) AS close_ok,
              bool_and(c.high = (SELECT max(p.price) FROM tick_prices p WHERE p.session_id = c.session_id AND p.symbol = c.symbol AND p.ts >= c.bar_start AND p.ts < c.bar_start + INTERVAL '1 minute')) AS high_ok
       FROM tick_candles_1m c GROUP BY c.session_id, c.symbol ORDER BY 1, 2`,
    );
    const expected = report.sessions.flatMap((s) =>
      s.files.filter((f) => f.kind === "prices").map((f) => ({ session_id: s.sessionId, symbol: f.path.split("/")[0], trades: f.loaded, open_ok: true, close_ok: true, high_ok: true })),
    );
    expect(candles).toEqual(expected);
  });

  test("a second run skips every file and changes nothing", async () => {
    const before = await dumpTables(db(), { ...TICK_TABLES, migration_rejects: ["id", "created_at"] });
    const again = await migrateCsvSessions({ dataDir: sample.dir, database: db() });
    expect(again.skipped).toBe(14);
    expect(again.sessions.map((s) => s.files)).toEqual([[], [], []]);
    expect(await dumpTables(db(), { ...TICK_TABLES, migration_rejects: ["id", "created_at"] })).toEqual(before);
  });

  test("a changed file is reloaded whole (no stale rows), a touched one is skipped and its new time recorded", async () => {
    const changed = `session_${id(s1)}/BTC_USDT/prices.csv`;
    const lines = readFileSync(join(sample.dir, changed), "utf8").split("\n");
    // Rewritten: 100 trades kept, the price of the first one changed, one new trade at the end.
    const kept = lines.slice(1, 101);
    kept[0] = kept[0].replace(/,[^,]+,/, ",1234.5,");
    const rewritten = [lines[0], ...kept, "1759924900.0,1300,2,2600"].join("\n") + "\n";
    writeFileSync(join(sample.dir, changed), rewritten);
    const touched = join(sample.dir, `session_${id(s2)}/BTC_USDT/prices.csv`);
    utimesSync(touched, new Date("2030-01-01T00:00:00Z"), new Date("2030-01-01T00:00:00Z"));

    const again = await migrateCsvSessions({ dataDir: sample.dir, database: db() });
    expect(again.skipped).toBe(13);
    expect(again.sessions.map((s) => s.files)).toEqual([[], [{ path: "BTC_USDT/prices.csv", kind: "prices", source: 101, loaded: 101, merged: 0, rejected: 0 }], []]);
    const stored = await db().query<{ n: number; first: number; last: number; max_seq: number }>(
      "SELECT count(*)::int AS n, (array_agg(price ORDER BY seq))[1] AS first, (array_agg(price ORDER BY seq DESC))[1] AS last, max(seq) AS max_seq FROM tick_prices WHERE session_id = $1 AND symbol = 'BTC_USDT'",
      [id(s1)],
    );
    expect(stored).toEqual([{ n: 101, first: 1234.5, last: 1300, max_seq: 102 }]);
    const [session] = await db().query<{ prices_count: number; last_tick_at: string; import_run_id: number }>(
      "SELECT prices_count, last_tick_at::text AS last_tick_at, import_run_id FROM tick_sessions WHERE session_id = $1",
      [id(s1)],
    );
    expect(session).toEqual({ prices_count: 101 + report.sessions[s1].files[1].loaded, last_tick_at: "2025-10-08 12:01:40+00", import_run_id: again.runId });
    const [candle] = await db().query<{ trade_count: number; close: number }>(
      "SELECT trade_count, close FROM tick_candles_1m WHERE session_id = $1 AND symbol = 'BTC_USDT' AND bar_start = '2025-10-08 12:01:00+00'",
      [id(s1)],
    );
    expect(candle).toEqual({ trade_count: 1, close: 1300 });
    const [record] = await db().query<{ mtime_ms: number }>("SELECT mtime_ms FROM tick_session_files WHERE session_id = $1 AND path = 'BTC_USDT/prices.csv'", [id(s2)]);
    expect(record.mtime_ms).toBe(Date.parse("2030-01-01T00:00:00Z"));
    const third = await migrateCsvSessions({ dataDir: sample.dir, database: db() });
    expect(third.skipped).toBe(14);
  });

  test("candles keep the file order of trades sharing a timestamp", async () => {
    const dir = join(root, `${engine.name}-ties`);
    mkdirSync(join(dir, "session_exec_20251010_120000_0000beef", "SOL_USDT"), { recursive: true });
    writeFileSync(
      join(dir, "session_exec_20251010_120000_0000beef", "SOL_USDT", "prices.csv"),
      "timestamp,price,volume,quote_volume\n1760097600.5,101,1,101\n1760097600.5,100,1,100\n1760097630.25,99,2,198\n1760097659.75,97,1,97\n1760097659.75,98,0,0\n",
    );
    // Plain PostgreSQL rebuilds the imported session's candles only (migrations/0007): the rows of the
    // sessions already stored are not rewritten (same xmin). TimescaleDB refreshes the time range.
    const candleVersions = () => db().query("SELECT session_id, symbol, bar_start, xmin::text AS version FROM tick_candles_1m ORDER BY 1, 2, 3");
    const before = db().capabilities.timescaledb ? [] : await candleVersions();
    const ties = await migrateCsvSessions({ dataDir: dir, database: db() });
    if (!db().capabilities.timescaledb) {
      const after = await candleVersions();
      expect(before).toHaveLength(7);
      expect(after.filter((c) => c.session_id !== "exec_20251010_120000_0000beef")).toEqual(before);
    }
    expect(ties.sessions[0].files).toEqual([expectedFile({ path: "x/SOL_USDT/prices.csv", kind: "prices", symbol: "SOL_USDT", rows: 5, problems: [] })]);
    const candles = await db().query("SELECT bar_start, open, high, low, close, volume, trade_count FROM tick_candles_1m WHERE session_id = 'exec_20251010_120000_0000beef'");
    expect(candles).toEqual([{ bar_start: "2025-10-10 12:00:00+00", open: 101, high: 101, low: 97, close: 98, volume: 5, trade_count: 5 }]);
  });
});
