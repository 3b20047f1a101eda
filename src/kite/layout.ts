/**
 * kite_app's HDF5 layout (one file per segment): bars at `/data/{EXCHANGE}/{SYMBOL}/{interval}`, each a
 * one-dimensional dataset of records (records.ts); empty groups `/instruments/{EXCHANGE}`; the root
 * and dataset attributes below. Strings are h5py `str` (variable-length UTF-8), counts int64.
 */
import type { Attributes } from "../hdf5/writer.ts";
import type { KiteExchange, KiteSegment } from "./instruments.ts";
import type { KiteInterval } from "./intervals.ts";
import { recordChecksum } from "./records.ts";

export const DATA_ROOT = "/data";

export function datasetPath(exchange: KiteExchange, symbol: string, interval: KiteInterval): string {
  return `${DATA_ROOT}/${exchange}/${symbol}/${interval}`;
}

/** kite_app's chunk length by interval (a dataset's chunk is `min(this, rows)`). */
export const CHUNK_ROWS: Readonly<Record<KiteInterval, number>> = {
  minute: 500,
  "3minute": 1000,
  "5minute": 1000,
  "10minute": 1000,
  "15minute": 1000,
  "30minute": 1000,
  "60minute": 2000,
  day: 5000,
};

/** The root attributes of a segment file; times are kite_app's naive local ISO text. */
export function rootAttributes(segment: KiteSegment, o: { createdAt: string; lastUpdated: string; compression: string; compressionLevel: number }): Attributes {
  return {
    db_version: "1.0",
    segment,
    created_at: o.createdAt,
    last_updated: o.lastUpdated,
    format: `kite_${segment.toLowerCase()}_v1`,
    compression: o.compression,
    compression_level: BigInt(o.compressionLevel),
    hdf5_cache_size: 314_572_800n,
  };
}

/**
 * A dataset's attributes for its record bytes: first and last bar stamps as text of epoch seconds
 * (empty for an empty dataset), the row count, the SHA-256 checksum, and kite_app's constants.
 */
export function datasetAttributes(bytes: Uint8Array, rows: number, first: number | undefined, last: number | undefined, updatedAt: string): Attributes {
  return {
    start_date: first === undefined ? "" : String(first),
    end_date: last === undefined ? "" : String(last),
    row_count: BigInt(rows),
    updated_at: updatedAt,
    source: "kite_connect_api",
    api_version: "v3",
    schema_version: "1.0",
    checksum: recordChecksum(bytes),
    checksum_algorithm: "sha256",
  };
}
