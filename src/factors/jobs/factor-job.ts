/**
 * The factor job: compute factors over a date range, for one region or every region with prices,
 * score them per date and region, replace them in factor_scores, and log the run in job_runs.
 * Idempotent: rerunning a range replaces exactly what an earlier run wrote for it.
 *
 * Steps, ordered so that bad input writes nothing:
 * 1. factor names resolved (unknown → InputError, before the database is touched);
 * 2. a `running` row in job_runs (job "compute-factors");
 * 3. under the job lock (job-lock.ts; refused → the run is logged `failed` with details.skipped and
 *    JobLockedError is thrown):
 *    a. daily closes for [from − lookback, to] (prices.panel), lookback = the largest of the
 *       requested factors, in trading days, widened to calendar days (history-window.ts), split by
 *       region (src/panel/split-by-region.ts);
 *    b. evaluation dates = each region's trading days in [from, to], or only the month-ends among them
 *       (src/panel/month-end-rows.ts); none in any region → InputError naming the latest day with prices;
 *    c. per region and factor: raw values (price factors on the closes at the evaluation rows,
 *       fundamental factors on point-in-time as-of panels, fundamental-panels.ts), scored per date
 *       (winsorized z-score, percentile, direction; optionally neutralised within sector or industry,
 *       from tickers or else stock_details, instrument-groups.ts), then written while the next factor
 *       is computed (write-scores.ts); the groups of every region are read before the first write, and
 *       a region without two instruments in one group refuses the run (InputError) with nothing written;
 * 4. the run row becomes `succeeded` (rows, per-factor counts, notes, seconds) or `failed` (error
 *    message). A factor with no values in a region is not a failure: the result's `notes` say why.
 * A failure after the first write (the database going away) leaves whole (factor, region, block)
 * replacements done and the run `failed`; rerunning the range repairs it.
 */
import type { Database } from "../../db/index.ts";
import { monthEndRows, type RegionPanel, selectRows, splitByRegion } from "../../panel/index.ts";
import { repositories } from "../../repositories/index.ts";
import { jobRunsRepository } from "../../repositories/job-runs.ts";
import { addDays } from "../../util/dates.ts";
import { scoreFactor } from "../cross-section/score-factor.ts";
import { FACTORS, factorByName } from "../registry.ts";
import type { FactorDefinition } from "../types.ts";
import { fundamentalPanels } from "./fundamental-panels.ts";
import { type GroupBy, instrumentGroups } from "./instrument-groups.ts";
import { calendarDaysFor } from "./history-window.ts";
import { JobLockedError, withJobLock } from "./job-lock.ts";
import { countValues, noValuesNote } from "./no-values-note.ts";
import { ScoreWriter } from "./write-scores.ts";
import { InputError } from "../../errors.ts";

export const FACTOR_JOB = "compute-factors";

export type NeutralizeBy = GroupBy;

export interface FactorJobRequest {
  /** First and last date of the range, `YYYY-MM-DD`, inclusive. */
  readonly from: string;
  readonly to: string;
  /** Factor names; default every registered factor. */
  readonly factors?: readonly string[];
  /** One region; default every region with prices in the range, each scored on its own. */
  readonly region?: string;
  /** Only the last trading day of each month in the range. */
  readonly monthEnds?: boolean;
  /** Demean z-scores within sector or industry; names without one then get no z-score or score. */
  readonly neutralize?: NeutralizeBy;
  /** Recorded in the run's details. */
  readonly trigger?: "manual" | "schedule";
}

export interface RegionSummary {
  readonly region: string;
  readonly instruments: number;
  /** Evaluation dates, and the first and last of them. */
  readonly dates: number;
  readonly first: string;
  readonly last: string;
}

export interface FactorJobResult {
  readonly runId: number;
  readonly from: string;
  readonly to: string;
  readonly factors: string[];
  readonly regions: RegionSummary[];
  readonly rows: number;
  readonly rowsByFactor: Record<string, number>;
  /**
   * Why a factor wrote no rows in a region (too little history, no fundamentals; no-values-note.ts):
   * not an error, the run succeeds, but a user must not be left guessing.
   */
  readonly notes: string[];
  /**
   * Wall time: loading prices and fundamentals, computing and scoring, and the rest (building rows and
   * writing, the part of it not overlapped with computing).
   */
  readonly seconds: { readonly load: number; readonly compute: number; readonly write: number; readonly total: number };
}

/**
 * What a run covers, as stored in its details; a later run's catch-up looks for succeeded runs whose
 * details contain this (schedule.ts). A run over more factors or regions covers a narrower scope.
 */
export function factorJobScope(request: Pick<FactorJobRequest, "factors" | "region" | "monthEnds" | "neutralize">) {
  return {
    factors: resolveFactors(request.factors).map((f) => f.name),
    ...(request.region === undefined ? { allRegions: true } : { regions: [request.region] }),
    monthEnds: request.monthEnds ?? false,
    neutralize: request.neutralize ?? null,
  };
}

function resolveFactors(names: readonly string[] | undefined): FactorDefinition[] {
  if (names === undefined) return [...FACTORS];
  if (names.length === 0) throw new InputError("no factor names given; pass --factors a,b or leave it out for all");
  return [...new Set(names)].map(factorByName);
}

export async function runFactorJob(database: Database, request: FactorJobRequest): Promise<FactorJobResult> {
  const factors = resolveFactors(request.factors);
  const jobRuns = jobRunsRepository(database);
  const scope = factorJobScope(request);
  const run = await jobRuns.start({
    job: FACTOR_JOB,
    fromDate: request.from,
    toDate: request.to,
    details: { ...scope, trigger: request.trigger ?? "manual" },
  });
  try {
    const result = await withJobLock(database, FACTOR_JOB, () => computeAndWrite(database, factors, request, run.id));
    await jobRuns.finish(run.id, {
      status: "succeeded",
      rows: result.rows,
      details: {
        regions: result.regions.map((r) => r.region),
        regionDates: result.regions,
        rowsByFactor: result.rowsByFactor,
        notes: result.notes,
        seconds: result.seconds,
      },
    });
    return result;
  } catch (err) {
    const skipped = err instanceof JobLockedError;
    const error = skipped ? new JobLockedError(`${err.message}; run #${run.id} was skipped`) : err;
    // The run's own error matters more than a failure to log it; a row left `running` shows the latter.
    await jobRuns
      .finish(run.id, { status: "failed", error: error instanceof Error ? error.message : String(error), details: skipped ? { skipped: true } : {} })
      .catch(() => undefined);
    throw error;
  }
}

async function computeAndWrite(
  database: Database,
  factors: readonly FactorDefinition[],
  request: FactorJobRequest,
  runId: number,
): Promise<FactorJobResult> {
  const started = performance.now();
  const repos = repositories(database);
  const lookback = Math.max(0, ...factors.map((f) => f.lookback));
  const loadFrom = lookback > 0 ? addDays(request.from, -calendarDaysFor(lookback)) : request.from;
  const closes = await repos.prices.panel({ field: "close", from: loadFrom, to: request.to, region: request.region });
  const withRows = splitByRegion(closes)
    .map((panel) => ({ panel, rows: evaluationRows(panel, request) }))
    .filter(({ rows }) => rows.length > 0);
  if (withRows.length === 0) throw await noPricesError(database, request);
  // Groups of every region before the first write: a region that cannot be neutralised refuses the run.
  const regions = [];
  for (const region of withRows) {
    const { neutralize } = request;
    const groups = neutralize === undefined ? undefined : await instrumentGroups(database, region.panel.region, region.panel.instruments, neutralize);
    regions.push({ ...region, groups });
  }

  const fields = [...new Set(factors.flatMap((f) => f.fundamentals))];
  const seconds = { load: (performance.now() - started) / 1000, compute: 0, write: 0, total: 0 };
  const writer = new ScoreWriter(database);
  const summaries: RegionSummary[] = [];
  const notes: string[] = [];
  try {
    for (const { panel, rows, groups } of regions) {
      const loading = performance.now();
      const closesOnDates = selectRows(panel, rows);
      const fundamentals = await fundamentalPanels(repos.fundamentals, panel.region, fields, closesOnDates);
      seconds.load += (performance.now() - loading) / 1000;
      for (const factor of factors) {
        const computing = performance.now();
        const raw = factor.needsCloses ? factor.compute({ closes: panel }, rows) : factor.compute({ fundamentals });
        const scored = scoreFactor(raw, factor.direction, { groups });
        if (countValues(raw.values) === 0) notes.push(await noValuesNote(database, factor, panel, rows, loadFrom));
        seconds.compute += (performance.now() - computing) / 1000;
        await writer.write(factor.name, panel.region, scored, panel.instruments);
      }
      summaries.push({
        region: panel.region,
        instruments: panel.instruments.length,
        dates: rows.length,
        first: panel.dates[rows[0]],
        last: panel.dates[rows.at(-1)!],
      });
    }
  } catch (err) {
    await writer.finish().catch(() => undefined); // no write outlives the run
    throw err;
  }
  await writer.finish();
  // Fresh statistics for the scores just written (the embedded engine has no autovacuum): without
  // them a year of one factor read as a panel planned a spilling sort (server: 664 ms vs 387 ms).
  await database.query("ANALYZE factor_scores");
  seconds.total = (performance.now() - started) / 1000;
  seconds.write = seconds.total - seconds.load - seconds.compute;
  const rowsByFactor = Object.fromEntries(factors.map((f) => [f.name, writer.rowsByFactor[f.name] ?? 0]));
  return {
    runId,
    from: request.from,
    to: request.to,
    factors: factors.map((f) => f.name),
    regions: summaries,
    rows: Object.values(rowsByFactor).reduce((a, b) => a + b, 0),
    rowsByFactor,
    notes,
    seconds,
  };
}

/** Rows of the region's trading days in [from, to] (only month-ends when asked). */
function evaluationRows(panel: RegionPanel, request: FactorJobRequest): number[] {
  const candidates = request.monthEnds ? monthEndRows(panel.dates) : panel.dates.map((_, d) => d);
  return candidates.filter((d) => panel.dates[d] >= request.from && panel.dates[d] <= request.to);
}

async function noPricesError(database: Database, request: FactorJobRequest): Promise<InputError> {
  const where = request.region === undefined ? "" : ` in region ${request.region}`;
  const latest = await repositories(database).prices.latestBarDate(request.region);
  if (latest === null) return new InputError(`the database holds no daily prices${where}; load daily bars first`);
  const span = request.from === request.to ? `on ${request.from}` : `between ${request.from} and ${request.to}`;
  const what = request.monthEnds ? "no month-end with prices" : "no prices";
  return new InputError(`${what} ${span}${where}; the latest trading day with prices is ${latest}`);
}
