import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/index.ts";
import { migrateFromSqlite, type MigrateReport } from "../../../src/ingest/sqlite/migrate.ts";
import { generateSpockSample } from "../../../src/synthetic/spock-sample.ts";
import { dumpTables, runRecords } from "./dump.ts";
import { scratchDir, targetKinds, type Target } from "./targets.ts";

const dir = scratchDir("migrate-test-");
const spock = join(dir, "spock.db");
generateSpockSample(spock, { instruments: 40, days: 60, seed: 7 });

const balanced = (report: MigrateReport) =>
  Object.entries(report.tables).filter(([, a]) => a.source !== a.loaded + a.merged + a.rejected).map(([t]) => t);

for (const kind of targetKinds) {
  describe(`migrating a generated Spock sample [${kind.name}]`, () => {
    let small: Target;
    let large: Target;
    let dry: MigrateReport;
    let real: MigrateReport;
    let rerun: MigrateReport;
    let smallDump: Record<string, string[]>;

    beforeAll(async () => {
      [small, large] = await Promise.all([kind.create(), kind.create()]);
      real = await migrateFromSqlite({ source: spock, target: small.options, batchSize: 97 });
      // The schema exists now, so the dry run goes through the target and rolls back.
      dry = await migrateFromSqlite({ source: spock, target: small.options, dryRun: true, batchSize: 97 });
      rerun = await migrateFromSqlite({ source: spock, target: small.options, batchSize: 97 });
      await migrateFromSqlite({ source: spock, target: large.options });
      const database = await small.open();
      smallDump = await dumpTables(database);
      await database.close();
    });
    afterAll(async () => {
      await Promise.all([small?.drop(), large?.drop()]);
    });

    it("balances every table, in the report and in migration_runs", async () => {
      expect(balanced(real)).toEqual([]);
      expect(Object.keys(real.tables)).toEqual([
        "tickers", "stock_details", "etf_details", "etf_holdings", "ticker_fundamentals", "ohlcv_data",
        "technical_analysis", "trades", "portfolio", "market_sentiment", "global_market_indices", "exchange_rate_history",
      ]);
      // The sample's price rows to reject: 9 bad values, 3 NULL-region rows of a code in two regions, 1 unknown code.
      expect(real.tables.ohlcv_data.rejected).toBe(13);
      expect(real.inferredInstruments).toBeGreaterThan(0);
      const database = await small.open();
      const records = await runRecords(database);
      await database.close();
      expect(records).toEqual([
        { status: "completed", tables: real.tables, inferred: real.inferredInstruments },
        { status: "completed", tables: rerun.tables, inferred: 0 },
      ]);
    });

    it("dry-runs to exactly the report of the real run that follows, writing nothing (no run of its own)", () => {
      expect(dry.dryRun).toBe(true);
      expect(dry.tables).toEqual(rerun.tables);
      expect(dry.inferredInstruments).toBe(rerun.inferredInstruments);
      expect(dry.notes).toEqual(rerun.notes);
      expect(dry.notes).toEqual(real.notes);
    });

    it("reports a second run over the same file as merged, changing nothing", () => {
      for (const [table, a] of Object.entries(rerun.tables)) {
        expect(a, table).toEqual({ source: a.source, loaded: 0, merged: a.source - a.rejected, rejected: real.tables[table].rejected });
      }
    });

    it("carries every price and indicator value exactly (floats survive the trip bit for bit)", async () => {
      const columns = ["open", "high", "low", "close", "volume", "ma5", "ma20", "ma60", "ma120", "ma200", "rsi_14", "macd", "macd_signal", "macd_hist", "bb_upper", "bb_middle", "bb_lower", "atr_14", "atr", "volume_ma20", "volume_ratio"];
      const file = new Sqlite(spock, { readonly: true });
      const expected = file
        .prepare(`SELECT ticker, region, date, ${columns.join(", ")} FROM ohlcv_data WHERE timeframe IN ('D', '1d', 'daily') AND region IS NOT NULL AND date = '2025-10-10' ORDER BY ticker, region`)
        .all() as Record<string, unknown>[];
      file.close();
      const database = await small.open();
      const actual = await database.query(`SELECT ticker, region, date, ${columns.join(", ")} FROM ohlcv_data WHERE timeframe = '1d' AND date = '2025-10-10' ORDER BY ticker COLLATE "C", region COLLATE "C"`);
      await database.close();
      expect(expected.length).toBe(40);
      expect(actual).toEqual(expected);
    });

    it("loads the same content whatever the batch size", async () => {
      const database = await large.open();
      const largeDump = await dumpTables(database);
      await database.close();
      expect(largeDump.ohlcv_data.length).toBe(real.tables.ohlcv_data.loaded);
      for (const table of Object.keys(smallDump)) {
        if (table === "migration_rejects") continue; // the small target holds the rejects of two runs
        expect(largeDump[table], table).toEqual(smallDump[table]);
      }
      expect(largeDump.migration_rejects).toEqual([...new Set(smallDump.migration_rejects)]);
    });
  });

  describe(`--tables [${kind.name}]`, () => {
    let target: Target;
    let database: Database;
    let report: MigrateReport;
    beforeAll(async () => {
      target = await kind.create();
      report = await migrateFromSqlite({ source: spock, target: target.options, tables: ["exchange_rate_history", "market_sentiment"] });
      database = await target.open();
    });
    afterAll(async () => {
      await database?.close();
      await target?.drop();
    });

    it("loads only the named tables, in layout order", async () => {
      expect(Object.keys(report.tables)).toEqual(["market_sentiment", "exchange_rate_history"]);
      expect(report.tables.market_sentiment).toEqual({ source: 61, loaded: 60, merged: 0, rejected: 1 });
      const [{ bars, instruments, sentiment }] = await database.query<{ bars: number; instruments: number; sentiment: number }>(
        `SELECT (SELECT count(*)::int FROM ohlcv_data) AS bars, (SELECT count(*)::int FROM tickers) AS instruments,
                (SELECT count(*)::int FROM market_sentiment) AS sentiment`,
      );
      expect({ bars, instruments, sentiment }).toEqual({ bars: 0, instruments: 0, sentiment: 60 });
    });

    it("refuses a table the file does not have, naming the ones it does", async () => {
      await expect(migrateFromSqlite({ source: spock, target: target.options, tables: ["ohlcv_data", "prices"] })).rejects.toThrow(
        "--tables: prices not in this spock file (available: tickers, stock_details, etf_details, etf_holdings, ticker_fundamentals, ohlcv_data, technical_analysis, trades, portfolio, market_sentiment, global_market_indices, exchange_rate_history)",
      );
    });
  });
}
