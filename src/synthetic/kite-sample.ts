/**
 * Seeded files in kite_app's HDF5 layout (src/kite/layout.ts), for tests and benchmarks: a segment file
 * (EQUITY.h5 or DERIVATIVES.h5) and an instruments.h5, written by src/hdf5/writer.ts.
 *
 * A segment file holds `/data/{EXCHANGE}/{SYMBOL}/{interval}` for each instrument and interval, the
 * symbol mangled from the trading symbol as kite_app does (`M&M` → `M_M`), bars from kite-bars.ts,
 * every documented root and dataset attribute with a correct checksum, empty `/instruments/{EXCHANGE}`
 * groups, and gzip level 4 with shuffle (kite_app's older files; Blosc cannot be written here, the h5py
 * samples under test/fixtures/kite_hdf5 have it). Problems of real files on request: `empty` datasets
 * (no rows, attributes present, resizable as kite_app leaves them), `edits` applied before the
 * checksum is taken (a NaN close, a negative volume: data kite_app stored), and `badChecksum`
 * datasets whose first close changes after it (what kite_app's reader refuses).
 */
import { Hdf5Writer, deflateFilter, shuffleFilter, type Attributes } from "../hdf5/writer.ts";
import { pathSymbol, type KiteExchange, type KiteSegment } from "../kite/instruments.ts";
import type { KiteInterval } from "../kite/intervals.ts";
import { CHUNK_ROWS, datasetAttributes, datasetPath, rootAttributes } from "../kite/layout.ts";
import { encodeRecords, RECORD_TYPES, type KiteRecord } from "../kite/records.ts";
import { INSTRUMENT_LIST_COLUMNS } from "../kite/instrument-list.ts";
import { barsOf, minuteBars } from "./kite-bars.ts";
import { weekdaysFrom } from "./calendar.ts";
import { mulberry32 } from "./random.ts";

export interface KiteSampleInstrument {
  exchange: KiteExchange;
  tradingSymbol: string;
  /** Volume 0 throughout (Kite's indices). */
  index?: boolean;
}

export const DEFAULT_KITE_INSTRUMENTS: Readonly<Record<KiteSegment, readonly KiteSampleInstrument[]>> = {
  EQUITY: [
    { exchange: "NSE", tradingSymbol: "M&M" },
    { exchange: "NSE", tradingSymbol: "BAJAJ-AUTO" },
    { exchange: "NSE", tradingSymbol: "NIFTY 50", index: true },
    { exchange: "BSE", tradingSymbol: "M&M" },
  ],
  DERIVATIVES: [
    { exchange: "NFO", tradingSymbol: "NIFTY25OCTFUT" },
    { exchange: "NFO", tradingSymbol: "M&M25OCTFUT" },
    { exchange: "BFO", tradingSymbol: "SENSEX25OCT82000CE" },
  ],
};

export const DEFAULT_KITE_INTERVALS: Readonly<Record<KiteSegment, readonly KiteInterval[]>> = {
  EQUITY: ["day", "60minute", "15minute", "5minute"],
  DERIVATIVES: ["day", "60minute", "15minute", "5minute", "minute"],
};

export interface KiteSampleOptions {
  segment: KiteSegment;
  instruments?: readonly KiteSampleInstrument[];
  intervals?: readonly KiteInterval[];
  /** Trading days (weekdays) from `firstDay` (default 5 from 2025-10-15). */
  sessions?: number;
  firstDay?: string;
  seed?: number;
  /** gzip 4 with shuffle (default), or stored unfiltered. */
  compression?: "gzip" | "none";
  /** Dataset paths written with no rows. */
  empty?: readonly string[];
  /** Record values set before the checksum is taken. */
  edits?: readonly { path: string; row: number; field: keyof KiteRecord; value: number }[];
  /** Dataset paths whose first close changes after the checksum is taken. */
  badChecksum?: readonly string[];
  /** kite_app's naive local time of the file and its datasets (default 2025-10-24T16:07:31.884215). */
  updatedAt?: string;
}

export interface KiteSampleDataset {
  path: string;
  exchange: KiteExchange;
  symbol: string;
  interval: KiteInterval;
  /** The records as stored, edits and bad checksums included. */
  records: KiteRecord[];
}

export interface KiteSample {
  path: string;
  datasets: KiteSampleDataset[];
  rows: number;
}

const UPDATED_AT = "2025-10-24T16:07:31.884215";

export function generateKiteFile(path: string, options: KiteSampleOptions): KiteSample {
  const { segment } = options;
  const uniform = mulberry32(options.seed ?? 14);
  const days = weekdaysFrom(options.firstDay ?? "2025-10-15", options.sessions ?? 5);
  const updatedAt = options.updatedAt ?? UPDATED_AT;
  const compression = options.compression ?? "gzip";
  const writer = new Hdf5Writer();
  writer.group("/", rootAttributes(segment, { createdAt: "2025-08-30T11:42:07.512331", lastUpdated: updatedAt, compression: compression === "gzip" ? "gzip" : "none", compressionLevel: 4 }));
  const datasets: KiteSampleDataset[] = [];
  for (const instrument of options.instruments ?? DEFAULT_KITE_INSTRUMENTS[segment]) {
    const { exchange } = instrument;
    writer.group(`/instruments/${exchange}`);
    const symbol = pathSymbol(instrument.tradingSymbol);
    const sessions = minuteBars(uniform, { days, startPrice: 100 + Math.round(uniform() * 2900), index: instrument.index, openInterest: segment === "DERIVATIVES" });
    for (const interval of options.intervals ?? DEFAULT_KITE_INTERVALS[segment]) {
      const dataset = datasetPath(exchange, symbol, interval);
      const records = options.empty?.includes(dataset) ? [] : barsOf(interval, days, sessions);
      for (const e of options.edits ?? []) if (e.path === dataset) records[e.row] = { ...records[e.row], [e.field]: e.value };
      const bytes = encodeRecords(records, segment);
      const attrs: Attributes = datasetAttributes(bytes, records.length, records[0]?.timestamp, records.at(-1)?.timestamp, updatedAt);
      if (options.badChecksum?.includes(dataset)) {
        records[0] = { ...records[0], close: records[0].close + 0.05 };
        bytes.set(encodeRecords([records[0]], segment), 0);
      }
      const type = RECORD_TYPES[segment];
      writer.dataset(dataset, {
        type,
        data: bytes,
        chunkRows: records.length === 0 ? CHUNK_ROWS[interval] : Math.min(CHUNK_ROWS[interval], records.length),
        resizable: records.length === 0,
        filters: compression === "gzip" ? [shuffleFilter(type.size), deflateFilter(4)] : [],
        attrs,
      });
      datasets.push({ path: dataset, exchange, symbol, interval, records });
    }
  }
  writer.write(path);
  return { path, datasets, rows: datasets.reduce((n, d) => n + d.records.length, 0) };
}

/** One row of Kite's instrument list, by its CSV column names. */
export type InstrumentListRow = Partial<Record<(typeof INSTRUMENT_LIST_COLUMNS)[number], string | number>>;

const csvCell = (v: string | number | undefined) => {
  const text = v === undefined ? "" : String(v);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** instruments.h5: per exchange a group with its list as gzip-9 `S1` bytes of the CSV (and its attributes). */
export function generateInstrumentFile(path: string, lists: Readonly<Partial<Record<KiteExchange, readonly InstrumentListRow[]>>>, lastUpdated = "2025-10-24T08:52:13.418207"): void {
  const writer = new Hdf5Writer();
  for (const [exchange, rows] of Object.entries(lists)) {
    const csv = [INSTRUMENT_LIST_COLUMNS.join(","), ...rows.map((r) => INSTRUMENT_LIST_COLUMNS.map((c) => csvCell(r[c])).join(","))].join("\n") + "\n";
    const bytes = new TextEncoder().encode(csv);
    writer.group(`/${exchange}`, { exchange, last_updated: lastUpdated, record_count: BigInt(rows.length) });
    writer.dataset(`/${exchange}/data`, { type: { class: "string", size: 1 }, data: bytes, chunkRows: bytes.length, filters: [deflateFilter(9)] });
  }
  writer.write(path);
}
