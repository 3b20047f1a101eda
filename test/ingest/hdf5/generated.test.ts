/**
 * Generated kite_app files (gzip with shuffle, mangled symbols, both segments) with the problems of real
 * ones placed on purpose, loaded on each engine: stamps around IST midnight and the 18:30 UTC daily
 * stamp, impossible values rejected whole, odd but possible bars loaded and counted, an empty dataset, a
 * bad checksum, the 1-minute roll-ups equal to Kite's own coarser bars, selections and a dry run.
 */
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { migrateFromHdf5, type Hdf5ImportReport } from "../../../src/ingest/hdf5/index.ts";
import { generateKiteFile, type KiteSample } from "../../../src/synthetic/kite-sample.ts";
import { describeEachEngine } from "../../engines.ts";
import { scratchDir } from "../sqlite/targets.ts";
import { fileBars, storedBars, type BarTuple } from "./store.ts";

const dir = scratchDir("kite-generated-");
const at = (iso: string) => Date.parse(iso) / 1000;

const EQUITY_EDITS = [
  // The 2025-10-16 bar stamped one second before IST midnight: it is the 15th's, in IST.
  { path: "/data/NSE/M_M/day", row: 1, field: "timestamp", value: at("2025-10-15T18:29:59Z") },
  // 23:59 UTC is 05:29 IST the next day: stored at that instant, whatever the dates say.
  { path: "/data/NSE/M_M/5minute", row: 74, field: "timestamp", value: at("2025-10-15T23:59:00Z") },
  { path: "/data/NSE/BAJAJ_AUTO/60minute", row: 2, field: "close", value: Number.NaN },
  { path: "/data/NSE/BAJAJ_AUTO/60minute", row: 3, field: "high", value: Number.POSITIVE_INFINITY },
  { path: "/data/NSE/BAJAJ_AUTO/60minute", row: 4, field: "open", value: -1 },
  { path: "/data/NSE/BAJAJ_AUTO/60minute", row: 5, field: "volume", value: -5 },
  { path: "/data/NSE/BAJAJ_AUTO/60minute", row: 6, field: "low", value: Number.NEGATIVE_INFINITY },
  { path: "/data/BSE/M_M/15minute", row: 0, field: "close", value: 1e6 },
  { path: "/data/BSE/M_M/15minute", row: 1, field: "volume", value: 0 },
] as const;

const DERIVATIVE_EDITS = [{ path: "/data/NFO/NIFTY25OCTFUT/day", row: 2, field: "oi", value: -3 }] as const;

/** The file's bars as the store should hold them: rejected rows out, a repeated time once (the later row), in time order. */
async function expected(sample: KiteSample, path: string, skip: readonly number[] = []): Promise<BarTuple[]> {
  const byTime = new Map<number | string, BarTuple>();
  for (const b of await fileBars(sample.path, path, skip)) byTime.set(b[0], b);
  return [...byTime.values()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

describeEachEngine("generated kite_app files", (db) => {
  let equitySample: KiteSample;
  let derivativeSample: KiteSample;
  let equity: Hdf5ImportReport;
  let derivatives: Hdf5ImportReport;

  beforeAll(async () => {
    equitySample = generateKiteFile(join(dir, `EQUITY-${Math.random().toString(36).slice(2)}.h5`), {
      segment: "EQUITY",
      seed: 3,
      empty: ["/data/BSE/M_M/60minute"],
      badChecksum: ["/data/NSE/NIFTY_50/15minute"],
      edits: EQUITY_EDITS,
    });
    derivativeSample = generateKiteFile(join(dir, `DERIVATIVES-${Math.random().toString(36).slice(2)}.h5`), { segment: "DERIVATIVES", seed: 4, edits: DERIVATIVE_EDITS });
    equity = await migrateFromHdf5({ source: equitySample.path, database: db() });
    derivatives = await migrateFromHdf5({ source: derivativeSample.path, database: db() });
  });

  it("balances every dataset; the empty one is empty, the bad checksum rejected whole", () => {
    for (const d of [...equity.datasets, ...derivatives.datasets]) expect(d.loaded + d.merged + d.rejected).toBe(d.source);
    const line = (r: Hdf5ImportReport, path: string) => {
      const d = r.datasets.find((x) => `/data/${x.exchange}/${x.symbol}/${x.interval}` === path)!;
      return [d.source, d.loaded, d.merged, d.rejected, d.status];
    };
    expect(line(equity, "/data/BSE/M_M/60minute")).toEqual([0, 0, 0, 0, "empty"]);
    expect(line(equity, "/data/NSE/M_M/day")).toEqual([5, 4, 1, 0, "loaded"]);
    expect(line(equity, "/data/NSE/BAJAJ_AUTO/60minute")).toEqual([35, 30, 0, 5, "partial"]);
    expect(line(derivatives, "/data/NFO/NIFTY25OCTFUT/day")).toEqual([5, 4, 0, 1, "partial"]);
    expect(equity.rejectedDatasets.map((r) => [r.path, r.reason.slice(0, 18)])).toEqual([["/data/NSE/NIFTY_50/15minute", "checksum mismatch:"]]);
    expect(equity.datasets.map((d) => `${d.exchange}/${d.symbol}`).filter((v, i, a) => a.indexOf(v) === i)).toEqual(["BSE/M_M", "NSE/BAJAJ_AUTO", "NSE/M_M", "NSE/NIFTY_50"]);
    expect([equity.rows, derivatives.rows]).toEqual([equitySample.rows - 125, derivativeSample.rows]);
  });

  it("rejects NaN, infinite and negative values with the whole record", async () => {
    const rejects = await db().query<{ source_row_id: string; reason: string; row: unknown }>(
      "SELECT source_row_id, reason, row FROM migration_rejects ORDER BY source_table, source_row_id::int",
    );
    expect(rejects.map((r) => [r.source_row_id, r.reason])).toEqual([
      ["2", "oi: negative value -3"],
      ["2", "close: NaN"],
      ["3", "high: infinite value Infinity"],
      ["4", "open: negative value -1"],
      ["5", "volume: negative value -5"],
      ["6", "low: infinite value -Infinity"],
    ]);
    const record = equitySample.datasets.find((d) => d.path === "/data/NSE/BAJAJ_AUTO/60minute")!.records[3];
    const row = rejects[2].row;
    expect(typeof row === "string" ? JSON.parse(row) : row).toEqual({ ...record, high: "Infinity" });
  });

  it("loads a close outside [low, high] and a zero volume, and counts them", () => {
    expect(equity.notes["/data/BSE/M_M/15minute"]).toEqual({ closeOutsideLowHigh: 1, zeroVolume: 1 });
    expect(equity.notes["/data/NSE/M_M/day"]).toEqual({ dayStampNotIstMidnight: 1 });
    expect(equity.notes["/data/NSE/NIFTY_50/day"]).toEqual({ zeroVolume: 5 });
  });

  it("stores every bar as the file holds it: instants exact, day bars on their IST date", async () => {
    const skips: Record<string, number[]> = { "/data/NSE/BAJAJ_AUTO/60minute": [2, 3, 4, 5, 6], "/data/NFO/NIFTY25OCTFUT/day": [2] };
    for (const [sample, report] of [[equitySample, equity], [derivativeSample, derivatives]] as const) {
      for (const d of report.datasets) {
        const path = `/data/${d.exchange}/${d.symbol}/${d.interval}`;
        expect(await storedBars(db(), path), path).toEqual(await expected(sample, path, skips[path]));
      }
    }
    // Stamped 18:30:00Z (IST midnight) and 18:29:59Z: the 15th twice, the later row kept.
    const mm = await storedBars(db(), "/data/NSE/M_M/day");
    expect(mm.map((b) => b[0])).toEqual(["2025-10-15", "2025-10-17", "2025-10-20", "2025-10-21"]);
    const records = equitySample.datasets.find((d) => d.path === "/data/NSE/M_M/day")!.records;
    expect(mm[0][4]).toBe(records[1].close);
    const [{ stamp }] = await db().query<{ stamp: string }>(
      "SELECT bar_start::text AS stamp FROM ohlcv_intraday WHERE ticker = 'M_M' AND region = 'NSE' AND timeframe = '5m' ORDER BY bar_start DESC LIMIT 1 OFFSET 300",
    );
    expect(stamp).toBe("2025-10-15 23:59:00+00");
  });

  it("rolls 1-minute bars up to exactly Kite's own 60minute and day bars", async () => {
    const mismatches = await db().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ohlcv_intraday_hourly h
         FULL JOIN (SELECT * FROM ohlcv_intraday WHERE timeframe = '60m'
                     AND (ticker, region) IN (SELECT ticker, region FROM ohlcv_intraday WHERE timeframe = '1m')) i USING (ticker, region, bar_start)
        WHERE h.close IS DISTINCT FROM i.close OR h.open IS DISTINCT FROM i.open OR h.high IS DISTINCT FROM i.high
           OR h.low IS DISTINCT FROM i.low OR h.volume IS DISTINCT FROM i.volume OR h.open_interest IS DISTINCT FROM i.open_interest`,
    );
    expect(mismatches).toEqual([{ n: 0 }]);
    const [{ n }] = await db().query<{ n: number }>("SELECT count(*)::int AS n FROM ohlcv_intraday_hourly");
    expect(n).toBe(3 * 5 * 7);
    const daily = await db().query<{ ticker: string; date: string; same: boolean }>(
      `SELECT h.ticker, ((h.bar_start AT TIME ZONE 'Asia/Kolkata')::date)::text AS date,
              (h.open, h.high, h.low, h.close, h.volume::float8, h.open_interest::float8) = (d.open, d.high, d.low, d.close, d.volume, d.open_interest) AS same
         FROM ohlcv_intraday_daily h LEFT JOIN ohlcv_data d
           ON d.ticker = h.ticker AND d.region = h.region AND d.timeframe = '1d' AND d.date = (h.bar_start AT TIME ZONE 'Asia/Kolkata')::date
        ORDER BY 1, 2`,
    );
    expect(daily.length).toBe(15);
    // NIFTY25OCTFUT's third day bar (negative oi) was rejected: its roll-up has no stored bar to equal.
    expect(daily.filter((r) => !r.same)).toEqual([{ ticker: "NIFTY25OCTFUT", date: "2025-10-17", same: null }]);
  });

  it("a dry run of a selection reports what it would load and writes nothing", async () => {
    const state = () => db().query("SELECT (SELECT count(*)::int FROM migration_runs) AS runs, (SELECT count(*)::int FROM ohlcv_data) AS daily, (SELECT count(*)::int FROM ohlcv_intraday) AS intraday");
    const before = await state();
    const report = await migrateFromHdf5({ source: equitySample.path, database: db(), dryRun: true, exchanges: ["NSE"], intervals: ["day", "5minute"], symbols: ["M&M", "NIFTY_50"] });
    expect(report.dryRun).toBe(true);
    expect(report.datasets.map((d) => [d.exchange, d.symbol, d.interval, d.source, d.loaded, d.merged])).toEqual([
      ["NSE", "M_M", "5minute", 375, 0, 375],
      ["NSE", "M_M", "day", 5, 0, 5],
      ["NSE", "NIFTY_50", "5minute", 375, 0, 375],
      ["NSE", "NIFTY_50", "day", 5, 0, 5],
    ]);
    expect(report.rejectedDatasets).toEqual([]);
    expect(await state()).toEqual(before);
  });
});
