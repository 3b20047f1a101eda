/**
 * The bar-store API (`repositories(db).barStore`) over generated kite_app files loaded by the importer
 * (bar-store-sample.ts), on each engine: get's exact bars around IST midnight and the 18:30Z day
 * stamp, oi null or a value, ranges by exchange date and by instant, symbols, intervals, stats to the
 * row and byte, the Kite trading symbol where instruments.h5 was imported (and the same names taken
 * and refused as the HDF5 export takes and refuses them), delete in one transaction
 * leaving the other datasets and the 1-minute rollups right, and bad input as one InputError line.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.ts";
import { exportKiteHdf5 } from "../../src/export/hdf5/index.ts";
import { repositories } from "../../src/repositories/index.ts";
import { describeEachEngine } from "../engines.ts";
import { scratchDir } from "../ingest/sqlite/targets.ts";
import { loadBarStore, writeBarStoreFiles } from "./bar-store-sample.ts";
import { openHdf5, type Dataset } from "../../src/hdf5/read.ts";

const dir = scratchDir("bar-store-");
const at = (iso: string) => Date.parse(iso) / 1000;
const utc = (seconds: number) => `${new Date(seconds * 1000).toISOString().slice(0, 19)}Z`;
/** The InputError's line a call fails with. */
const failure = (p: Promise<unknown>) => p.then(() => "no error", (e: unknown) => (e instanceof InputError ? e.message : `not an InputError: ${String(e)}`));

/** A dataset's records as h5wasm reads them: `[timestamp, open, high, low, close, volume, oi?]`. */
async function records(file: string, path: string): Promise<number[][]> {
  const h5 = await openHdf5(file, "a kite_app file");
  try {
    return ((h5.file.get(path) as Dataset).value as unknown as bigint[][]).map((r) => r.map(Number));
  } finally {
    h5.close();
  }
}

describeEachEngine("bar-store API", (db, engine) => {
  const store = () => repositories(db()).barStore;

  it("stats of an empty store", async () => {
    expect(await store().stats()).toEqual({ exchanges: {}, totals: { symbols: 0, datasets: 0, rows: 0, bytes: 0 }, first: null, last: null });
    expect(await store().symbols()).toEqual([]);
  });

  describe("holding the sample", () => {
    let files: ReturnType<typeof writeBarStoreFiles>;

    beforeAll(async () => {
      mkdirSync(join(dir, engine.name));
      files = writeBarStoreFiles(join(dir, engine.name));
      await loadBarStore(db(), files);
    });

    it("gets day bars stamped at IST midnight (18:30Z the day before), dated by IST, oi null on equities", async () => {
      expect(await store().get("NSE", "M_M", "day")).toEqual({
        exchange: "NSE",
        symbol: "M_M",
        interval: "day",
        bars: [
          { ts: "2025-10-14T18:30:00Z", local: "2025-10-15T00:00:00+05:30", date: "2025-10-15", open: 134, high: 135.3000030517578, low: 132.4499969482422, close: 133.3000030517578, volume: 427334, oi: null },
          { ts: "2025-10-15T18:30:00Z", local: "2025-10-16T00:00:00+05:30", date: "2025-10-16", open: 133.3000030517578, high: 133.6999969482422, low: 130.25, close: 131.0500030517578, volume: 417053, oi: null },
        ],
      });
    });

    it("gives oi where the source has it: 0 as 0, not null", async () => {
      const nifty = await store().get("NFO", "NIFTY25OCTFUT", "day");
      expect(nifty.bars.map((b) => [b.date, b.close, b.oi])).toEqual([
        ["2025-10-15", 557.1500244140625, 0],
        ["2025-10-16", 564.0499877929688, 133546],
      ]);
      const minutes = await store().get("BFO", "SENSEX25OCT82000CE", "minute", { from: "2025-10-16T09:15:00+05:30", to: "2025-10-16T09:16:00+05:30" });
      const stored = (await records(files.derivatives, "/data/BFO/SENSEX25OCT82000CE/minute")).slice(375, 377);
      expect(minutes.bars).toEqual(stored.map(([ts, open, high, low, close, volume, oi]) => ({ ts: utc(ts), local: expect.any(String), date: "2025-10-16", open, high, low, close, volume, oi })));
      expect(minutes.bars.map((b) => b.local)).toEqual(["2025-10-16T09:15:00+05:30", "2025-10-16T09:16:00+05:30"]);
    });

    it("gets every intraday bar of a dataset as the file has it, in time order", async () => {
      const stored = await records(files.equity, "/data/NSE/BAJAJ_AUTO/5minute");
      const got = await store().get("NSE", "BAJAJ_AUTO", "5minute");
      expect(got.bars.length).toBe(150);
      expect(got.bars.map((b) => [at(b.ts), b.open, b.high, b.low, b.close, b.volume, b.oi])).toEqual(stored.map((r) => [...r, null]));
      expect(got.bars[0]).toMatchObject({ ts: "2025-10-15T03:45:00Z", local: "2025-10-15T09:15:00+05:30", date: "2025-10-15" });
      expect(got.bars[149]).toMatchObject({ ts: "2025-10-16T09:55:00Z", local: "2025-10-16T15:25:00+05:30", date: "2025-10-16" });
    });

    it("a bar at IST midnight (18:30Z) belongs to the next exchange date, by instant and by date range", async () => {
      const around = await store().get("NSE", "M_M", "5minute", { from: "2025-10-15T18:30:00Z", to: "2025-10-16T09:15:00+05:30" });
      expect(around.bars).toEqual([
        { ts: "2025-10-15T18:30:00Z", local: "2025-10-16T00:00:00+05:30", date: "2025-10-16", open: 133.25, high: 133.35000610351562, low: 133.10000610351562, close: 133.3000030517578, volume: 8620, oi: null },
        { ts: "2025-10-16T03:45:00Z", local: "2025-10-16T09:15:00+05:30", date: "2025-10-16", open: 133.3000030517578, high: 133.3000030517578, low: 133.0500030517578, close: 133.14999389648438, volume: 6154, oi: null },
      ]);
      const sixteenth = await store().get("NSE", "M_M", "5minute", { from: "2025-10-16", to: "2025-10-16" });
      expect([sixteenth.bars.length, sixteenth.bars[0].ts, sixteenth.bars.at(-1)!.local]).toEqual([76, "2025-10-15T18:30:00Z", "2025-10-16T15:25:00+05:30"]);
      const fifteenth = await store().get("NSE", "M_M", "5minute", { to: "2025-10-15" });
      expect([fifteenth.bars.length, fifteenth.bars.at(-1)!.local]).toEqual([74, "2025-10-15T15:20:00+05:30"]);
      // One second either side of 18:30Z.
      expect((await store().get("NSE", "M_M", "5minute", { from: "2025-10-15T18:29:59Z", to: "2025-10-15T18:30:01Z" })).bars.map((b) => b.ts)).toEqual(["2025-10-15T18:30:00Z"]);
    });

    it("a day bar is in a range when its IST midnight is", async () => {
      const dates = async (range: { from?: string; to?: string }) => (await store().get("NSE", "M_M", "day", range)).bars.map((b) => b.date);
      expect(await dates({ from: "2025-10-16", to: "2025-10-16" })).toEqual(["2025-10-16"]);
      expect(await dates({ from: "2025-10-14T18:30:00Z" })).toEqual(["2025-10-15", "2025-10-16"]);
      expect(await dates({ from: "2025-10-14T18:30:01Z" })).toEqual(["2025-10-16"]);
      expect(await dates({ to: "2025-10-15T18:29:59Z" })).toEqual(["2025-10-15"]);
      expect(await dates({ from: "2025-10-15T09:15:00+05:30", to: "2025-10-15T15:30:00+05:30" })).toEqual([]);
    });

    it("accepts the Kite trading symbol where instruments.h5 listed it", async () => {
      const byPath = await store().get("NSE", "M_M", "60minute");
      expect(await store().get("NSE", "M&M", "60minute")).toEqual(byPath);
      expect((await store().intervals("NSE", "BAJAJ-AUTO")).symbol).toBe("BAJAJ_AUTO");
      expect(byPath.bars.length).toBe(14);
    });

    it("takes symbols as the HDF5 export does: the same names accepted, the same refused with the same line", async () => {
      const out = join(dir, engine.name, "M_M.h5");
      const exported = await exportKiteHdf5(db(), { out, exchanges: ["NSE"], symbols: ["M&M"], intervals: ["60minute"] });
      const got = await store().get("NSE", "M&M", "60minute");
      expect(exported.datasets.map((d) => [d.exchange, d.symbol, d.interval, d.rows])).toEqual([["NSE", "M_M", "60minute", 14]]);
      expect([got.exchange, got.symbol, got.interval]).toEqual(["NSE", "M_M", "60minute"]);
      expect((await records(out, "/data/NSE/M_M/60minute")).map(([ts, , , , close]) => [utc(ts), close])).toEqual(got.bars.map((b) => [b.ts, b.close]));
      const unknown = "(a symbol is named as kite_app's paths name it, or as Kite trades it where instruments.h5 was imported)";
      const pathForm = "(a Kite trading symbol is known only where instruments.h5 was imported)";
      const refusals: [string, string, string][] = [
        ["NSE", "RELIANCE", `NSE has no symbol RELIANCE ${unknown}`],
        ["BSE", "M&M", `BSE has no symbol M&M: give it as kite_app's path names it, M_M ${pathForm}`],
        ["NSE", "m_m", `NSE has no symbol m_m: give it as kite_app's path names it, M_M ${pathForm}`],
        ["NSE", "M-M", `NSE has no symbol M-M: give it as kite_app's path names it, M_M ${pathForm}`],
      ];
      for (const [exchange, symbol, message] of refusals) {
        expect(await failure(store().get(exchange, symbol, "60minute")), symbol).toBe(message);
        expect(await failure(exportKiteHdf5(db(), { out: join(dir, engine.name, "refused.h5"), exchanges: [exchange], symbols: [symbol] })), symbol).toBe(message);
      }
      expect(existsSync(join(dir, engine.name, "refused.h5"))).toBe(false);
    });

    it("reads the same inside a transaction", async () => {
      const outside = await store().get("NFO", "NIFTY25OCTFUT", "minute", { from: "2025-10-15", to: "2025-10-15" });
      expect(outside.bars.length).toBe(375);
      expect(await db().transaction((tx) => repositories(tx).barStore.get("NFO", "NIFTY25OCTFUT", "minute", { from: "2025-10-15", to: "2025-10-15" }))).toEqual(outside);
    });

    it("lists symbols with their trading symbols, by exchange", async () => {
      expect(await store().symbols()).toEqual([
        { exchange: "NSE", symbol: "BAJAJ_AUTO", tradingSymbol: "BAJAJ-AUTO" },
        { exchange: "NSE", symbol: "M_M", tradingSymbol: "M&M" },
        { exchange: "BSE", symbol: "M_M", tradingSymbol: null },
        { exchange: "NFO", symbol: "NIFTY25OCTFUT", tradingSymbol: null },
        { exchange: "BFO", symbol: "SENSEX25OCT82000CE", tradingSymbol: null },
      ]);
      expect(await store().symbols("BSE")).toEqual([{ exchange: "BSE", symbol: "M_M", tradingSymbol: null }]);
    });

    it("lists a symbol's intervals with rows and first and last bars", async () => {
      expect(await store().intervals("NSE", "M&M")).toEqual({
        exchange: "NSE",
        symbol: "M_M",
        intervals: [
          { interval: "5minute", rows: 150, first: "2025-10-15T03:45:00Z", last: "2025-10-16T09:55:00Z" },
          { interval: "60minute", rows: 14, first: "2025-10-15T03:45:00Z", last: "2025-10-16T09:45:00Z" },
          { interval: "day", rows: 2, first: "2025-10-14T18:30:00Z", last: "2025-10-15T18:30:00Z" },
        ],
      });
      expect((await store().intervals("NFO", "NIFTY25OCTFUT")).intervals.map((i) => [i.interval, i.rows])).toEqual([["minute", 750], ["day", 2]]);
    });

    it("counts symbols, datasets, rows and bytes (rows × 32, or 40 with oi) per exchange and in total", async () => {
      expect(await store().stats()).toEqual({
        exchanges: {
          NSE: { symbols: 2, datasets: 6, rows: 332, bytes: 10_624, intervals: { "5minute": 2, "60minute": 2, day: 2 } },
          BSE: { symbols: 1, datasets: 3, rows: 166, bytes: 5_312, intervals: { "5minute": 1, "60minute": 1, day: 1 } },
          NFO: { symbols: 1, datasets: 2, rows: 752, bytes: 30_080, intervals: { minute: 1, day: 1 } },
          BFO: { symbols: 1, datasets: 2, rows: 752, bytes: 30_080, intervals: { minute: 1, day: 1 } },
        },
        totals: { symbols: 5, datasets: 13, rows: 2_002, bytes: 76_096 },
        first: "2025-10-14T18:30:00Z",
        last: "2025-10-16T09:59:00Z",
      });
    });

    it("refuses unknown names and ranges with one clear line", async () => {
      expect(await failure(store().get("NYSE", "M_M", "day"))).toBe("--exchange NYSE is not a Kite exchange (NSE, BSE, NFO, BFO)");
      expect(await failure(store().get("NSE", "M_M", "2minute"))).toBe("--interval 2minute is not a Kite interval (minute, 3minute, 5minute, 10minute, 15minute, 30minute, 60minute, day)");
      expect(await failure(store().get("NSE", "RELIANCE", "day"))).toBe(
        "NSE has no symbol RELIANCE (a symbol is named as kite_app's paths name it, or as Kite trades it where instruments.h5 was imported)",
      );
      expect(await failure(store().get("BSE", "M&M", "day"))).toBe(
        "BSE has no symbol M&M: give it as kite_app's path names it, M_M (a Kite trading symbol is known only where instruments.h5 was imported)",
      );
      expect(await failure(store().get("NSE", "M_M", "minute"))).toBe("NSE M_M has no minute bars (it has 5minute, 60minute, day)");
      expect(await failure(store().get("NSE", "M_M", "day", { from: "2025-10-16T09:15" }))).toBe(
        '--from "2025-10-16T09:15" is neither an exchange date (YYYY-MM-DD, IST) nor an instant with its zone (2025-01-02T09:15:00+05:30, 2025-01-02T03:45:00Z)',
      );
      expect(await failure(store().get("NSE", "M_M", "day", { from: "2025-10-16", to: "2025-10-15" }))).toBe("--from 2025-10-16 is after --to 2025-10-15");
      expect(await failure(store().symbols("MCX"))).toBe("--exchange MCX is not a Kite exchange (NSE, BSE, NFO, BFO)");
      expect(await failure(store().intervals("NFO", "NIFTY25NOVFUT"))).toMatch(/^NFO has no symbol NIFTY25NOVFUT \(/);
      expect(await failure(store().delete("BSE", "M_M", "minute"))).toBe("BSE M_M has no minute bars (it has 5minute, 60minute, day)");
      expect(await failure(store().delete("BSE", "BAJAJ_AUTO"))).toMatch(/^BSE has no symbol BAJAJ_AUTO \(/);
    });

    it("delete is one transaction: a failure on the day bars leaves the intraday ones", async () => {
      const before = await store().intervals("NSE", "BAJAJ_AUTO");
      await db().query("CREATE FUNCTION refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'day bars are kept'; END $$");
      await db().query("CREATE TRIGGER refuse_delete BEFORE DELETE ON ohlcv_data FOR EACH ROW EXECUTE FUNCTION refuse_delete()");
      try {
        await expect(store().delete("NSE", "BAJAJ_AUTO")).rejects.toThrow("day bars are kept");
      } finally {
        await db().query("DROP TRIGGER refuse_delete ON ohlcv_data");
        await db().query("DROP FUNCTION refuse_delete()");
      }
      expect(await store().intervals("NSE", "BAJAJ_AUTO")).toEqual(before);
      expect(before.intervals.map((i) => i.rows)).toEqual([150, 14, 2]);
    });

    it("deletes one interval, by trading symbol, and reports it; the other datasets stay", async () => {
      expect(await store().delete("NSE", "M&M", "5minute")).toEqual({ exchange: "NSE", symbol: "M_M", removed: { "5minute": 150 }, rows: 150 });
      expect((await store().intervals("NSE", "M_M")).intervals.map((i) => [i.interval, i.rows])).toEqual([["60minute", 14], ["day", 2]]);
      expect((await store().intervals("BSE", "M_M")).intervals.map((i) => [i.interval, i.rows])).toEqual([["5minute", 150], ["60minute", 14], ["day", 2]]);
      expect((await store().get("NSE", "BAJAJ_AUTO", "5minute")).bars.length).toBe(150);
      const { exchanges, totals } = await store().stats();
      expect([exchanges.NSE, totals]).toEqual([
        { symbols: 2, datasets: 5, rows: 182, bytes: 5_824, intervals: { "5minute": 1, "60minute": 2, day: 2 } },
        { symbols: 5, datasets: 12, rows: 1_852, bytes: 71_296 },
      ]);
    });

    it("deletes a whole symbol, its 1-minute rollups with it, and the exchange leaves the stats", async () => {
      const rollups = () => db().query<{ n: number }>("SELECT count(*)::int AS n FROM ohlcv_intraday_daily WHERE ticker = $1 AND region = $2", ["NIFTY25OCTFUT", "NFO"]);
      expect(await rollups()).toEqual([{ n: 2 }]);
      expect(await store().delete("NFO", "NIFTY25OCTFUT")).toEqual({ exchange: "NFO", symbol: "NIFTY25OCTFUT", removed: { minute: 750, day: 2 }, rows: 752 });
      expect(await rollups()).toEqual([{ n: 0 }]);
      expect(await store().symbols("NFO")).toEqual([]);
      const stats = await store().stats();
      expect(Object.keys(stats.exchanges)).toEqual(["NSE", "BSE", "BFO"]);
      expect(stats.totals).toEqual({ symbols: 4, datasets: 10, rows: 1_100, bytes: 41_216 });
      // The instrument itself stays, without bars.
      expect(await db().query("SELECT ticker FROM tickers WHERE ticker = $1 AND region = $2", ["NIFTY25OCTFUT", "NFO"])).toEqual([{ ticker: "NIFTY25OCTFUT" }]);
      await expect(store().get("NFO", "NIFTY25OCTFUT", "day")).rejects.toThrow(new InputError("NFO NIFTY25OCTFUT has no bars"));
      await expect(store().intervals("NFO", "NIFTY25OCTFUT")).rejects.toThrow(new InputError("NFO NIFTY25OCTFUT has no bars"));
      await expect(store().delete("NFO", "NIFTY25OCTFUT")).rejects.toThrow(new InputError("NFO NIFTY25OCTFUT has no bars"));
    });
  });
});
