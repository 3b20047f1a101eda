/**
 * One kite_app dataset as a unit of the ingest core: its records, in row order, become bars — a
 * `day` dataset's in `ohlcv_data` (timeframe 1d), every other interval's in `ohlcv_intraday` — or
 * rejects. The unit is named by the dataset's path; its checkpoint is the number of rows committed.
 *
 * - Instrument: `(ticker, region)` = (path symbol, exchange), src/kite/instruments.ts.
 * - Intraday: `bar_start` = the record's timestamp (Unix seconds, UTC) exactly.
 * - Daily: `date` = the exchange (IST) date of the timestamp (kite_app stamps IST midnight, 18:30Z
 *   the day before); a stamp that is not IST midnight still loads on its IST date and is counted
 *   (`dayStampNotIstMidnight`). `price_basis` 'split' (Kite's candles are split- and bonus-adjusted,
 *   and kite_app rewrote a dataset when that changed), `fetched_at` = the dataset's `updated_at`.
 * - Prices are the float32 values exactly (as doubles); volume and open interest whole numbers; open
 *   interest only from DERIVATIVES records.
 * - Rejected, kept whole with the reason (`migration_rejects`, source_row_id = the 0-based row):
 *   a NaN or infinite price, a negative price, volume or open interest, a timestamp or count beyond
 *   2^53. Loaded and counted: a close or open outside [low, high] (`closeOutsideLowHigh`,
 *   `openOutsideLowHigh`) and a zero volume (`zeroVolume`).
 * - A timestamp repeated in a dataset merges, the later row winning, as a reload does.
 */
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { Reject, SourceBatch, SourceUnit } from "../core/batch.ts";
import { nonNegative, requiredNumber, RowReject } from "../core/values.ts";
import { instrumentOf } from "../../kite/instruments.ts";
import { timeframeOf } from "../../kite/intervals.ts";
import { RECORD_TYPES, RecordView } from "../../kite/records.ts";
import { exchangeDate, IST_OFFSET_SECONDS } from "../../kite/time.ts";
import type { KiteDataset } from "./source.ts";
import { ohlcvData, ohlcvIntraday, type IntradayTimeframe, type NewIntradayBar, type NewOhlcvBar } from "../../schema/index.ts";

export const SOURCE = "kite_app";

/** A dataset as a run records it (`migration_runs.options`): what a resume needs to read it again. */
export interface DatasetPlan extends Omit<KiteDataset, "filters"> {
  /** First and last bar stamps (Unix seconds); absent for an empty dataset. */
  first?: number;
  last?: number;
  /** The dataset's `updated_at` as timestamptz text (IST), or null. */
  updatedAt: string | null;
}

const PRICES = ["open", "high", "low", "close"] as const;

/** The reason a record cannot load, or undefined; field names as kite_app's record names them. */
function impossible(v: RecordView, i: number, hasOi: boolean): string | undefined {
  const at = v.offset(i);
  try {
    if (!v.safeInt64(at)) return `timestamp: ${v.int64Text(at)} is beyond 2^53 seconds`;
    for (const f of PRICES) nonNegative(requiredNumber(v[f](i), f), f);
    for (const [f, offset] of hasOi ? ([["volume", 24], ["oi", 32]] as const) : ([["volume", 24]] as const)) {
      if (!v.safeInt64(at + offset)) return `${f}: ${v.int64Text(at + offset)} is beyond 2^53`;
      nonNegative(f === "volume" ? v.volume(i) : v.oi(i), f);
    }
    return undefined;
  } catch (err) {
    if (err instanceof RowReject) return err.message;
    throw err;
  }
}

/** The record as jsonb keeps it: non-finite prices as text ("NaN"), 64-bit integers beyond 2^53 as text. */
function wholeRecord(v: RecordView, i: number, hasOi: boolean): Record<string, unknown> {
  const at = v.offset(i);
  const int = (offset: number, value: () => number) => (v.safeInt64(at + offset) ? value() : v.int64Text(at + offset));
  const price = (f: (typeof PRICES)[number]) => {
    const p = v[f](i);
    return Number.isFinite(p) ? p : String(p);
  };
  return {
    timestamp: int(0, () => v.timestamp(i)),
    open: price("open"),
    high: price("high"),
    low: price("low"),
    close: price("close"),
    volume: int(24, () => v.volume(i)),
    ...(hasOi ? { oi: int(32, () => v.oi(i)) } : {}),
  };
}

type RowOf = (v: RecordView, i: number) => Record<string, unknown>;

function rowBuilder(d: DatasetPlan, note: (condition: string) => void): RowOf {
  const { ticker, region } = instrumentOf(d.exchange, d.symbol);
  const hasOi = d.segment === "DERIVATIVES";
  const timeframe = timeframeOf(d.interval);
  if (timeframe === "1d") {
    return (v, i) => {
      const ts = v.timestamp(i);
      if ((ts + IST_OFFSET_SECONDS) % 86_400 !== 0) note("dayStampNotIstMidnight");
      const bar: NewOhlcvBar = {
        ticker, region, timeframe: "1d", date: exchangeDate(ts),
        open: v.open(i), high: v.high(i), low: v.low(i), close: v.close(i), volume: v.volume(i),
        openInterest: hasOi ? v.oi(i) : null, source: SOURCE, priceBasis: "split",
      };
      // fetched_at as timestamp text (exact microseconds) where the schema's type says Date.
      return { ...bar, fetchedAt: d.updatedAt };
    };
  }
  return (v, i): NewIntradayBar => ({
    ticker, region, timeframe: timeframe as IntradayTimeframe, barStart: new Date(v.timestamp(i) * 1000),
    open: v.open(i), high: v.high(i), low: v.low(i), close: v.close(i), volume: v.volume(i),
    openInterest: hasOi ? v.oi(i) : null, source: SOURCE,
  });
}

/** A dataset's record bytes, by path. */
export type ReadRecords = (path: string) => Uint8Array;

async function* datasetBatches(read: ReadRecords, d: DatasetPlan, after: number, batchSize: number): AsyncGenerator<SourceBatch> {
  if (after >= d.rows) return;
  const v = new RecordView(read(d.path), RECORD_TYPES[d.segment].size);
  if (v.count !== d.rows) throw new Error(`${d.path} holds ${v.count} rows; the run recorded ${d.rows}`);
  const hasOi = d.segment === "DERIVATIVES";
  let notes: Record<string, number> = {};
  const note = (condition: string) => void (notes[condition] = (notes[condition] ?? 0) + 1);
  const rowOf = rowBuilder(d, note);
  for (let start = after; start < v.count; start += batchSize) {
    notes = {};
    const end = Math.min(v.count, start + batchSize);
    const rows: Record<string, unknown>[] = [];
    const rejects: Reject[] = [];
    for (let i = start; i < end; i++) {
      const open = v.open(i);
      const high = v.high(i);
      const low = v.low(i);
      const close = v.close(i);
      const volume = v.volume(i);
      const at = v.offset(i);
      // `x >= 0 && x < Infinity` is false for NaN, ±Infinity and negatives: the common case in one test.
      const possible =
        open >= 0 && open < Infinity && high >= 0 && high < Infinity && low >= 0 && low < Infinity && close >= 0 && close < Infinity &&
        volume >= 0 && v.safeInt64(at) && v.safeInt64(at + 24) && (!hasOi || (v.oi(i) >= 0 && v.safeInt64(at + 32)));
      if (!possible) {
        rejects.push({ sourceRowId: String(i), reason: impossible(v, i, hasOi)!, row: wholeRecord(v, i, hasOi) });
        continue;
      }
      if (close < low || close > high) note("closeOutsideLowHigh");
      if (open < low || open > high) note("openOutsideLowHigh");
      if (volume === 0) note("zeroVolume");
      rows.push(rowOf(v, i));
    }
    yield { rows, rejects, read: end - start, position: end, notes };
    // The previous batch's COPY streams while the next one is built.
    await yieldToEventLoop();
  }
}

/** The dataset as the core loads it: one pass in row order, a repeated key merging (later row wins). */
export function datasetUnit(read: ReadRecords, d: DatasetPlan, batchSize: number): SourceUnit {
  return {
    name: d.path,
    target: d.interval === "day" ? ohlcvData : ohlcvIntraday,
    createsInstruments: false,
    passes: [{ onConflict: "update", read: (after) => datasetBatches(read, d, after, batchSize) }],
  };
}
