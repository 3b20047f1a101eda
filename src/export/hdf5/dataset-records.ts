/**
 * One dataset's bars read back as kite_app's records (src/kite/records.ts), in time order, through
 * one binary COPY (src/db/copy-out.ts) of the bar-store's statement (src/repositories/bar-query.ts).
 *
 * - `timestamp`: an intraday bar's start in Unix seconds; a day bar's IST midnight (kite_app's stamp,
 *   18:30Z the day before). A day bar kite_app stamped elsewhere loaded on its IST date and comes back
 *   at that date's midnight.
 * - Prices as float32, volume and open interest as int64; `oi` only in DERIVATIVES records, 0 where
 *   the store has none.
 * What kite_app loaded comes back bit for bit. What another loader wrote may not fit the record; it
 * is written as near as the record allows and counted per condition: `priceNotFloat32` (rounded to
 * float32), `priceMissing` (a NULL open, high or low of a daily bar: NaN), `startNotWholeSecond`
 * (rounded down), `volumeNotWhole` / `openInterestNotWhole` (rounded), `openInterestMissing` (0) and
 * `openInterestDropped` (an equity record has no `oi`).
 */
import type { Session } from "../../db/index.ts";
import { BinaryCopyReader } from "../../db/copy-out.ts";
import { SEGMENT_OF } from "../../kite/instruments.ts";
import { RecordWriter } from "../../kite/records.ts";
import { IST_OFFSET_SECONDS } from "../../kite/time.ts";
import { barQuery } from "../../repositories/bar-query.ts";
import type { BarBounds } from "../../repositories/bar-range.ts";
import type { ExportDataset } from "./selection.ts";

export interface DatasetRecords {
  bytes: Uint8Array;
  rows: number;
  /** First and last `timestamp`; undefined when no bar is in the range. */
  first?: number;
  last?: number;
  /** Values the record could not hold exactly, per condition (absent when none). */
  notes: Record<string, number>;
}

const MICROS = 1_000_000;
/**
 * The fewest bytes a row of the COPY takes (field count, seven lengths, a date, close and volume;
 * the rest NULL): the stream's length over it bounds the rows, so records are written in one pass.
 */
const MIN_ROW_BYTES = 2 + 7 * 4 + 4 + 8 + 8;

export async function readDatasetRecords(session: Session, d: ExportDataset, bounds: BarBounds): Promise<DatasetRecords> {
  const { text, params } = barQuery(d.exchange, d.symbol, d.interval, bounds);
  const copy = await session.copyTo(text, params);
  const notes: Record<string, number> = {};
  const note = (condition: string) => void (notes[condition] = (notes[condition] ?? 0) + 1);
  const segment = SEGMENT_OF[d.exchange];
  const hasOi = segment === "DERIVATIVES";
  const records = new RecordWriter(segment, Math.floor(copy.length / MIN_ROW_BYTES));
  const reader = new BinaryCopyReader(copy);
  const day = d.interval === "day";
  const price = (p: number | null) => {
    if (p === null) {
      note("priceMissing");
      return NaN;
    }
    if (Math.fround(p) !== p && !Number.isNaN(p)) note("priceNotFloat32");
    return p;
  };
  const whole = (v: number, condition: string) => {
    if (Number.isInteger(v)) return v;
    note(condition);
    return Math.round(v);
  };
  let first: number | undefined;
  let last: number | undefined;
  let rows = 0;
  for (; reader.nextRow(); rows++) {
    let timestamp: number;
    if (day) {
      timestamp = reader.epochDay() * 86_400 - IST_OFFSET_SECONDS;
    } else {
      const micros = reader.epochMicros();
      if (micros % MICROS !== 0) note("startNotWholeSecond");
      timestamp = Math.floor(micros / MICROS);
    }
    const open = price(reader.nullableFloat8());
    const high = price(reader.nullableFloat8());
    const low = price(reader.nullableFloat8());
    const close = price(reader.float8());
    const volume = whole(reader.float8(), "volumeNotWhole");
    const storedOi = reader.nullableFloat8();
    let oi = 0;
    if (storedOi === null) {
      if (hasOi) note("openInterestMissing");
    } else if (hasOi) oi = whole(storedOi, "openInterestNotWhole");
    else note("openInterestDropped");
    records.set(rows, timestamp, open, high, low, close, volume, oi);
    first ??= timestamp;
    last = timestamp;
  }
  return { bytes: records.bytes.subarray(0, rows * records.size), rows, first, last, notes };
}
