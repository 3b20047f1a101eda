/**
 * A sweep's plan and grid in the form worker threads read without a copy per task.
 *
 * The grid's typed arrays (prices, volume, corporate actions, delisting rows, factor scores) are
 * copied once into SharedArrayBuffers: a structured clone of a view over one shares its memory, so
 * every task message carries them for the price of a handle. Everything else (the plan, dates,
 * labels, instruments, listings, score panels' labels) is small and fixed for the sweep: it is
 * `v8.serialize`d once into one more shared buffer (the structured-clone format, so NaN, −0 and
 * undefined survive as they would in a message) and each worker decodes it once per sweep id.
 */
import { deserialize, serialize } from "node:v8";
import type { Market } from "../../backtest/types.ts";
import type { Panel } from "../../panel/index.ts";
import type { SweepData, SweepPlan } from "../sweep.ts";

type PriceField = "open" | "close" | "volume" | "adjustedClose" | "splitRatio" | "dividend";

export interface SharedSweep {
  /** Unique per run: workers cache the decoded sweep under it. */
  readonly id: string;
  /** `v8.serialize` of PlainSweep. */
  readonly plain: Uint8Array;
  readonly prices: Readonly<Record<PriceField, Float64Array>>;
  readonly delistRow: Int32Array;
  /** Score panels' values, by the keys of SweepData.scores. */
  readonly scores: Readonly<Record<string, Float64Array>>;
}

type PlainMarket = Omit<Market, PriceField | "delistRow">;

interface PlainSweep {
  readonly plan: SweepPlan;
  readonly market: PlainMarket;
  readonly scores: Readonly<Record<string, Omit<Panel, "values">>>;
  /** SweepData's other fields (nextDate, listings, …), as they are. */
  readonly rest: Omit<SweepData, "market" | "scores">;
}

let runs = 0;

/** The plan and grid as shared memory (see the header); the caller's arrays are left as they are. */
export function shareSweep(plan: SweepPlan, data: SweepData): SharedSweep {
  const { market, scores: panels, ...rest } = data;
  const copies = new Map<ArrayBufferView, Float64Array | Int32Array>(); // adjustedClose may be close itself
  const shared = <T extends Float64Array | Int32Array>(values: T): T => {
    if (values.buffer instanceof SharedArrayBuffer) return values;
    let copy = copies.get(values);
    if (copy === undefined) {
      copy = new (values.constructor as new (buffer: SharedArrayBuffer) => T)(new SharedArrayBuffer(values.byteLength));
      copy.set(values as never);
      copies.set(values, copy);
    }
    return copy as T;
  };
  const { open, close, volume, adjustedClose, splitRatio, dividend, delistRow, ...plainMarket } = market;
  const prices: Record<PriceField, Float64Array> = {
    open: shared(open), close: shared(close), volume: shared(volume), adjustedClose: shared(adjustedClose), splitRatio: shared(splitRatio), dividend: shared(dividend),
  };
  const plainScores: Record<string, Omit<Panel, "values">> = {};
  const scores: Record<string, Float64Array> = {};
  for (const [key, panel] of Object.entries(panels)) {
    plainScores[key] = { dates: panel.dates, tickers: panel.tickers };
    scores[key] = shared(panel.values);
  }
  const plain: PlainSweep = { plan, market: plainMarket, scores: plainScores, rest };
  const bytes = serialize(plain);
  const sharedBytes = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  sharedBytes.set(bytes);
  return { id: `${process.pid}:${++runs}:${Date.now()}`, plain: sharedBytes, prices, delistRow: shared(delistRow), scores };
}

/** The plan and grid back from their shared form, reading the shared arrays in place. */
export function unshareSweep(sweep: SharedSweep): { plan: SweepPlan; data: SweepData } {
  // deserialize wants an unshared buffer; the plain part is small.
  const plain = deserialize(Buffer.from(sweep.plain)) as PlainSweep;
  const market: Market = { ...plain.market, ...sweep.prices, delistRow: sweep.delistRow };
  const scores: Record<string, Panel> = {};
  for (const [key, labels] of Object.entries(plain.scores)) scores[key] = { ...labels, values: sweep.scores[key]! };
  return { plan: plain.plan, data: { ...plain.rest, market, scores } };
}
