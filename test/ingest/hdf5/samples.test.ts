/**
 * The h5py sample files (test/fixtures/kite_hdf5, written as kite_app writes: Blosc-LZ4 and gzip with
 * shuffle in one file) loaded on each engine: exact accounting per dataset, the bad checksum rejected
 * with its reason while the rest load, impossible bars rejected whole, every stored bar equal to the
 * record h5wasm reads, instruments from instruments.h5 (and inferred where it lists none), and a
 * reload that merges everything and changes nothing.
 */
import { fileURLToPath } from "node:url";
import { beforeAll, expect, it } from "vitest";
import { migrateFromHdf5, type Hdf5ImportReport } from "../../../src/ingest/hdf5/index.ts";
import { describeEachEngine } from "../../engines.ts";
import { fileBars, storedBars } from "./store.ts";

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/kite_hdf5/${name}`, import.meta.url));
const EQUITY = fixture("EQUITY.h5");
const DERIVATIVES = fixture("DERIVATIVES.h5");
const INSTRUMENTS = fixture("instruments.h5");

const counts = (r: Hdf5ImportReport) => r.datasets.map((d) => `${d.exchange}/${d.symbol}/${d.interval} ${d.source} ${d.loaded} ${d.merged} ${d.rejected} ${d.status}`);

describeEachEngine("kite_app h5py samples", (db) => {
  let equity: Hdf5ImportReport;
  let derivatives: Hdf5ImportReport;

  beforeAll(async () => {
    equity = await migrateFromHdf5({ source: EQUITY, instruments: INSTRUMENTS, database: db() });
    derivatives = await migrateFromHdf5({ source: DERIVATIVES, instruments: INSTRUMENTS, database: db() });
  });

  it("accounts for every EQUITY dataset exactly; the bad checksum is a rejected dataset", () => {
    expect([equity.source, equity.segment, equity.rows]).toEqual([EQUITY, "EQUITY", 4030]);
    expect(counts(equity)).toEqual([
      "BSE/M_M/15minute 125 125 0 0 loaded", "BSE/M_M/5minute 375 375 0 0 loaded", "BSE/M_M/60minute 35 35 0 0 loaded", "BSE/M_M/day 6 6 0 0 loaded",
      "BSE/RELIANCE/15minute 125 125 0 0 loaded", "BSE/RELIANCE/5minute 375 375 0 0 loaded", "BSE/RELIANCE/60minute 0 0 0 0 empty", "BSE/RELIANCE/day 6 6 0 0 loaded",
      "NSE/BAJAJ_AUTO/15minute 150 150 0 0 loaded", "NSE/BAJAJ_AUTO/5minute 450 450 0 0 loaded", "NSE/BAJAJ_AUTO/60minute 42 40 0 2 partial", "NSE/BAJAJ_AUTO/day 6 6 0 0 loaded",
      "NSE/J_KBANK/15minute 125 125 0 0 loaded", "NSE/J_KBANK/5minute 375 375 0 0 loaded", "NSE/J_KBANK/60minute 35 35 0 0 loaded", "NSE/J_KBANK/day 6 6 0 0 loaded",
      "NSE/M_M/15minute 150 150 0 0 loaded", "NSE/M_M/5minute 450 450 0 0 loaded", "NSE/M_M/60minute 42 42 0 0 loaded", "NSE/M_M/day 6 6 0 0 loaded",
      "NSE/NIFTY_50/15minute 150 150 0 0 loaded", "NSE/NIFTY_50/5minute 450 450 0 0 loaded", "NSE/NIFTY_50/60minute 42 42 0 0 loaded", "NSE/NIFTY_50/day 6 6 0 0 loaded",
      "NSE/RELIANCE/5minute 450 450 0 0 loaded", "NSE/RELIANCE/60minute 42 42 0 0 loaded", "NSE/RELIANCE/day 6 6 0 0 loaded",
    ]);
    expect(equity.rejectedDatasets).toEqual([
      {
        path: "/data/NSE/RELIANCE/15minute",
        reason: "checksum mismatch: the records hash to 1a0a58fe56930b795c00a30d35759e23aa43389f1f0390a1efc32d5c08272ca6, the checksum attribute says e7394853500a8365a4eedf8645289b4667757951cf0a66275d8e4d02b993eccf",
      },
    ]);
    expect(equity.notes["/data/NSE/NIFTY_50/day"]).toEqual({ zeroVolume: 6 });
    expect(equity.notes["/data/NSE/M_M/5minute"]).toEqual({ zeroVolume: 1, closeOutsideLowHigh: 1, openOutsideLowHigh: 1 });
  });

  it("keeps the impossible bars whole, with their reasons", async () => {
    const rejects = await db().query<{ source_table: string; source_row_id: string; reason: string; row: unknown }>(
      "SELECT source_table, source_row_id, reason, row FROM migration_rejects ORDER BY source_table, source_row_id::int",
    );
    expect(rejects.map((r) => ({ ...r, row: typeof r.row === "string" ? JSON.parse(r.row) : r.row }))).toEqual([
      {
        source_table: "/data/NSE/BAJAJ_AUTO/60minute", source_row_id: "15", reason: "close: NaN",
        row: { timestamp: 1760676300, open: 5613.13330078125, high: 5614.2001953125, low: 5498.533203125, close: "NaN", volume: 835905 },
      },
      {
        source_table: "/data/NSE/BAJAJ_AUTO/60minute", source_row_id: "29", reason: "volume: negative value -496435",
        row: { timestamp: 1761194700, open: 8300.7001953125, high: 8479.0498046875, low: 8272.599609375, close: 8463.5, volume: -496435 },
      },
    ]);
  });

  it("stores every loaded bar exactly as h5wasm reads the record: intraday at its instant, day bars on their IST date", async () => {
    for (const report of [equity, derivatives]) {
      for (const d of report.datasets) {
        const path = `/data/${d.exchange}/${d.symbol}/${d.interval}`;
        const skip = path === "/data/NSE/BAJAJ_AUTO/60minute" ? [15, 29] : [];
        expect(await storedBars(db(), path), path).toEqual(await fileBars(report.source, path, skip));
      }
    }
    expect((await storedBars(db(), "/data/NSE/M_M/day")).map((b) => b[0])).toEqual(["2025-10-15", "2025-10-16", "2025-10-17", "2025-10-20", "2025-10-23", "2025-10-24"]);
    expect((await storedBars(db(), "/data/NFO/NIFTY25OCTFUT/day")).every((b) => (b[6] ?? 0) > 0)).toBe(true);
    expect((await storedBars(db(), "/data/NSE/M_M/day")).map((b) => b[6])).toEqual([null, null, null, null, null, null]);
    expect((await storedBars(db(), "/data/NFO/M_M25OCTFUT/day")).map((b) => b[6])).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("accounts for every DERIVATIVES dataset, oi included", () => {
    expect([derivatives.segment, derivatives.rows, derivatives.rejectedDatasets]).toEqual(["DERIVATIVES", 5274, []]);
    expect(derivatives.datasets.every((d) => d.status === "loaded" && d.loaded === d.source)).toBe(true);
    expect(derivatives.datasets.length).toBe(21);
  });

  it("names instruments from instruments.h5 and infers the expired contract it no longer lists", async () => {
    expect([equity.instruments, derivatives.instruments]).toEqual([
      { source: 7, loaded: 7, merged: 0, rejected: 0 },
      { source: 5, loaded: 5, merged: 0, rejected: 0 },
    ]);
    const rows = await db().query("SELECT ticker, region, name, exchange, currency, asset_type, lot_size, is_inferred, data_source FROM tickers ORDER BY region, ticker");
    const t = (ticker: string, region: string, name: string | null, assetType: string | null, lot: number | null) =>
      ({ ticker, region, name, exchange: region, currency: "INR", asset_type: assetType, lot_size: lot, is_inferred: name === null, data_source: "kite_app" });
    expect(rows).toEqual([
      t("SENSEX25OCT82000CE", "BFO", "SENSEX", "OPTION", 20),
      t("M_M", "BSE", "MAHINDRA & MAHINDRA", "STOCK", 1),
      t("RELIANCE", "BSE", "RELIANCE INDUSTRIES", "STOCK", 1),
      t("M_M25OCTFUT", "NFO", "M&M", "FUTURE", 200),
      t("NIFTY25O2025000CE", "NFO", null, null, null),
      t("NIFTY25OCT24950CE", "NFO", "NIFTY", "OPTION", 75),
      t("NIFTY25OCTFUT", "NFO", "NIFTY", "FUTURE", 75),
      t("BAJAJ_AUTO", "NSE", "BAJAJ AUTO", "STOCK", 1),
      t("J_KBANK", "NSE", "JAMMU & KASHMIR BANK, LTD.", "STOCK", 1),
      t("M_M", "NSE", "MAHINDRA & MAHINDRA", "STOCK", 1),
      t("NIFTY_50", "NSE", "NIFTY 50", "INDEX", null),
      t("RELIANCE", "NSE", "RELIANCE INDUSTRIES", "STOCK", 1),
    ]);
    const listed = await db().query("SELECT ticker, region, trading_symbol, instrument_token, expiry, strike, lot_size, list_updated_at FROM kite_instruments WHERE ticker IN ('M_M', 'NIFTY25OCT24950CE', 'NIFTY_50') ORDER BY region, ticker");
    expect(listed).toEqual([
      { ticker: "M_M", region: "BSE", trading_symbol: "M&M", instrument_token: 372228, expiry: null, strike: 0, lot_size: 1, list_updated_at: "2025-10-24 03:22:20.418207+00" },
      { ticker: "NIFTY25OCT24950CE", region: "NFO", trading_symbol: "NIFTY25OCT24950CE", instrument_token: 393218, expiry: "2025-10-28", strike: 24950, lot_size: 75, list_updated_at: "2025-10-24 03:22:27.418207+00" },
      { ticker: "M_M", region: "NSE", trading_symbol: "M&M", instrument_token: 345089, expiry: null, strike: 0, lot_size: 1, list_updated_at: "2025-10-24 03:22:13.418207+00" },
      { ticker: "NIFTY_50", region: "NSE", trading_symbol: "NIFTY 50", instrument_token: 353025, expiry: null, strike: 0, lot_size: 0, list_updated_at: "2025-10-24 03:22:13.418207+00" },
    ]);
  });

  it("rolls the 1-minute bars up into the hourly and daily aggregates", async () => {
    const [hourly] = await db().query<{ n: number; bars: number; volume: number }>(
      "SELECT count(*)::int AS n, sum(bar_count)::int AS bars, sum(volume)::float8 AS volume FROM ohlcv_intraday_hourly WHERE ticker = 'NIFTY25OCT24950CE'",
    );
    const [daily] = await db().query<{ dates: string[] }>(
      "SELECT array_agg(((bar_start AT TIME ZONE 'Asia/Kolkata')::date)::text ORDER BY bar_start) AS dates FROM ohlcv_intraday_daily WHERE ticker = 'NIFTY25OCT24950CE'",
    );
    const minutes = await fileBars(DERIVATIVES, "/data/NFO/NIFTY25OCT24950CE/minute");
    expect(hourly).toEqual({ n: 42, bars: 2250, volume: minutes.reduce((n, b) => n + b[5], 0) });
    expect(daily.dates).toEqual(["2025-10-15", "2025-10-16", "2025-10-17", "2025-10-20", "2025-10-23", "2025-10-24"]);
  });

  it("a reload merges every row, loads none and changes nothing", async () => {
    const snapshot = () => db().query("SELECT (SELECT count(*)::int FROM ohlcv_intraday) AS intraday, (SELECT count(*)::int FROM ohlcv_data) AS daily, (SELECT sum(close)::float8 FROM ohlcv_intraday) AS closes, (SELECT count(*)::int FROM tickers) AS tickers");
    const before = await snapshot();
    const again = await migrateFromHdf5({ source: EQUITY, database: db() });
    expect(again.datasets.every((d) => d.loaded === 0 && d.merged === d.source - d.rejected)).toBe(true);
    expect(again.datasets.map((d) => d.rejected)).toEqual(equity.datasets.map((d) => d.rejected));
    expect(again.instruments).toEqual({ source: 7, loaded: 0, merged: 7, rejected: 0 });
    expect(await snapshot()).toEqual(before);
    // Without --instruments the names stay: an instrument already present is left as it is.
    const [{ name }] = await db().query<{ name: string }>("SELECT name FROM tickers WHERE ticker = 'J_KBANK'");
    expect(name).toBe("JAMMU & KASHMIR BANK, LTD.");
  });
});
