/**
 * Computed indicator lines saved into `indicator_values` (src/repositories/indicator-values.ts): each
 * line as one stored series under the id `idOf(line key)`, all in one transaction, so a failure saves
 * none of them. A point's time is read back exactly from its text (a date is its UTC midnight, as the
 * repository stores daily values; an ISO instant keeps its microseconds).
 */
import type { Session } from "../db/index.ts";
import { InputError } from "../errors.ts";
import { indicatorValuesRepository, type IndicatorSeriesKey, type SaveMode } from "../repositories/indicator-values.ts";
import { parseInstant } from "../util/instants.ts";
import type { IndicatorSeries } from "./evaluate.ts";

export const SAVE_MODES: readonly SaveMode[] = ["append", "overwrite"];

/** One saved line: its stored id, how many values were written and what became of them. */
export interface SavedLine {
  indicator: string;
  values: number;
  /** Times new to the stored series. */
  loaded: number;
  /** Times already stored, which took the new value (append). */
  merged: number;
  /** Stored values removed first (overwrite). */
  replaced: number;
}

/** Checked before any work, so a bad mode is refused before anything is computed. */
export function saveMode(mode: string): SaveMode {
  if (!SAVE_MODES.includes(mode as SaveMode)) throw new InputError(`the save mode must be one of ${SAVE_MODES.join(", ")}, got "${mode}"`);
  return mode as SaveMode;
}

export function saveSeries(database: Session, series: IndicatorSeries, keyOf: (line: string) => IndicatorSeriesKey, mode: SaveMode): Promise<SavedLine[]> {
  return database.transaction(async (tx) => {
    const repository = indicatorValuesRepository(tx);
    const saved: SavedLine[] = [];
    for (const [line, points] of Object.entries(series)) {
      const key = keyOf(line);
      const values = points.map(([time, value]) => ({ ts: parseInstant(time)!, value }));
      saved.push({ indicator: key.indicator, values: values.length, ...(await repository.save(key, values, { mode })) });
    }
    return saved;
  });
}
