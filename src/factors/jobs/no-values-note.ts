/**
 * Why a factor got no values in a region, as one line for the job result's `notes`: a run that writes
 * 0 rows for a factor is not an error (the input is what it is), but it must say why.
 *
 * - price factor, too little history: no instrument has `lookback` own bars before the latest
 *   evaluation date; the note names where the region's daily bars start, or, when they start before
 *   the loaded window, the window's start (gaps left too few bars in it);
 * - fundamental factor: no instrument has the fields it needs known by the latest evaluation date;
 * - otherwise: no instrument had a computable value on the evaluation dates.
 */
import type { Queryable } from "../../db/index.ts";
import type { RegionPanel } from "../../panel/index.ts";
import { ownHistory } from "../own-history.ts";
import type { FactorDefinition } from "../types.ts";

/** Finite cells of a raw factor panel: the rows the job writes for it. */
export function countValues(values: Float64Array): number {
  let n = 0;
  for (const v of values) if (v - v === 0) n++;
  return n;
}

/**
 * The note for `factor` having no values in `panel`'s region on evaluation `rows`; `loadedFrom` is the
 * first calendar day the job asked prices for.
 */
export async function noValuesNote(
  session: Queryable,
  factor: FactorDefinition,
  panel: RegionPanel,
  rows: readonly number[],
  loadedFrom: string,
): Promise<string> {
  const last = panel.dates[rows.at(-1)!];
  const head = `${factor.name}: no values in region ${panel.region} (${panel.dates[rows[0]]} … ${last})`;
  if (factor.needsCloses && factor.lookback > 0) {
    const prior = mostBarsBefore(panel, rows.at(-1)!);
    if (prior < factor.lookback) {
      const start = await firstDailyBar(session, panel.region);
      const have =
        start !== null && start >= loadedFrom
          ? `the data starts ${start}, ${prior} trading days before it`
          : `no instrument has more than ${prior} in the prices loaded from ${loadedFrom}`;
      return `${head}: it needs ${factor.lookback} trading days of history before ${last}; ${have}`;
    }
  }
  if (factor.fundamentals.length > 0) {
    return `${head}: it needs fundamentals (${factor.fundamentals.join(", ")}) known by ${last}, and no instrument has them`;
  }
  return `${head}: no instrument has a computable value on these dates`;
}

/** The most own bars any instrument has before its bar on panel row `row` (−1 when none has a bar). */
function mostBarsBefore(panel: RegionPanel, row: number): number {
  const { barIndex } = ownHistory(panel);
  const n = panel.instruments.length;
  let most = -1;
  for (let t = 0; t < n; t++) most = Math.max(most, barIndex[row * n + t]);
  return most;
}

/** The region's first daily bar date (only asked when a note needs it). */
async function firstDailyBar(session: Queryable, region: string): Promise<string | null> {
  const [row] = await session.query<{ first: string | null }>(
    "SELECT min(date) AS first FROM ohlcv_data WHERE region = $1 AND timeframe = '1d'",
    [region],
  );
  return row?.first ?? null;
}
