/**
 * h5py (the library kite_app runs on; test/hdf5/h5py.ts) reads what this platform's HDF5 writer
 * writes: every attribute kind, compound records through shuffle + gzip, chunk B-trees of one to
 * three levels, unfiltered, empty resizable and `S1` datasets, more strings than one global heap
 * collection holds, the generator's kite_app files; and h5py can change such a file read-write as
 * kite_app's writer does, after which both h5py and h5wasm read it.
 */
import { createHash } from "node:crypto";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { attributesOf, datasetBytes, datasetText, openHdf5, type Dataset } from "../../src/hdf5/read.ts";
import { deflateFilter, Hdf5Writer, shuffleFilter } from "../../src/hdf5/writer.ts";
import { encodeRecords, RECORD_TYPES, recordChecksum } from "../../src/kite/records.ts";
import { generateInstrumentFile, generateKiteFile, type KiteSample } from "../../src/synthetic/kite-sample.ts";
import { scratchDir } from "../ingest/sqlite/targets.ts";
import { h5pyDataset, h5pyDescribe, type H5pyFile } from "./h5py.ts";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const dir = scratchDir("hdf5-h5py-");

const EQUITY_DTYPE = [["timestamp", "<i8"], ["open", "<f4"], ["high", "<f4"], ["low", "<f4"], ["close", "<f4"], ["volume", "<i8"]];
const DERIVATIVES_DTYPE = [...EQUITY_DTYPE, ["oi", "<i8"]];

describe("h5py reads what Hdf5Writer writes", () => {
  const path = join(dir, "writer.h5");
  const rows = 10_000;
  const prices = (i: number) => ({ open: 100 + i / 4, high: 101 + i / 4, low: 102 + i / 4, close: 103 + i / 4 });
  const records = encodeRecords(Array.from({ length: rows }, (_, i) => ({ timestamp: 1_760_499_900 + 60 * i, ...prices(i), volume: i * 7 - 3 })), "EQUITY");
  const csv = new TextEncoder().encode('a,b\n"x, y",2\n');
  // 1,100 groups × 64 distinct strings: more objects than one global heap collection indexes (65,535).
  const many = Array.from({ length: 1_100 }, (_, g) => Object.fromEntries(Array.from({ length: 64 }, (_, k) => [`k${k}`, `v${g}-${k}`])));
  let h5py: H5pyFile;

  beforeAll(() => {
    const w = new Hdf5Writer();
    w.group("/", { text: "EQUITY", empty: "", unicode: "₹ 1,00,000", count: 314_572_800n, negative: -5n, ratio: 1.5 });
    w.group("/instruments/NSE");
    w.dataset("/data/NSE/M_M/minute", { type: RECORD_TYPES.EQUITY, data: records, chunkRows: 100, filters: [shuffleFilter(32), deflateFilter(4)], attrs: { row_count: BigInt(rows) } });
    w.dataset("/data/NSE/M_M/day", { type: RECORD_TYPES.EQUITY, data: records.subarray(0, 5 * 32), chunkRows: 2 });
    w.dataset("/data/BSE/X/60minute", { type: RECORD_TYPES.EQUITY, data: new Uint8Array(0), chunkRows: 2000, resizable: true, filters: [shuffleFilter(32), deflateFilter(4)] });
    // 5,000 chunks: a chunk B-tree of three levels (64 × 64 = 4,096 chunks fit in two).
    w.dataset("/big/resizable", { type: RECORD_TYPES.EQUITY, data: records, chunkRows: 2, resizable: true });
    w.dataset("/NSE/data", { type: { class: "string", size: 1 }, data: csv, chunkRows: csv.length, filters: [deflateFilter(9)] });
    many.forEach((attrs, g) => w.group(`/many/g${g}`, attrs));
    w.write(path);
    h5py = h5pyDescribe(path);
  });

  it("reads every attribute kind", () => {
    expect(h5py.attrs).toEqual({ text: "EQUITY", empty: "", unicode: "₹ 1,00,000", count: 314_572_800, negative: -5, ratio: 1.5 });
    expect(h5pyDataset(h5py, "/data/NSE/M_M/minute").attrs).toEqual({ row_count: 10_000 });
    expect(h5py.nodes["/instruments/NSE"]).toEqual({ kind: "group", attrs: {} });
  });

  it("reads compound records through shuffle and gzip over a two-level chunk B-tree", () => {
    const d = h5pyDataset(h5py, "/data/NSE/M_M/minute");
    expect({ ...d, attrs: undefined }).toEqual({
      kind: "dataset", attrs: undefined, dtype: EQUITY_DTYPE, shape: [10_000], maxshape: [10_000], chunks: [100], filters: { shuffle: [32], gzip: 4 }, rows: 10_000,
      sha256: sha256(records), first: [1_760_499_900, 100, 101, 102, 103, -3], last: [1_760_499_900 + 599_940, 2599.75, 2600.75, 2601.75, 2602.75, 69_990],
    });
  });

  it("reads an unfiltered padded chunk, an empty resizable dataset, a three-level B-tree and S1 text", () => {
    const day = h5pyDataset(h5py, "/data/NSE/M_M/day");
    expect([day.chunks, day.filters, day.rows, day.sha256]).toEqual([[2], {}, 5, sha256(records.subarray(0, 160))]);
    const empty = h5pyDataset(h5py, "/data/BSE/X/60minute");
    expect([empty.shape, empty.maxshape, empty.chunks, empty.filters, empty.first, empty.sha256]).toEqual([[0], [null], [2000], { shuffle: [32], gzip: 4 }, null, sha256(new Uint8Array())]);
    const big = h5pyDataset(h5py, "/big/resizable");
    expect([big.maxshape, big.chunks, big.rows, big.sha256]).toEqual([[null], [2], 10_000, sha256(records)]);
    const text = h5pyDataset(h5py, "/NSE/data");
    expect([text.dtype, text.filters, text.rows, text.sha256, text.first]).toEqual(["|S1", { gzip: 9 }, csv.length, sha256(csv), "a"]);
  });

  it("reads 70,400 distinct strings from two global heap collections", () => {
    const read = many.map((_, g) => h5py.nodes[`/many/g${g}`]?.attrs);
    expect(read).toEqual(many);
  });
});

describe("h5py reads the generator's kite_app files", () => {
  let equity: KiteSample;
  let derivatives: KiteSample;
  let read: { equity: H5pyFile; derivatives: H5pyFile; instruments: H5pyFile };
  const instruments = join(dir, "instruments.h5");

  beforeAll(() => {
    equity = generateKiteFile(join(dir, "EQUITY.h5"), { segment: "EQUITY", empty: ["/data/BSE/M_M/60minute"] });
    derivatives = generateKiteFile(join(dir, "DERIVATIVES.h5"), { segment: "DERIVATIVES" });
    generateInstrumentFile(instruments, { NSE: [{ instrument_token: 519937, tradingsymbol: "M&M", name: "MAHINDRA & MAHINDRA, LTD.", exchange: "NSE" }] });
    read = { equity: h5pyDescribe(equity.path), derivatives: h5pyDescribe(derivatives.path), instruments: h5pyDescribe(instruments) };
  });

  it("finds every dataset with kite_app's dtype, its records and a checksum that matches them", () => {
    for (const [sample, file, segment, dtype] of [[equity, read.equity, "EQUITY", EQUITY_DTYPE], [derivatives, read.derivatives, "DERIVATIVES", DERIVATIVES_DTYPE]] as const) {
      expect(Object.values(file.nodes).filter((n) => n.kind === "dataset").length).toBe(sample.datasets.length);
      for (const d of sample.datasets) {
        const got = h5pyDataset(file, d.path);
        const checksum = recordChecksum(encodeRecords(d.records, segment));
        expect([got.dtype, got.rows, got.sha256, got.attrs.checksum, got.attrs.row_count], d.path).toEqual([dtype, d.records.length, checksum, checksum, d.records.length]);
        expect(got.filters, d.path).toEqual({ shuffle: [RECORD_TYPES[segment].size], gzip: 4 });
      }
    }
    const empty = h5pyDataset(read.equity, "/data/BSE/M_M/60minute");
    expect([empty.rows, empty.maxshape, empty.attrs.start_date, empty.attrs.end_date]).toEqual([0, [null], "", ""]);
    const minute = h5pyDataset(read.derivatives, "/data/NFO/M_M25OCTFUT/minute");
    const r = derivatives.datasets.find((d) => d.path === "/data/NFO/M_M25OCTFUT/minute")!.records[0];
    expect([minute.chunks, minute.first]).toEqual([[500], [r.timestamp, r.open, r.high, r.low, r.close, r.volume, r.oi]]);
  });

  it("reads the root attributes and the instrument list's text", async () => {
    expect(read.derivatives.attrs).toEqual({
      db_version: "1.0", segment: "DERIVATIVES", created_at: "2025-08-30T11:42:07.512331", last_updated: "2025-10-24T16:07:31.884215",
      format: "kite_derivatives_v1", compression: "gzip", compression_level: 4, hdf5_cache_size: 314_572_800,
    });
    const h5 = await openHdf5(instruments, "instruments.h5");
    try {
      const text = datasetText(h5.file.get("/NSE/data") as Dataset);
      expect(text).toContain('519937,,M&M,"MAHINDRA & MAHINDRA, LTD.",,,,,,,,NSE');
      expect(h5pyDataset(read.instruments, "/NSE/data").sha256).toBe(sha256(new TextEncoder().encode(text)));
      expect(read.instruments.nodes["/NSE"].attrs).toEqual({ exchange: "NSE", last_updated: "2025-10-24T08:52:13.418207", record_count: 1 });
    } finally {
      h5.close();
    }
  });

  it("lets h5py rewrite a dataset, attributes and groups, after which h5py and h5wasm read the file", async () => {
    const path = join(dir, "EQUITY-modified.h5");
    copyFileSync(equity.path, path);
    const after = h5pyDescribe(path, { modify: true });
    const rewritten = h5pyDataset(after, "/data/BSE/M_M/15minute");
    const before = h5pyDataset(read.equity, "/data/BSE/M_M/15minute");
    expect([rewritten.sha256, rewritten.attrs]).toEqual([before.sha256, { ...before.attrs, rewritten_by: "h5py" }]);
    expect([after.attrs.last_updated, after.nodes["/added/by/h5py"]?.kind]).toEqual(["2030-01-01T00:00:00.000000", "group"]);
    const h5 = await openHdf5(path, "the modified file");
    try {
      for (const d of equity.datasets) {
        const dataset = h5.file.get(d.path) as Dataset;
        expect(recordChecksum(datasetBytes(dataset)), d.path).toBe(attributesOf(dataset).checksum);
      }
    } finally {
      h5.close();
    }
  });
});
