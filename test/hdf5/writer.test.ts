/**
 * The HDF5 writer, judged by the HDF5 library itself (h5wasm: HDF5 1.14 compiled to WebAssembly): what
 * it writes opens, and reads back value for value — groups, every attribute kind, compound records
 * through shuffle + gzip across a two-level chunk B-tree, unfiltered, empty and `S1` datasets.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { attributesOf, datasetBytes, datasetText, nodeKind, openHdf5, type Dataset, type Group, type OpenedHdf5 } from "../../src/hdf5/read.ts";
import { lookup3 } from "../../src/hdf5/lookup3.ts";
import { FileSink } from "../../src/hdf5/sink.ts";
import { deflateFilter, Hdf5Writer, shuffleFilter } from "../../src/hdf5/writer.ts";
import { RECORD_TYPES } from "../../src/kite/records.ts";
import { scratchDir } from "../ingest/sqlite/targets.ts";

it("lookup3 gives Jenkins' published values", () => {
  expect(lookup3(new Uint8Array()).toString(16)).toBe("deadbeef");
  expect(lookup3(new TextEncoder().encode("Four score and seven years ago")).toString(16)).toBe("17770551");
});

describe("a file written by Hdf5Writer, read by the HDF5 library", () => {
  const path = join(scratchDir("hdf5-writer-"), "w.h5");
  const rows = 10_000;
  const records = new Uint8Array(rows * 32);
  const view = new DataView(records.buffer);
  for (let i = 0; i < rows; i++) {
    view.setBigInt64(i * 32, BigInt(1_760_499_900 + 60 * i), true);
    for (let k = 0; k < 4; k++) view.setFloat32(i * 32 + 8 + 4 * k, 100 + i / 3 + k, true);
    view.setBigInt64(i * 32 + 24, BigInt(i * 7), true);
  }
  let h5: OpenedHdf5;

  beforeAll(async () => {
    const w = new Hdf5Writer();
    w.group("/", { text: "EQUITY", empty: "", unicode: "₹ 1,00,000", count: 314_572_800n, negative: -5n, ratio: 1.5 });
    w.group("/instruments/NSE");
    // 100 chunks of 100 rows: more than one B-tree node (64 children) holds.
    w.dataset("/data/NSE/M_M/minute", { type: RECORD_TYPES.EQUITY, data: records, chunkRows: 100, filters: [shuffleFilter(32), deflateFilter(4)], attrs: { row_count: BigInt(rows), checksum: "abc" } });
    // 5 rows in chunks of 2: the last chunk is padded.
    w.dataset("/data/NSE/M_M/day", { type: RECORD_TYPES.EQUITY, data: records.subarray(0, 5 * 32), chunkRows: 2 });
    w.dataset("/data/BSE/X/60minute", { type: RECORD_TYPES.EQUITY, data: new Uint8Array(0), chunkRows: 2000, resizable: true, filters: [shuffleFilter(32), deflateFilter(4)] });
    const csv = new TextEncoder().encode('a,b\n"x, y",2\n');
    w.dataset("/NSE/data", { type: { class: "string", size: 1 }, data: csv, chunkRows: csv.length, filters: [deflateFilter(9)] });
    w.write(path);
    h5 = await openHdf5(path, "a test file");
    return () => h5.close();
  });

  it("holds the groups and datasets at their paths", () => {
    expect(h5.file.keys().sort()).toEqual(["NSE", "data", "instruments"]);
    expect(["/instruments/NSE", "/data/NSE/M_M", "/data/NSE/M_M/minute", "/NSE/data", "/nowhere"].map((p) => nodeKind(h5.file, p))).toEqual(["group", "group", "dataset", "dataset", undefined]);
  });

  it("reads every attribute kind back", () => {
    expect(attributesOf(h5.file)).toEqual({ text: "EQUITY", empty: "", unicode: "₹ 1,00,000", count: 314_572_800n, negative: -5n, ratio: 1.5 });
    expect(attributesOf(h5.file.get("/data/NSE/M_M/minute") as Dataset)).toEqual({ row_count: 10_000n, checksum: "abc" });
    expect(attributesOf(h5.file.get("/instruments/NSE") as Group)).toEqual({});
  });

  it("reads compound records back byte for byte through shuffle and gzip", () => {
    const d = h5.file.get("/data/NSE/M_M/minute") as Dataset;
    expect(d.filters.map((f) => [f.id, f.cd_values])).toEqual([[2, [32]], [1, [4]]]);
    expect(d.metadata.chunks).toEqual([100]);
    expect(Buffer.from(datasetBytes(d)).equals(Buffer.from(records))).toBe(true);
    expect(Buffer.from(datasetBytes(d, 9_950, 50)).equals(Buffer.from(records.subarray(9_950 * 32)))).toBe(true);
    const [first] = d.slice([[0, 1]]) as unknown[][];
    expect(first).toEqual([1_760_499_900n, 100, 101, 102, 103, 0n]);
  });

  it("reads an unfiltered dataset with a padded last chunk, an empty resizable one and S1 text", () => {
    expect(Buffer.from(datasetBytes(h5.file.get("/data/NSE/M_M/day") as Dataset)).equals(Buffer.from(records.subarray(0, 160)))).toBe(true);
    const empty = h5.file.get("/data/BSE/X/60minute") as Dataset;
    expect([empty.shape, empty.metadata.maxshape!.length, datasetBytes(empty).length]).toEqual([[0], 1, 0]);
    expect(datasetText(h5.file.get("/NSE/data") as Dataset)).toBe('a,b\n"x, y",2\n');
  });
});

describe("Hdf5Writer on a FileSink", () => {
  const dir = scratchDir("hdf5-file-sink-");
  // 6 MiB of records: more than the sink's 4 MiB buffer, through it and past it.
  const records = new Uint8Array(6 * 2 ** 20).map((_, i) => (i * 7919) % 251);
  const build = (w: Hdf5Writer) => {
    w.group("/", { segment: "EQUITY", n: 3n });
    w.dataset("/a/small", { type: RECORD_TYPES.EQUITY, data: records.subarray(0, 320), chunkRows: 4, filters: [shuffleFilter(32), deflateFilter(4)], attrs: { checksum: "x" } });
    w.dataset("/a/whole", { type: RECORD_TYPES.EQUITY, data: records, chunkRows: 196_608 });
    w.group("/instruments/NSE");
  };

  it("writes the same bytes as the writer in memory, one dataset held at a time", () => {
    const memory = new Hdf5Writer();
    build(memory);
    const path = join(dir, "streamed.h5");
    const streamed = new Hdf5Writer(new FileSink(path));
    build(streamed);
    streamed.finish();
    expect(Buffer.from(readFileSync(path)).equals(Buffer.from(memory.toBytes()))).toBe(true);
    expect(() => streamed.group("/late")).toThrow("HDF5 writer: the file is finished; cannot add /late");
  });

  it("abort() closes the file unfinished: the superblock is never written", () => {
    const path = join(dir, "aborted.h5");
    const sink = new FileSink(path);
    build(new Hdf5Writer(sink));
    sink.abort();
    const bytes = readFileSync(path);
    // The chunks written so far are there (the large dataset's bypassed the buffer); no superblock, no object header.
    expect(bytes.length).toBeGreaterThan(records.length);
    expect(bytes.subarray(0, 48).every((b) => b === 0)).toBe(true);
    expect(bytes.includes(Buffer.from("OHDR"))).toBe(false);
  });
});
