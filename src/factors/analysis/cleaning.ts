/**
 * The cleaning report: which factor entries each forward horizon could not use, and why, like
 * alphalens' "Dropped X% entries from factor data: …% in forward returns computation and …% in
 * binning phase", with its max_loss check (default 0.35).
 *
 * Cells are the factor panel's evaluation dates × instruments. A cell without a finite factor value
 * is not an entry (alphalens never sees it: its factor series holds only the rows that were scored);
 * it is counted as `noFactorValue` but not as a loss. Each entry is then counted once per horizon, at
 * the first step it fails, in this order:
 *   1. noPrice — no close on the evaluation date (the instrument is outside the priced universe then);
 *   2. noForwardReturn — fewer than h own bars after the date (forward-returns.ts);
 *   3. unbucketed — its date could not be cut into quantiles (buckets.ts: an empty bucket, or for qcut
 *      duplicate edges), alphalens' binning phase.
 * kept = entries − the three; droppedShare = dropped ÷ entries (null without entries). The report's
 * droppedShare is the largest over horizons: alphalens drops a row missing any horizon, and forward
 * returns are nested (one at h implies one at every shorter horizon), so that is its figure.
 * With groups, `noGroup` counts the entries without a group: they stay in the universe figures and
 * are only left out of the group ones (alphalens would drop them everywhere).
 * More dropped than `maxLoss` (0..1) is an InputError; maxLoss 1 never raises.
 */
import { assertSameShape, type Panel } from "../../panel/index.ts";
import { InputError } from "../../errors.ts";
import { bucketsFor, type QuantileMethod } from "./buckets.ts";
import { forEachBucketedDate } from "./bucketed-dates.ts";
import type { GroupIndex } from "./group-index.ts";

export const DEFAULT_MAX_LOSS = 0.35;

export interface HorizonCleaning {
  readonly horizon: number;
  readonly noPrice: number;
  readonly noForwardReturn: number;
  readonly unbucketed: number;
  readonly kept: number;
  readonly droppedShare: number | null;
}

export interface CleaningReport {
  /** Evaluation dates × instruments. */
  readonly cells: number;
  readonly noFactorValue: number;
  /** Cells with a factor value: the denominator of every share. */
  readonly entries: number;
  /** Entries without a group (left out of group figures); null when not grouping. */
  readonly noGroup: number | null;
  readonly horizons: HorizonCleaning[];
  /** Largest droppedShare over horizons; null without entries. */
  readonly droppedShare: number | null;
  readonly maxLoss: number;
}

export interface CleaningInput {
  readonly factor: Panel;
  /** Closes on the factor's dates (same shape). */
  readonly closesOnDates: Panel;
  readonly forwards: readonly { readonly horizon: number; readonly forward: Panel }[];
  readonly quantiles: number;
  readonly method: QuantileMethod;
  readonly groups?: GroupIndex;
  readonly maxLoss?: number;
}

export function cleaningReport(input: CleaningInput): CleaningReport {
  const { factor, closesOnDates, quantiles, method, groups } = input;
  const maxLoss = input.maxLoss ?? DEFAULT_MAX_LOSS;
  if (!(maxLoss >= 0 && maxLoss <= 1)) throw new InputError(`maxLoss must be a share between 0 and 1, got ${maxLoss}`);
  assertSameShape(factor, closesOnDates, "cleaningReport, closes");
  const nTickers = factor.tickers.length;
  const finite = (v: number) => v - v === 0;
  let entries = 0;
  let noGroup = 0;
  for (let k = 0; k < factor.values.length; k++) {
    if (!finite(factor.values[k])) continue;
    entries++;
    if (groups !== undefined && groups.of[k % nTickers] < 0) noGroup++;
  }
  const share = (dropped: number) => (entries > 0 ? dropped / entries : null);
  const horizons = input.forwards.map(({ horizon, forward }): HorizonCleaning => {
    assertSameShape(factor, forward, "cleaningReport, forward returns");
    let noPrice = 0;
    let noForwardReturn = 0;
    for (let k = 0; k < factor.values.length; k++) {
      if (!finite(factor.values[k])) continue;
      if (!finite(closesOnDates.values[k])) noPrice++;
      else if (!finite(forward.values[k])) noForwardReturn++;
    }
    let unbucketed = 0;
    forEachBucketedDate(factor, forward, bucketsFor(method, nTickers, quantiles), () => {}, (_d, n) => (unbucketed += n));
    const dropped = noPrice + noForwardReturn + unbucketed;
    return { horizon, noPrice, noForwardReturn, unbucketed, kept: entries - dropped, droppedShare: share(dropped) };
  });
  const shares = horizons.map((h) => h.droppedShare).filter((s): s is number => s !== null);
  const report: CleaningReport = {
    cells: factor.values.length,
    noFactorValue: factor.values.length - entries,
    entries,
    noGroup: groups === undefined ? null : noGroup,
    horizons,
    droppedShare: shares.length > 0 ? Math.max(...shares) : null,
    maxLoss,
  };
  assertWithinMaxLoss(report);
  return report;
}

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;

/** InputError naming the worst horizon and its reasons when more than maxLoss was dropped. */
function assertWithinMaxLoss(report: CleaningReport): void {
  if (report.droppedShare === null || report.droppedShare <= report.maxLoss) return;
  const worst = report.horizons.find((h) => h.droppedShare === report.droppedShare)!;
  throw new InputError(
    `factor data lost ${percent(report.droppedShare)} of its ${report.entries} entries at the ${worst.horizon}-day horizon ` +
      `(no price on the date ${worst.noPrice}, no ${worst.horizon}-day forward return ${worst.noForwardReturn}, ` +
      `not bucketed ${worst.unbucketed}), more than the maximum loss ${percent(report.maxLoss)}; ` +
      `allow more with maxLoss (--max-loss), or use fewer quantiles or shorter horizons`,
  );
}
