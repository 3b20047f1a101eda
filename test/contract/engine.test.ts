/** Engine contract: capabilities, migrations and TimescaleDB objects (or their fallbacks). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { MIGRATIONS_FOLDER } from "../../src/db/index.ts";
import { ohlcvData } from "../../src/schema/index.ts";
import { pricesRepository } from "../../src/repositories/prices.ts";
import { describeEachEngine } from "../engines.ts";
import { bar, days } from "../fixtures.ts";

const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as {
  entries: { idx: number; when: number; tag: string }[];
};

describeEachEngine("engine", (db, engine) => {
  test("reports what it is", () => {
    expect(db().capabilities.engine).toBe(engine.name);
    expect(db().capabilities.serverVersion).toMatch(/^\d+\.\d+/);
    if (engine.name === "pglite") expect(db().capabilities.timescaledb).toMatch(/^2\./);
  });

  test("applies every migration once; migrating again is a no-op", async () => {
    const count = async () =>
      (await db().query<{ n: number }>("SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations"))[0].n;
    expect(await count()).toBe(journal.entries.length);
    await db().migrate();
    expect(await count()).toBe(journal.entries.length);
  });

  test("creates every table of the schema", async () => {
    const rows = await db().query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    // On plain PostgreSQL the tick candles are a table too (migrations/0007).
    const candles = db().capabilities.timescaledb ? [] : ["tick_candles_1m"];
    expect(rows.map((r) => r.tablename)).toEqual([
      "backtest_equity", "backtest_results", "dividends", "etf_details", "etf_holdings", "exchange_rate_history", "factor_scores",
      "fetch_coverage", "global_market_indices", "indicator_values", "instrument_info", "job_runs", "kite_instruments", "market_sentiment",
      "migration_rejects", "migration_runs", "ohlcv_data", "ohlcv_intraday", "optimization_history", "option_quotes",
      "portfolio_holdings", "portfolio_transactions", "splits", "stock_details", "strategies",
      "technical_analysis", ...candles, "tick_orderbook", "tick_prices", "tick_session_files", "tick_sessions",
      "ticker_fundamentals", "tickers", "walk_forward_results", "walk_forward_sweeps",
      "walk_forward_task_results", "walk_forward_trials",
    ]);
  });

  test("builds hypertables, compression and aggregates, or the plain-PostgreSQL fallbacks", async () => {
    if (db().capabilities.timescaledb) {
      const hypertables = await db().query<{ hypertable_name: string; compression_enabled: boolean }>(
        "SELECT hypertable_name, compression_enabled FROM timescaledb_information.hypertables ORDER BY 1",
      );
      expect(hypertables).toEqual([
        { hypertable_name: "factor_scores", compression_enabled: true },
        { hypertable_name: "indicator_values", compression_enabled: true },
        { hypertable_name: "ohlcv_data", compression_enabled: true },
        { hypertable_name: "ohlcv_intraday", compression_enabled: true },
        { hypertable_name: "tick_orderbook", compression_enabled: true },
        { hypertable_name: "tick_prices", compression_enabled: true },
      ]);
      const segmentBy = await db().query<{ hypertable_name: string; attname: string }>(
        `SELECT hypertable_name, attname FROM timescaledb_information.compression_settings
         WHERE segmentby_column_index IS NOT NULL ORDER BY hypertable_name, segmentby_column_index`,
      );
      expect(segmentBy.map((r) => `${r.hypertable_name}.${r.attname}`)).toEqual([
        "factor_scores.factor_name", "indicator_values.series", "indicator_values.symbol", "indicator_values.indicator_id",
        "ohlcv_data.ticker", "ohlcv_data.region", "ohlcv_data.timeframe",
        "ohlcv_intraday.ticker", "ohlcv_intraday.region", "ohlcv_intraday.timeframe",
        "tick_orderbook.session_id", "tick_orderbook.symbol", "tick_prices.session_id", "tick_prices.symbol",
      ]);
      const jobs = await db().query<{ proc_name: string; name: string; cfg: string }>(
        `SELECT proc_name, hypertable_name AS name, config::text AS cfg FROM timescaledb_information.jobs
         WHERE proc_name IN ('policy_compression', 'policy_refresh_continuous_aggregate') ORDER BY 1, 2`,
      );
      expect(jobs.map((j) => `${j.proc_name}:${j.name}`)).toEqual([
        "policy_compression:factor_scores", "policy_compression:indicator_values", "policy_compression:ohlcv_data",
        "policy_compression:ohlcv_intraday", "policy_compression:tick_orderbook", "policy_compression:tick_prices",
        "policy_refresh_continuous_aggregate:ohlcv_intraday_daily", "policy_refresh_continuous_aggregate:ohlcv_intraday_hourly",
        "policy_refresh_continuous_aggregate:ohlcv_monthly", "policy_refresh_continuous_aggregate:ohlcv_quarterly",
        "policy_refresh_continuous_aggregate:ohlcv_yearly", "policy_refresh_continuous_aggregate:tick_candles_1m",
      ]);
      expect(jobs.find((j) => j.name === "ohlcv_data")!.cfg).toContain('"compress_after": "365 days"');
      expect(jobs.find((j) => j.name === "factor_scores")!.cfg).toContain('"compress_after": "180 days"');
      expect(jobs.find((j) => j.name === "ohlcv_intraday")!.cfg).toContain('"compress_after": "30 days"');
      expect(jobs.find((j) => j.name === "tick_prices")!.cfg).toContain('"compress_after": "7 days"');
      expect(jobs.find((j) => j.name === "tick_orderbook")!.cfg).toContain('"compress_after": "7 days"');
      expect(jobs.find((j) => j.name === "indicator_values")!.cfg).toContain('"compress_after": "60 days"');
      const caggs = await db().query<{ view_name: string }>(
        "SELECT view_name FROM timescaledb_information.continuous_aggregates ORDER BY 1",
      );
      expect(caggs.map((c) => c.view_name)).toEqual(["ohlcv_intraday_daily", "ohlcv_intraday_hourly", "ohlcv_monthly", "ohlcv_quarterly", "ohlcv_yearly", "tick_candles_1m"]);
    } else {
      const views = await db().query<{ matviewname: string }>(
        "SELECT matviewname FROM pg_matviews WHERE schemaname = 'public' ORDER BY 1",
      );
      expect(views.map((v) => v.matviewname)).toEqual(["ohlcv_intraday_daily", "ohlcv_intraday_hourly", "ohlcv_monthly", "ohlcv_quarterly", "ohlcv_yearly"]);
      // The tick candles are a table rebuilt per session (migrations/0007).
      const [candles] = await db().query<{ kind: string }>("SELECT relkind::text AS kind FROM pg_class WHERE relname = 'tick_candles_1m'");
      expect(candles.kind).toBe("r");
    }
  });

  test("old history reads the same and still takes merges once compressed (where TimescaleDB is present)", async () => {
    const rows = days("2015-01-01", 800).map((d, i) => bar("ZIP", "US", d, 100 + i));
    await db().copyRows(ohlcvData, rows);
    const prices = pricesRepository(db());
    const before = await prices.bars("ZIP", "US", "2015-01-01", "2017-12-31");
    if (db().capabilities.timescaledb) {
      const [{ n }] = await db().query<{ n: number }>(
        "SELECT count(compress_chunk(c, if_not_compressed => true))::int AS n FROM show_chunks('ohlcv_data', older_than => DATE '2017-01-01') c",
      );
      expect(n).toBe(2);
    }
    expect(await prices.bars("ZIP", "US", "2015-01-01", "2017-12-31")).toEqual(before);
    expect(await db().copyRows(ohlcvData, [bar("ZIP", "US", "2015-06-01", 1)])).toEqual({ loaded: 0, merged: 1 });
    expect((await prices.bars("ZIP", "US", "2015-06-01", "2015-06-01"))[0].close).toBe(1);
  });
});

test("migration timestamps strictly increase (Drizzle silently skips one that does not)", () => {
  const whens = journal.entries.map((e) => e.when);
  for (let i = 1; i < whens.length; i++) expect(whens[i]).toBeGreaterThan(whens[i - 1]);
  expect(journal.entries.map((e) => e.idx)).toEqual(journal.entries.map((_, i) => i));
});

test("every SQL file in migrations/ is listed in the journal", async () => {
  const { readdirSync } = await import("node:fs");
  const files = readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith(".sql")).sort();
  expect(files).toEqual(journal.entries.map((e) => `${e.tag}.sql`));
});
