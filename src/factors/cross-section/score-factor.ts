/**
 * From raw factor values to what `factor_scores` stores per (ticker, date): raw value, z-score,
 * percentile and score.
 *
 * - raw: the factor's value as computed (units of the factor);
 * - zscore: per-date z-score (population std, zscore.ts) of the raw values after per-date winsorizing
 *   (default 1%/99%, winsorize.ts); with `groups`, then demeaned within each group (neutralize.ts);
 * - percentile: per-date percentile rank 0..1 of the RAW value (0 = lowest raw, ties averaged;
 *   winsorizing would only create ties), independent of direction;
 * - score: direction × zscore, so higher is always better (debt_to_equity, volatility: −z).
 * A value that cannot be computed is NaN in the panels and null in the rows, never 0.
 * Cross-sections are whatever the panel holds: score one region at a time (a stored score is per
 * region, and mixing currencies or markets in one z-score compares unlike things).
 */
import type { Panel } from "../../panel/index.ts";
import type { Direction } from "../types.ts";
import { neutralize } from "./neutralize.ts";
import { percentileRank } from "./percentile.ts";
import { DEFAULT_WINSORIZE, type WinsorizeLimits, winsorize } from "./winsorize.ts";
import { zscore } from "./zscore.ts";
import { InputError } from "../../errors.ts";

export interface ScoreOptions {
  /** Per-date winsorizing before z-scores; `false` to skip. Default 1%/99%. */
  readonly winsorize?: WinsorizeLimits | false;
  /** Sector or industry of each ticker, to neutralise z-scores within groups. */
  readonly groups?: readonly (string | null | undefined)[];
}

export interface ScoredFactor {
  readonly raw: Panel;
  readonly zscore: Panel;
  readonly percentile: Panel;
  readonly score: Panel;
}

export function scoreFactor(raw: Panel, direction: Direction, options: ScoreOptions = {}): ScoredFactor {
  const limits = options.winsorize ?? DEFAULT_WINSORIZE;
  const standardized = zscore(limits === false ? raw : winsorize(raw, limits));
  const z = options.groups === undefined ? standardized : neutralize(standardized, options.groups);
  const score = new Float64Array(z.values.length);
  for (let i = 0; i < score.length; i++) score[i] = direction * z.values[i];
  return {
    raw,
    zscore: z,
    percentile: percentileRank(raw),
    score: { dates: raw.dates, tickers: raw.tickers, values: score },
  };
}

/** Identity of panel column t as stored: `instruments[t]` (the price panel's `instruments`). */
export interface ScoredInstrument {
  readonly ticker: string;
  readonly region: string;
}

/** A `factor_scores` row (field names of the table's insert type). */
export interface FactorScoreRow {
  readonly ticker: string;
  readonly region: string;
  readonly date: string;
  readonly factorName: string;
  readonly rawValue: number;
  readonly zScore: number | null;
  readonly percentile: number | null;
  readonly score: number | null;
}

/**
 * One row per cell with a raw value (cells without one are not stored), dates ascending then
 * instruments in panel order.
 */
export function scoreRows(factorName: string, scored: ScoredFactor, instruments: readonly ScoredInstrument[]): FactorScoreRow[] {
  const { raw, zscore: z, percentile, score } = scored;
  const nTickers = raw.tickers.length;
  if (instruments.length !== nTickers) {
    throw new InputError(`scoreRows: ${instruments.length} instruments given for ${nTickers} panel columns`);
  }
  const rows: FactorScoreRow[] = [];
  for (let d = 0; d < raw.dates.length; d++) {
    for (let t = 0; t < nTickers; t++) {
      const cell = d * nTickers + t;
      const rawValue = raw.values[cell];
      if (rawValue - rawValue !== 0) continue;
      rows.push({
        ticker: instruments[t].ticker,
        region: instruments[t].region,
        date: raw.dates[d],
        factorName,
        rawValue,
        zScore: orNull(z.values[cell]),
        percentile: orNull(percentile.values[cell]),
        score: orNull(score.values[cell]),
      });
    }
  }
  return rows;
}

function orNull(x: number): number | null {
  return x - x === 0 ? x : null;
}
