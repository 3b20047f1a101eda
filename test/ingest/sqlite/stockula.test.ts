import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/index.ts";
import { migrateFromSqlite, type MigrateReport } from "../../../src/ingest/sqlite/migrate.ts";
import { generateStockulaSample } from "../../../src/synthetic/stockula-sample.ts";
import { scratchDir, targetKinds, type Target } from "./targets.ts";

const source = join(scratchDir("stockula-test-"), "stockula.db");
generateStockulaSample(source, { days: 120, seed: 5 });

for (const kind of targetKinds) {
  describe(`Stockula layout [${kind.name}]`, () => {
    let target: Target;
    let database: Database;
    let report: MigrateReport;
    const rows = (sql: string) => database.query(sql);

    beforeAll(async () => {
      target = await kind.create();
      report = await migrateFromSqlite({ source, target: target.options });
      database = await target.open();
    });
    afterAll(async () => {
      await database?.close();
      await target?.drop();
    });

    it("recognises the layout and accounts for every row", () => {
      expect(report.layout).toBe("stockula");
      // 13 symbols × 120 days, 4 of them with a 60-day hole, plus 2 rows to reject; VOD.L's rows are
      // rejected in every table (its suffix has no region).
      expect(report.tables).toEqual({
        stocks: { source: 10, loaded: 9, merged: 0, rejected: 1 },
        stock_info: { source: 13, loaded: 11, merged: 0, rejected: 2 },
        price_history: { source: 1322, loaded: 1200, merged: 0, rejected: 122 },
        dividends: { source: 7, loaded: 6, merged: 0, rejected: 1 },
        splits: { source: 5, loaded: 4, merged: 0, rejected: 1 },
        options_calls: { source: 23, loaded: 21, merged: 1, rejected: 1 },
        options_puts: { source: 23, loaded: 21, merged: 1, rejected: 1 },
      });
      expect(report.inferredInstruments).toBe(3);
      expect(report.skipped).toEqual(["alembic_version"]);
      // The last close of each symbol sits above its high by float epsilon.
      expect(report.notes).toEqual({ price_history: { closeOutsideLowHigh: 12 } });
    });

    it("places each Yahoo symbol on the instrument the Yahoo ingest uses, keeping the symbol; empty metadata as NULL", async () => {
      // BRK-B → BRK.B (US class shares take the dot), 005930.KS → 005930 in KR, an index keeps its
      // caret in US, BTC-USD is crypto by its stock_info quoteType; prices alone infer QQQ and BTC-USD
      // (no stocks row, so no symbol kept).
      const listed = ["AAPL", "BRK.B", "^IRX", "QQQ", "005930", "BTC-USD"].map((t) => `'${t}'`).join(", ");
      expect(await rows(`SELECT ticker, region, yahoo_symbol, name, sector, exchange, currency, is_inferred FROM tickers WHERE ticker IN (${listed}) ORDER BY region, ticker COLLATE "C"`)).toEqual([
        { ticker: "BTC-USD", region: "CRYPTO", yahoo_symbol: null, name: null, sector: null, exchange: null, currency: null, is_inferred: true },
        { ticker: "005930", region: "KR", yahoo_symbol: "005930.KS", name: "005930.KS Inc.", sector: null, exchange: "NMS", currency: "KRW", is_inferred: false },
        { ticker: "AAPL", region: "US", yahoo_symbol: "AAPL", name: null, sector: null, exchange: null, currency: "USD", is_inferred: false },
        { ticker: "BRK.B", region: "US", yahoo_symbol: "BRK-B", name: null, sector: "Technology", exchange: "NMS", currency: "USD", is_inferred: false },
        { ticker: "QQQ", region: "US", yahoo_symbol: null, name: null, sector: null, exchange: null, currency: "USD", is_inferred: true },
        { ticker: "^IRX", region: "US", yahoo_symbol: "^IRX", name: null, sector: null, exchange: "NMS", currency: "USD", is_inferred: false },
      ]);
      expect(await rows(`SELECT region, ticker, count(*)::int AS n FROM ohlcv_data WHERE region <> 'US' OR ticker = 'BRK.B' GROUP BY 1, 2 ORDER BY 1, 2`)).toEqual([
        { region: "CRYPTO", ticker: "BTC-USD", n: 120 },
        { region: "KR", ticker: "005930", n: 120 },
        { region: "US", ticker: "BRK.B", n: 120 },
      ]);
      expect(await rows("SELECT count(*)::int AS n FROM tickers WHERE ticker LIKE '%-%' AND region <> 'CRYPTO' OR ticker LIKE 'VOD%'")).toEqual([{ n: 0 }]);
    });

    it("rejects every row of a symbol the mapping cannot place, with the reason", async () => {
      expect(await rows(`SELECT source_table, reason, count(*)::int AS n FROM migration_rejects WHERE reason LIKE 'symbol:%' GROUP BY 1, 2 ORDER BY 1`)).toEqual(
        ["price_history", "stock_info", "stocks"].map((table) => ({
          source_table: table,
          reason: "symbol: no region for Yahoo suffix .L (symbol VOD.L); add the suffix's region to SUFFIX_REGIONS in src/ingest/symbols.ts to load it",
          n: table === "price_history" ? 120 : 1,
        })),
      );
    });

    it("loads prices as total-return basis with the fetch instant, zero volume for funds and indices", async () => {
      expect(await rows("SELECT DISTINCT source, price_basis, timeframe FROM ohlcv_data")).toEqual([{ source: "stockula", price_basis: "total", timeframe: "1d" }]);
      expect(await rows("SELECT max(volume) AS volume, count(*)::int AS n FROM ohlcv_data WHERE ticker IN ('FXAIX', '^IRX', '^GSPC')")).toEqual([{ volume: 0, n: 300 }]);
      expect(await rows(`SELECT to_char(fetched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS fetched, count(*)::int AS n FROM ohlcv_data WHERE ticker = 'AAPL' GROUP BY 1 ORDER BY 1`)).toEqual([
        { fetched: "2025-03-01 12:00:00", n: 40 },
        { fetched: "2025-10-11 12:00:00", n: 20 },
      ]);
    });

    it("turns split ratios into terms and keeps dividends per share", async () => {
      expect(await rows(`SELECT ticker, date, numerator, denominator, ratio FROM splits ORDER BY ticker COLLATE "C"`)).toEqual([
        { ticker: "AAPL", date: "2020-08-31", numerator: 4, denominator: 1, ratio: 4 },
        { ticker: "NVDA", date: "2024-06-10", numerator: 10, denominator: 1, ratio: 10 },
        { ticker: "TSLA", date: "2022-08-25", numerator: 3, denominator: 1, ratio: 3 },
        { ticker: "^GSPC", date: "1990-01-02", numerator: 1, denominator: 10, ratio: 0.1 },
      ]);
      expect(await rows("SELECT ticker, count(*)::int AS n, min(amount) AS amount FROM dividends GROUP BY ticker ORDER BY ticker")).toEqual([
        { ticker: "AAPL", n: 2, amount: 0.25 },
        { ticker: "MSFT", n: 2, amount: 0.83 },
        { ticker: "SPY", n: 2, amount: 1.76 },
      ]);
    });

    it("merges option rows that only NULL kept apart, and reads info JSON into jsonb", async () => {
      expect(await rows("SELECT option_type, contract_symbol, last_price, volume FROM option_quotes WHERE strike = 300 ORDER BY option_type")).toEqual([
        { option_type: "call", contract_symbol: "", last_price: 0.06, volume: 2 },
        { option_type: "put", contract_symbol: "", last_price: 0.06, volume: 2 },
      ]);
      expect(await rows("SELECT info->>'quoteType' AS kind, count(*)::int AS n FROM instrument_info GROUP BY 1 ORDER BY 1")).toEqual([
        { kind: "CRYPTOCURRENCY", n: 1 },
        { kind: "EQUITY", n: 7 },
        { kind: "INDEX", n: 2 },
        { kind: "MUTUALFUND", n: 1 },
      ]);
      expect(await rows(`SELECT source_table, reason FROM migration_rejects WHERE source_table IN ('stock_info', 'splits', 'options_calls') AND reason NOT LIKE 'symbol:%' ORDER BY source_table`)).toEqual([
        { source_table: "options_calls", reason: "volume: 12.5 where a whole number belongs" },
        { source_table: "splits", reason: "ratio: 0 is not a split ratio (must be above 0)" },
        { source_table: "stock_info", reason: expect.stringMatching(/^info_json: not valid JSON \("\{\\"symbol\\":\\"BRK-B\\",.*"\)$/) },
      ]);
    });
  });
}
