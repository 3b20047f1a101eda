/**
 * A stored factor read back for analysis (analysis/report.ts): the raw values in factor_scores on the
 * dates the factor was stored in [from, to], and a close panel over the same instruments that runs
 * far enough past `to` for the longest forward horizon.
 *
 * One region at a time (an IC across markets compares unlike things): `region`, or the only region
 * the stored scores cover; several regions without a choice is a usage error. Evaluation dates are
 * whatever was stored (every trading day, or month-ends): the report measures what the job wrote.
 * Closes are the stored `close` field, the basis the job computed the factor on. With `groupBy`, the
 * instruments' sectors or industries are read where the neutralising job reads them
 * (instrument-groups.ts) and the report adds its group figures; none of them having one is a usage
 * error (there would be no group figure to show).
 */
import type { Database } from "../../db/index.ts";
import { nanPanel, type Panel } from "../../panel/index.ts";
import { repositories } from "../../repositories/index.ts";
import { addDays } from "../../util/dates.ts";
import { type FactorReport, type ReportOptions, analyzeFactor, DEFAULT_HORIZONS } from "../analysis/report.ts";
import { factorByName } from "../registry.ts";
import type { FactorDefinition } from "../types.ts";
import type { QuantileMethod } from "../analysis/buckets.ts";
import { calendarDaysFor } from "./history-window.ts";
import { type GroupBy, readInstrumentGroups } from "./instrument-groups.ts";
import { InputError } from "../../errors.ts";

export interface StoredFactorRequest {
  readonly factor: string;
  readonly from: string;
  readonly to: string;
  readonly region?: string;
  /** Forward horizons in trading days; default 1, 5 and 21. */
  readonly horizons?: readonly number[];
  readonly quantiles?: number;
  /** Add IC, quantile returns and group-adjusted figures by sector or industry. */
  readonly groupBy?: GroupBy;
  /** "rank" (default) or "qcut" quantiles. */
  readonly quantileMethod?: QuantileMethod;
  /** Largest share of entries the cleaning may drop, 0..1; default 0.35 (analysis/cleaning.ts). */
  readonly maxLoss?: number;
}

export interface StoredFactorReport {
  readonly factor: string;
  readonly description: string;
  readonly region: string;
  readonly instruments: number;
  /** What the report's group figures group by; null without groups. */
  readonly groupBy: GroupBy | null;
  readonly report: FactorReport;
}

export async function reportStoredFactor(database: Database, request: StoredFactorRequest): Promise<StoredFactorReport> {
  const stored = await loadStoredFactor(database, request);
  return {
    factor: stored.definition.name,
    description: stored.definition.description,
    region: stored.region,
    instruments: stored.factor.tickers.length,
    groupBy: request.groupBy ?? null,
    report: analyzeFactor(stored.factor, stored.closes, stored.options),
  };
}

/** What reportStoredFactor analyses: the stored values, the closes past `to`, the analysis options. */
export interface StoredFactorInputs {
  readonly definition: FactorDefinition;
  readonly region: string;
  readonly factor: Panel;
  readonly closes: Panel;
  readonly options: ReportOptions;
}

export async function loadStoredFactor(database: Database, request: StoredFactorRequest): Promise<StoredFactorInputs> {
  const definition = factorByName(request.factor);
  const horizons = request.horizons ?? DEFAULT_HORIZONS;
  const repos = repositories(database);
  const where = request.region === undefined ? "" : ` in region ${request.region}`;
  const scores = await repos.factorScores.scores(request.factor, request.from, request.to, { region: request.region });
  if (scores.length === 0) {
    throw new InputError(
      `no stored scores for ${request.factor} between ${request.from} and ${request.to}${where}; compute them first ` +
        `(tsx scripts/compute-factors.ts --from ${request.from} --to ${request.to} --factors ${request.factor})`,
    );
  }
  const regions = [...new Set(scores.map((s) => s.region))].sort();
  if (regions.length > 1) throw new InputError(`stored scores of ${request.factor} span regions ${regions.join(", ")}; choose one with --region`);
  const region = regions[0];

  const tickers = [...new Set(scores.map((s) => s.ticker))].sort();
  const closes = await repos.prices.panel({
    field: "close",
    from: request.from,
    to: addDays(request.to, calendarDaysFor(Math.max(...horizons))),
    instruments: tickers.map((ticker) => ({ ticker, region })),
  });
  const factor = storedPanel(scores, closes.tickers);
  const groups = request.groupBy === undefined ? undefined : await groupsOf(database, region, closes.tickers, request.groupBy);
  const options: ReportOptions = {
    horizons,
    quantiles: request.quantiles,
    direction: definition.direction,
    groups,
    quantileMethod: request.quantileMethod,
    maxLoss: request.maxLoss,
  };
  return { definition, region, factor, closes, options };
}

/** Raw values on the stored dates, columns in the close panel's ticker order; unstored cells NaN. */
function storedPanel(scores: readonly { date: string; ticker: string; rawValue: number | null }[], tickers: readonly string[]): Panel {
  const dates = [...new Set(scores.map((s) => s.date))].sort();
  const row = new Map(dates.map((date, d) => [date, d]));
  const column = new Map(tickers.map((ticker, t) => [ticker, t]));
  const panel = nanPanel(dates, tickers);
  for (const s of scores) {
    if (s.rawValue !== null) panel.values[row.get(s.date)! * tickers.length + column.get(s.ticker)!] = s.rawValue;
  }
  return panel;
}

/** Sector or industry per ticker; refused when none of them has one. */
async function groupsOf(database: Database, region: string, tickers: readonly string[], by: GroupBy): Promise<(string | null)[]> {
  const groups = await readInstrumentGroups(database, region, tickers.map((ticker) => ({ ticker, region })), by);
  if (groups.every((g) => g === null)) {
    throw new InputError(
      `cannot group by ${by} in region ${region}: none of its ${tickers.length} instruments has one (tickers.${by} or stock_details.${by}); ` +
        `load instruments with one, or report without --group-by`,
    );
  }
  return groups;
}
