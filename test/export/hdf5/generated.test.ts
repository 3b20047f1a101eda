/**
 * Export of generated kite_app files on each engine: import → export gives back every loaded record
 * byte for byte (rejected bars, the empty dataset and the dataset with a bad checksum absent; a day
 * bar stamped off IST midnight back at midnight) with kite_app's attributes and correct checksums;
 * h5py reads the result; the importer takes it back, merging everything. Selections (trading
 * symbols, intervals, dates and instants), and bad input refused with nothing written.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { exportKiteHdf5, type KiteHdf5ExportReport } from "../../../src/export/hdf5/index.ts";
import { migrateFromHdf5 } from "../../../src/ingest/hdf5/index.ts";
import { CHUNK_ROWS, datasetAttributes } from "../../../src/kite/layout.ts";
import type { KiteInterval } from "../../../src/kite/intervals.ts";
import { RECORD_TYPES, RecordView } from "../../../src/kite/records.ts";
import { exchangeMidnight } from "../../../src/kite/time.ts";
import { generateInstrumentFile, generateKiteFile, type KiteSample } from "../../../src/synthetic/kite-sample.ts";
import { describeEachEngine } from "../../engines.ts";
import { h5pyDataset, h5pyDescribe } from "../../hdf5/h5py.ts";
import { scratchDir } from "../../ingest/sqlite/targets.ts";
import { readKiteFile, withoutRecords, type KiteFileContents } from "./kite-file.ts";

const NOW = new Date("2025-11-03T04:05:06.789Z");
const NOW_TEXT = "2025-11-03T09:35:06.789000"; // IST wall time, as kite_app writes its times
const OFF_MIDNIGHT = exchangeMidnight("2025-10-16") + 3600; // 01:00 IST: loads on 2025-10-16
const SKIPS: Record<string, number[]> = { "/data/NSE/BAJAJ_AUTO/60minute": [2, 5], "/data/NFO/NIFTY25OCTFUT/day": [2] };
const SELECTED = "in the store for this selection (--exchanges, --symbols, --intervals, --from, --to)";

/** What the export of `path` must hold: the source's records without the rejected ones, the day stamp at midnight. */
function expectedRecords(source: KiteFileContents, path: string, segment: "EQUITY" | "DERIVATIVES"): Uint8Array {
  const bytes = withoutRecords(source.datasets.get(path)!.bytes, segment, SKIPS[path] ?? []);
  if (path === "/data/BSE/M_M/day") new DataView(bytes.buffer, bytes.byteOffset).setBigInt64(RECORD_TYPES.EQUITY.size, BigInt(exchangeMidnight("2025-10-16")), true);
  return bytes;
}

describeEachEngine("kite_app export of generated files", (db) => {
  const dir = scratchDir("export-generated-");
  const out = join(dir, "out");
  let equitySample: KiteSample;
  let derivativeSample: KiteSample;
  let equity: KiteHdf5ExportReport;
  let derivatives: KiteHdf5ExportReport;

  beforeAll(async () => {
    mkdirSync(out);
    equitySample = generateKiteFile(join(dir, "EQUITY.h5"), {
      segment: "EQUITY",
      empty: ["/data/BSE/M_M/60minute"],
      badChecksum: ["/data/NSE/NIFTY_50/15minute"],
      edits: [
        { path: "/data/NSE/BAJAJ_AUTO/60minute", row: 2, field: "close", value: Number.NaN },
        { path: "/data/NSE/BAJAJ_AUTO/60minute", row: 5, field: "volume", value: -5 },
        { path: "/data/NSE/M_M/15minute", row: 3, field: "volume", value: 0 },
        { path: "/data/BSE/M_M/day", row: 1, field: "timestamp", value: OFF_MIDNIGHT },
      ],
    });
    derivativeSample = generateKiteFile(join(dir, "DERIVATIVES.h5"), { segment: "DERIVATIVES", seed: 4, edits: [{ path: "/data/NFO/NIFTY25OCTFUT/day", row: 2, field: "oi", value: -3 }] });
    // NSE's trading symbols, so a selection may name them as Kite trades them (M&M, BAJAJ-AUTO).
    const listing = (token: number, tradingsymbol: string, name: string) => ({
      instrument_token: token, exchange_token: token >> 8, tradingsymbol, name, last_price: 0, expiry: "", strike: 0, tick_size: 0.05, lot_size: 1, instrument_type: "EQ", segment: "NSE", exchange: "NSE",
    });
    const instruments = join(dir, "instruments.h5");
    generateInstrumentFile(instruments, { NSE: [listing(519937, "M&M", "MAHINDRA & MAHINDRA"), listing(4267265, "BAJAJ-AUTO", "BAJAJ AUTO")] });
    await migrateFromHdf5({ source: equitySample.path, instruments, database: db() });
    await migrateFromHdf5({ source: derivativeSample.path, database: db() });
    equity = await exportKiteHdf5(db(), { out: join(out, "EQUITY.h5"), exchanges: ["NSE", "BSE"], now: NOW });
    derivatives = await exportKiteHdf5(db(), { out: join(out, "DERIVATIVES.h5"), exchanges: ["NFO", "BFO"], now: NOW });
  });

  it("writes every loaded record back byte for byte, with kite_app's attributes and a checksum that matches", async () => {
    for (const [sample, report, segment] of [[equitySample, equity, "EQUITY"], [derivativeSample, derivatives, "DERIVATIVES"]] as const) {
      const source = await readKiteFile(sample.path);
      const exported = await readKiteFile(report.out);
      const absent = ["/data/BSE/M_M/60minute", "/data/NSE/NIFTY_50/15minute"];
      expect([...exported.datasets.keys()]).toEqual([...source.datasets.keys()].filter((p) => !absent.includes(p)));
      for (const [path, got] of exported.datasets) {
        const want = expectedRecords(source, path, segment);
        expect(Buffer.from(got.bytes).equals(Buffer.from(want)), path).toBe(true);
        const v = new RecordView(want, RECORD_TYPES[segment].size);
        expect(got.attrs, path).toEqual(datasetAttributes(want, v.count, v.timestamp(0), v.timestamp(v.count - 1), NOW_TEXT));
        // Untouched datasets carry kite_app's own attributes, checksum included; only the time written differs.
        if (!(path in SKIPS) && path !== "/data/BSE/M_M/day") expect(got.attrs, path).toEqual({ ...source.datasets.get(path)!.attrs, updated_at: NOW_TEXT });
      }
    }
  });

  it("writes the segment's root attributes and reports each dataset", async () => {
    expect((await readKiteFile(equity.out)).attrs).toEqual({
      db_version: "1.0", segment: "EQUITY", created_at: NOW_TEXT, last_updated: NOW_TEXT, format: "kite_equity_v1", compression: "gzip", compression_level: 4n, hdf5_cache_size: 314_572_800n,
    });
    expect([derivatives.segment, derivatives.datasets.length, derivatives.rows, derivatives.notes]).toEqual(["DERIVATIVES", 15, derivativeSample.rows - 1, {}]);
    expect(equity.datasets.filter((d) => d.symbol === "M_M" && d.exchange === "BSE").map((d) => `${d.interval} ${d.rows}`)).toEqual(["15minute 125", "5minute 375", "day 5"]);
    expect(equity.rows).toBe(equitySample.rows - 125 - 2);
    expect(readdirSync(out).sort()).toEqual(["DERIVATIVES.h5", "EQUITY.h5"]);
  });

  it("is read by h5py: tree, dtype, values, attributes and gzip with shuffle", () => {
    const file = h5pyDescribe(derivatives.out);
    expect(file.attrs).toEqual({
      db_version: "1.0", segment: "DERIVATIVES", created_at: NOW_TEXT, last_updated: NOW_TEXT, format: "kite_derivatives_v1", compression: "gzip", compression_level: 4, hdf5_cache_size: 314_572_800,
    });
    const groups = Object.entries(file.nodes).filter(([, n]) => n.kind === "group").map(([p]) => p);
    expect(groups.sort()).toEqual(["/data", "/data/BFO", "/data/BFO/SENSEX25OCT82000CE", "/data/NFO", "/data/NFO/M_M25OCTFUT", "/data/NFO/NIFTY25OCTFUT", "/instruments", "/instruments/BFO", "/instruments/NFO"]);
    for (const d of derivatives.datasets) {
      const path = `/data/${d.exchange}/${d.symbol}/${d.interval}`;
      const got = h5pyDataset(file, path);
      const chunk = Math.min(CHUNK_ROWS[d.interval as KiteInterval], d.rows);
      expect([got.shape, got.maxshape, got.chunks, got.filters, got.sha256, got.attrs.checksum, got.attrs.row_count], path).toEqual([[d.rows], [d.rows], [chunk], { shuffle: [40], gzip: 4 }, d.checksum, d.checksum, d.rows]);
      expect(got.dtype).toEqual([["timestamp", "<i8"], ["open", "<f4"], ["high", "<f4"], ["low", "<f4"], ["close", "<f4"], ["volume", "<i8"], ["oi", "<i8"]]);
    }
    const minutes = derivativeSample.datasets.find((d) => d.path === "/data/NFO/M_M25OCTFUT/minute")!.records;
    const last = minutes.at(-1)!;
    expect(h5pyDataset(file, "/data/NFO/M_M25OCTFUT/minute").last).toEqual([last.timestamp, last.open, last.high, last.low, last.close, last.volume, last.oi]);
  });

  it("is taken back by the importer: every checksum passes and every bar merges", async () => {
    const again = await migrateFromHdf5({ source: derivatives.out, database: db() });
    expect(again.rejectedDatasets).toEqual([]);
    expect(again.datasets.map((d) => d.source - d.merged)).toEqual(derivatives.datasets.map(() => 0));
    expect(again.rows).toBe(derivatives.rows);
  });

  it("exports a selection: symbols as Kite trades them, intervals, IST dates and instants", async () => {
    const source = await readKiteFile(equitySample.path);
    const rowsOf = (path: string, from: number, to: number) => source.datasets.get(path)!.bytes.subarray(from * 32, to * 32);
    const days = await exportKiteHdf5(db(), { out: join(dir, "days.h5"), exchanges: ["NSE"], symbols: ["M&M"], intervals: ["day", "5minute"], from: "2025-10-16", to: "2025-10-17", now: NOW });
    const daysRead = await readKiteFile(days.out);
    expect([...daysRead.datasets.keys()]).toEqual(["/data/NSE/M_M/5minute", "/data/NSE/M_M/day"]);
    expect(Buffer.from(daysRead.datasets.get("/data/NSE/M_M/5minute")!.bytes).equals(rowsOf("/data/NSE/M_M/5minute", 75, 225))).toBe(true);
    expect(Buffer.from(daysRead.datasets.get("/data/NSE/M_M/day")!.bytes).equals(rowsOf("/data/NSE/M_M/day", 1, 3))).toBe(true);
    const morning = await exportKiteHdf5(db(), { out: join(dir, "morning.h5"), symbols: ["M_M"], intervals: ["day", "5minute"], from: "2025-10-16T09:15:00+05:30", to: "2025-10-16T03:55:00Z", now: NOW });
    expect(morning.datasets.map((d) => `${d.exchange}/${d.symbol}/${d.interval} ${d.rows}`)).toEqual(["BSE/M_M/5minute 3", "NSE/M_M/5minute 3"]);
  });

  it("refuses bad input with one line and writes nothing", async () => {
    const taken = join(out, "EQUITY.h5");
    const cases: [Parameters<typeof exportKiteHdf5>[1], string][] = [
      [{ out: join(out, "x.h5") }, "the store holds bars of NSE, BSE, NFO, BFO, which span two segments, and a kite_app file holds one: export them separately, --exchanges NSE,BSE --out EQUITY.h5 and --exchanges NFO,BFO --out DERIVATIVES.h5"],
      [{ out: join(out, "x.h5"), exchanges: ["NSE", "NFO"] }, "--exchanges NSE,NFO spans two segments, and a kite_app file holds one: export them separately, --exchanges NSE --out EQUITY.h5 and --exchanges NFO --out DERIVATIVES.h5"],
      [{ out: join(out, "x.h5"), exchanges: ["NSE", "MCX"] }, "--exchanges MCX is not a Kite exchange (NSE, BSE, NFO, BFO)"],
      [{ out: join(out, "x.h5"), exchanges: ["NSE", "MCX", "LSE"] }, "--exchanges MCX, LSE are not Kite exchanges (NSE, BSE, NFO, BFO)"],
      [{ out: join(out, "x.h5"), exchanges: ["NSE"], intervals: ["day", "2minute"] }, "--intervals 2minute is not a Kite interval (minute, 3minute, 5minute, 10minute, 15minute, 30minute, 60minute, day)"],
      [{ out: join(out, "x.h5"), exchanges: ["NSE"], symbols: ["M&M", "RELIANCE"] }, "NSE has no symbol RELIANCE (a symbol is named as kite_app's paths name it, or as Kite trades it where instruments.h5 was imported)"],
      [{ out: join(out, "x.h5"), symbols: ["RELIANCE"] }, "NSE, BSE, NFO, BFO have no symbol RELIANCE (a symbol is named as kite_app's paths name it, or as Kite trades it where instruments.h5 was imported)"],
      [{ out: join(out, "x.h5"), exchanges: ["BSE"], symbols: ["M&M"] }, "BSE has no symbol M&M: give it as kite_app's path names it, M_M (a Kite trading symbol is known only where instruments.h5 was imported)"],
      [{ out: join(out, "x.h5"), exchanges: ["NSE"], symbols: ["M&M", "NIFTY_50"], intervals: ["15minute"] }, `--symbols: NIFTY_50 has no bars ${SELECTED}`],
      [{ out: join(out, "x.h5"), exchanges: ["NSE", "BSE"], symbols: ["BAJAJ-AUTO"] }, `--exchanges: BSE has no bars ${SELECTED}`],
      [{ out: join(out, "x.h5"), exchanges: ["NSE"], from: "2030-01-01" }, `no bars ${SELECTED}`],
      [{ out: join(out, "x.h5"), exchanges: ["NSE"], from: "2025-10-16 09:15" }, '--from "2025-10-16 09:15" is neither an exchange date (YYYY-MM-DD, IST) nor an instant with its zone (2025-01-02T09:15:00+05:30, 2025-01-02T03:45:00Z)'],
      [{ out: join(out, "x.h5"), exchanges: ["NSE"], from: "2025-10-17", to: "2025-10-16" }, "--from 2025-10-17 is after --to 2025-10-16"],
      [{ out: taken, exchanges: ["NSE"] }, `--out ${taken} exists; choose another name or pass --overwrite to replace it`],
      [{ out: join(out, "no-such-dir", "x.h5"), exchanges: ["NSE"] }, `--out ${join(out, "no-such-dir", "x.h5")}: directory ${join(out, "no-such-dir")} does not exist`],
      [{ out, exchanges: ["NSE"] }, `--out ${out} is a directory; name the file to write (e.g. ${join(out, "EQUITY.h5")})`],
    ];
    for (const [options, message] of cases) await expect(exportKiteHdf5(db(), options), message).rejects.toThrow(message);
    expect(readdirSync(out).sort()).toEqual(["DERIVATIVES.h5", "EQUITY.h5"]);
  });

  it("leaves no file, whole or partial, when the export fails midway; replaces a file only when told to", async () => {
    const target = join(out, "failing.h5");
    const failing = exportKiteHdf5(db(), {
      out: target, exchanges: ["NSE"], now: NOW,
      onProgress: (p) => {
        if (p.datasetsDone === 2) throw new Error("disk full (simulated)");
      },
    });
    await expect(failing).rejects.toThrow("disk full (simulated)");
    expect(readdirSync(out).sort()).toEqual(["DERIVATIVES.h5", "EQUITY.h5"]);
    writeFileSync(target, "an old export");
    const replaced = await exportKiteHdf5(db(), { out: target, exchanges: ["BSE"], overwrite: true, now: NOW });
    expect([...(await readKiteFile(target)).datasets.keys()]).toEqual(["/data/BSE/M_M/15minute", "/data/BSE/M_M/5minute", "/data/BSE/M_M/day"]);
    expect([replaced.rows, existsSync(`${target}.partial`)]).toEqual([505, false]);
  });

  it("removes the partial file an export killed mid-write left (its process gone), and keeps a running one's", async () => {
    const dir = join(out, "killed");
    mkdirSync(dir);
    // 2^31 − 2 is above any Linux pid_max: no process has it. The parent of this test process runs.
    const [stale, running] = [`.EQUITY.h5.${2 ** 31 - 2}.partial`, `.EQUITY.h5.${process.ppid}.partial`];
    for (const name of [stale, running]) writeFileSync(join(dir, name), "half an export");
    await exportKiteHdf5(db(), { out: join(dir, "EQUITY.h5"), exchanges: ["BSE"], now: NOW });
    expect(readdirSync(dir).sort()).toEqual([running, "EQUITY.h5"].sort());
  });

  it("writes bars another loader stored as near as a record allows, and counts what it changed", async () => {
    await db().query("INSERT INTO tickers (ticker, region, currency) VALUES ('ODD', 'NSE', 'INR')");
    await db().query(
      `INSERT INTO ohlcv_intraday (ticker, region, timeframe, bar_start, open, high, low, close, volume, open_interest, source)
       VALUES ('ODD', 'NSE', '5m', '2025-10-15 03:45:00.5+00', 100.1, 101, 99, 100, 10, 7, 'test')`,
    );
    await db().query(
      `INSERT INTO ohlcv_data (ticker, region, timeframe, date, open, high, low, close, volume, open_interest, source, price_basis)
       VALUES ('ODD', 'NSE', '1d', '2025-10-15', NULL, 101, 99, 100, 1.5, NULL, 'test', 'split')`,
    );
    const odd = await exportKiteHdf5(db(), { out: join(dir, "odd.h5"), symbols: ["ODD"], now: NOW });
    expect(odd.notes).toEqual({
      "/data/NSE/ODD/5minute": { startNotWholeSecond: 1, priceNotFloat32: 1, openInterestDropped: 1 },
      "/data/NSE/ODD/day": { priceMissing: 1, volumeNotWhole: 1 },
    });
    const read = await readKiteFile(odd.out);
    const bar = new RecordView(read.datasets.get("/data/NSE/ODD/5minute")!.bytes, 32);
    expect([bar.timestamp(0), bar.open(0), bar.high(0), bar.volume(0)]).toEqual([Date.parse("2025-10-15T03:45:00Z") / 1000, Math.fround(100.1), 101, 10]);
    const day = new RecordView(read.datasets.get("/data/NSE/ODD/day")!.bytes, 32);
    expect([day.timestamp(0), day.open(0), day.close(0), day.volume(0)]).toEqual([exchangeMidnight("2025-10-15"), Number.NaN, 100, 2]);
  });
});
