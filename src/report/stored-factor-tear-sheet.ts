/**
 * A stored factor's tear sheet in one call: reportStoredFactor's document (what
 * scripts/factor-report.ts prints, the same numbers as its `--json`) with the per-date series the
 * charts draw, from the stored values and closes loadStoredFactor reads (read a second time here, so
 * the document stays exactly reportStoredFactor's).
 */
import type { Database } from "../db/index.ts";
import { loadStoredFactor, reportStoredFactor, type StoredFactorReport, type StoredFactorRequest } from "../factors/jobs/stored-factor.ts";
import { factorSeries, type FactorSeries } from "./factor-series.ts";

export async function storedFactorTearSheet(database: Database, request: StoredFactorRequest): Promise<StoredFactorReport & { readonly series: FactorSeries }> {
  const document = await reportStoredFactor(database, request);
  const { factor, closes, options } = await loadStoredFactor(database, request);
  return { ...document, series: factorSeries(factor, closes, { horizons: options.horizons, quantiles: options.quantiles, direction: options.direction }) };
}
