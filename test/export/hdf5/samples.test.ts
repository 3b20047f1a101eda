/**
 * Export of the h5py-written samples (test/fixtures/kite_hdf5: Blosc-LZ4 and gzip datasets in one
 * file) on each engine: every dataset the import loaded comes back with exactly the record bytes and
 * the attributes kite_app wrote (the time written aside); the dataset with impossible bars without
 * them, with its checksum recomputed; the empty and the bad-checksum datasets absent. h5py reads the
 * export: every dataset's values hash to its checksum, compression gzip 4 with shuffle.
 */
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { exportKiteHdf5, type KiteHdf5ExportReport } from "../../../src/export/hdf5/index.ts";
import { migrateFromHdf5 } from "../../../src/ingest/hdf5/index.ts";
import { recordChecksum } from "../../../src/kite/records.ts";
import { describeEachEngine } from "../../engines.ts";
import { h5pyDataset, h5pyDescribe } from "../../hdf5/h5py.ts";
import { scratchDir } from "../../ingest/sqlite/targets.ts";
import { readKiteFile, withoutRecords } from "./kite-file.ts";

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/kite_hdf5/${name}`, import.meta.url));
const NOW = new Date("2025-11-03T04:05:06.789Z");
const NOW_TEXT = "2025-11-03T09:35:06.789000";
const PARTIAL = "/data/NSE/BAJAJ_AUTO/60minute";

describeEachEngine("kite_app export of the h5py samples", (db) => {
  const dir = scratchDir("export-samples-");
  const reports: Record<"EQUITY" | "DERIVATIVES", KiteHdf5ExportReport> = {} as never;

  beforeAll(async () => {
    for (const segment of ["EQUITY", "DERIVATIVES"] as const) await migrateFromHdf5({ source: fixture(`${segment}.h5`), database: db() });
    reports.EQUITY = await exportKiteHdf5(db(), { out: join(dir, "EQUITY.h5"), exchanges: ["NSE", "BSE"], now: NOW });
    reports.DERIVATIVES = await exportKiteHdf5(db(), { out: join(dir, "DERIVATIVES.h5"), exchanges: ["NFO", "BFO"], now: NOW });
  });

  it("gives back kite_app's record bytes and attributes for every dataset loaded", async () => {
    for (const segment of ["EQUITY", "DERIVATIVES"] as const) {
      const source = await readKiteFile(fixture(`${segment}.h5`));
      const exported = await readKiteFile(reports[segment].out);
      const absent = ["/data/BSE/RELIANCE/60minute", "/data/NSE/RELIANCE/15minute"];
      expect([...exported.datasets.keys()]).toEqual([...source.datasets.keys()].filter((p) => !absent.includes(p)));
      for (const [path, got] of exported.datasets) {
        if (path === PARTIAL) continue;
        const want = source.datasets.get(path)!;
        expect(Buffer.from(got.bytes).equals(Buffer.from(want.bytes)), path).toBe(true);
        expect(got.attrs, path).toEqual({ ...want.attrs, updated_at: NOW_TEXT });
      }
      expect(exported.attrs).toEqual({ ...source.attrs, created_at: NOW_TEXT, last_updated: NOW_TEXT, compression: "gzip", compression_level: 4n });
    }
    expect([reports.EQUITY.rows, reports.DERIVATIVES.rows]).toEqual([4030 - 2, 5274]);
  });

  it("writes the dataset with impossible bars without them, its checksum and counts recomputed", async () => {
    const source = (await readKiteFile(fixture("EQUITY.h5"))).datasets.get(PARTIAL)!;
    const got = (await readKiteFile(reports.EQUITY.out)).datasets.get(PARTIAL)!;
    const want = withoutRecords(source.bytes, "EQUITY", [15, 29]);
    expect(Buffer.from(got.bytes).equals(Buffer.from(want))).toBe(true);
    expect(got.attrs).toEqual({ ...source.attrs, updated_at: NOW_TEXT, row_count: 40n, checksum: recordChecksum(want) });
  });

  it("is read by h5py: values hashing to each checksum, gzip 4 with shuffle, the samples' dtype", () => {
    for (const segment of ["EQUITY", "DERIVATIVES"] as const) {
      const file = h5pyDescribe(reports[segment].out);
      expect([file.attrs.segment, file.attrs.format, file.attrs.compression]).toEqual([segment, `kite_${segment.toLowerCase()}_v1`, "gzip"]);
      const size = segment === "EQUITY" ? 32 : 40;
      for (const d of reports[segment].datasets) {
        const got = h5pyDataset(file, `/data/${d.exchange}/${d.symbol}/${d.interval}`);
        expect([got.sha256, got.attrs.checksum, got.rows, got.filters], `${d.exchange}/${d.symbol}/${d.interval}`).toEqual([d.checksum, d.checksum, d.rows, { shuffle: [size], gzip: 4 }]);
      }
    }
    const nifty = h5pyDataset(h5pyDescribe(reports.DERIVATIVES.out), "/data/NFO/NIFTY25OCT24950CE/minute");
    expect([nifty.dtype.length, nifty.chunks, nifty.rows]).toEqual([7, [500], reports.DERIVATIVES.datasets.find((d) => d.symbol === "NIFTY25OCT24950CE" && d.interval === "minute")!.rows]);
  });
});
