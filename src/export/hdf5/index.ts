/**
 * `exportKiteHdf5()`: bars of the store written back as a kite_app segment file (EQUITY.h5 or
 * DERIVATIVES.h5) that kite_app and h5py read, src/kite/layout.ts:
 *
 * - `/data/{EXCHANGE}/{SYMBOL}/{interval}`: one dataset of packed little-endian records per symbol ×
 *   interval with bars (dataset-records.ts), chunks of `min(kite_app's chunk length, rows)`, shuffle +
 *   gzip level 4 (HDF5 filters 2 and 1, what kite_app wrote before it moved to Blosc; every HDF5
 *   build reads it, none needs a plugin), fixed size as kite_app leaves a written dataset; its
 *   attributes: first and last stamp, row count, SHA-256 checksum of the records, kite_app's constants,
 *   and `updated_at` = the export's time.
 * - `/instruments/{EXCHANGE}`: the segment's empty groups, as in kite_app's files.
 * - Root attributes: `segment`, `format` kite_{segment}_v1, `compression` gzip, `compression_level` 4,
 *   `created_at` and `last_updated` = the export's time (kite_app's naive IST wall time).
 * Which datasets, and the one-segment rule: selection.ts. A round trip (migrateFromHdf5, then this)
 * gives every loaded record back byte for byte, and so its checksum; rejected bars are absent, as
 * are empty datasets, and a day bar kite_app stamped off IST midnight comes back at midnight.
 *
 * Nothing is half-written: the options and the selection are checked first (one InputError line);
 * the file is written under a temporary name beside `out` (`.NAME.PID.partial`) and renamed to `out`
 * only when complete, and deleted after a failure; one left by an export killed mid-write (its process
 * gone) is removed by the next export to the same name. The bars are read in one REPEATABLE READ, READ
 * ONLY transaction, so the file is one consistent snapshot even while loads run. One dataset is in
 * memory at a time (src/hdf5/sink.ts).
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { Session } from "../../db/index.ts";
import { InputError } from "../../errors.ts";
import { FileSink } from "../../hdf5/sink.ts";
import { deflateFilter, Hdf5Writer, shuffleFilter } from "../../hdf5/writer.ts";
import { KITE_EXCHANGES, SEGMENT_OF, type KiteExchange, type KiteSegment } from "../../kite/instruments.ts";
import type { KiteInterval } from "../../kite/intervals.ts";
import { CHUNK_ROWS, datasetAttributes, rootAttributes } from "../../kite/layout.ts";
import { RECORD_TYPES } from "../../kite/records.ts";
import { istNaiveTime } from "../../kite/time.ts";
import { readDatasetRecords } from "./dataset-records.ts";
import { planExport, type ExportSelection } from "./selection.ts";

/** kite_app's gzip level (its files before Blosc). */
export const GZIP_LEVEL = 4;

export interface ExportKiteHdf5Options extends ExportSelection {
  /** The file to write (EQUITY.h5, DERIVATIVES.h5). */
  out: string;
  /** Replace `out` when it exists (default: refuse). */
  overwrite?: boolean;
  /** Called after each dataset is written. */
  onProgress?: (progress: ExportProgress) => void;
  /** The export's time, written as `created_at`, `last_updated` and each `updated_at` (default: now). */
  now?: Date;
}

export interface ExportProgress {
  /** The dataset just written. */
  path: string;
  datasetsDone: number;
  datasets: number;
  rowsDone: number;
  seconds: number;
}

export interface ExportedDataset {
  exchange: KiteExchange;
  symbol: string;
  interval: KiteInterval;
  rows: number;
  /** The `checksum` attribute: SHA-256 of the records. */
  checksum: string;
}

export interface KiteHdf5ExportReport {
  /** Absolute path of the file written. */
  out: string;
  segment: KiteSegment;
  datasets: ExportedDataset[];
  rows: number;
  /** Size of the file. */
  bytes: number;
  seconds: number;
  /** Values a record could not hold exactly, per dataset path and condition (dataset-records.ts); empty for bars kite_app loaded. */
  notes: Record<string, Record<string, number>>;
}

/** The absolute path to write, or an InputError: a directory that exists, a file only with `overwrite`. */
function checkOut(out: string, overwrite: boolean): string {
  if (out.trim() === "") throw new InputError("--out FILE.h5 is required; see --help");
  const path = resolve(out);
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`--out ${out}: directory ${dir} does not exist`);
  if (existsSync(path)) {
    if (statSync(path).isDirectory()) throw new InputError(`--out ${out} is a directory; name the file to write (e.g. ${join(out, "EQUITY.h5")})`);
    if (!overwrite) throw new InputError(`--out ${out} exists; choose another name or pass --overwrite to replace it`);
  }
  return path;
}

/** Remove `.NAME.PID.partial` files of exports to `out` whose process no longer runs (killed mid-write). */
function removeStalePartials(out: string): void {
  const prefix = `.${basename(out)}.`;
  for (const name of readdirSync(dirname(out))) {
    if (!name.startsWith(prefix) || !name.endsWith(".partial")) continue;
    const pid = Number(name.slice(prefix.length, -".partial".length));
    if (Number.isInteger(pid) && pid > 0 && !processRuns(pid)) rmSync(join(dirname(out), name), { force: true });
  }
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // it runs, as another user
  }
}

export async function exportKiteHdf5(database: Session, options: ExportKiteHdf5Options): Promise<KiteHdf5ExportReport> {
  const started = performance.now();
  const out = checkOut(options.out, options.overwrite ?? false);
  removeStalePartials(out);
  const now = istNaiveTime(options.now ?? new Date());
  return database.transaction(async (tx) => {
    await tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    const plan = await planExport(tx, options);
    const type = RECORD_TYPES[plan.segment];
    const partial = join(dirname(out), `.${basename(out)}.${process.pid}.partial`);
    const sink = new FileSink(partial);
    const datasets: ExportedDataset[] = [];
    const notes: Record<string, Record<string, number>> = {};
    let rows = 0;
    try {
      const writer = new Hdf5Writer(sink);
      writer.group("/", rootAttributes(plan.segment, { createdAt: now, lastUpdated: now, compression: "gzip", compressionLevel: GZIP_LEVEL }));
      for (const exchange of KITE_EXCHANGES.filter((e) => SEGMENT_OF[e] === plan.segment)) writer.group(`/instruments/${exchange}`);
      for (const d of plan.datasets) {
        const records = await readDatasetRecords(tx, d, plan.bounds);
        const attrs = datasetAttributes(records.bytes, records.rows, records.first, records.last, now);
        writer.dataset(d.path, {
          type,
          data: records.bytes,
          chunkRows: Math.min(CHUNK_ROWS[d.interval], records.rows),
          filters: [shuffleFilter(type.size), deflateFilter(GZIP_LEVEL)],
          attrs,
        });
        datasets.push({ exchange: d.exchange, symbol: d.symbol, interval: d.interval, rows: records.rows, checksum: attrs.checksum as string });
        if (Object.keys(records.notes).length > 0) notes[d.path] = records.notes;
        rows += records.rows;
        options.onProgress?.({ path: d.path, datasetsDone: datasets.length, datasets: plan.datasets.length, rowsDone: rows, seconds: (performance.now() - started) / 1000 });
      }
      writer.finish();
      renameSync(partial, out);
    } catch (err) {
      sink.abort();
      rmSync(partial, { force: true });
      throw err;
    }
    return { out, segment: plan.segment, datasets, rows, bytes: statSync(out).size, seconds: (performance.now() - started) / 1000, notes };
  });
}
