/**
 * Scheduled factor runs: each tick computes the latest trading day, plus every day missed since the
 * last successful run of the same scope (the process was down, a tick was skipped by the lock, a run
 * failed).
 *
 * Range of a tick: to = the latest date with daily bars (in the region, or anywhere); from = the day
 * after the latest `to_date` of a succeeded run whose details cover this scope (factorJobScope), or
 * `to` itself when there is no such run or it already reached `to`. The latest day is always
 * recomputed, so bars that arrive later in the day are picked up by the next tick. Without a region,
 * "latest" is the latest of all regions: a region whose bars for a day arrive after a later day of
 * another region was computed will miss that day; one schedule per region avoids it.
 *
 * Ticks come from croner in the process's local time zone; `protect` stops a process overlapping
 * itself, the job lock (job-lock.ts) keeps two processes apart. A tick that fails or is skipped is
 * logged in job_runs and reported to `onTick`, and the schedule goes on.
 */
import { Cron } from "croner";
import type { Database } from "../../db/index.ts";
import { repositories } from "../../repositories/index.ts";
import { addDays } from "../../util/dates.ts";
import { FACTOR_JOB, type FactorJobRequest, type FactorJobResult, factorJobScope, runFactorJob } from "./factor-job.ts";
import { InputError } from "../../errors.ts";

/** What a scheduled run computes besides its range. */
export type ScheduledRequest = Omit<FactorJobRequest, "from" | "to" | "trigger">;

/** The range the next scheduled run covers (see the header). */
export async function catchUpRange(database: Database, request: ScheduledRequest): Promise<{ from: string; to: string }> {
  const repos = repositories(database);
  const to = await repos.prices.latestBarDate(request.region);
  if (to === null) {
    throw new InputError(`the database holds no daily prices${request.region === undefined ? "" : ` in region ${request.region}`}; load daily bars first`);
  }
  const through = await repos.jobRuns.succeededThrough(FACTOR_JOB, factorJobScope(request));
  return { from: through !== null && through < to ? addDays(through, 1) : to, to };
}

/** One scheduled run: the catch-up range, computed and logged like any run. */
export async function runScheduledTick(database: Database, request: ScheduledRequest): Promise<FactorJobResult> {
  const range = await catchUpRange(database, request);
  return runFactorJob(database, { ...request, ...range, trigger: "schedule" });
}

export type TickOutcome = { readonly ok: true; readonly result: FactorJobResult } | { readonly ok: false; readonly error: Error };

/** Start ticking on the cron `pattern`; an invalid pattern is a InputError. Stop with `.stop()`. */
export function scheduleFactorJob(
  database: Database,
  pattern: string,
  request: ScheduledRequest,
  onTick: (outcome: TickOutcome) => void,
): Cron {
  const tick = async () => {
    try {
      onTick({ ok: true, result: await runScheduledTick(database, request) });
    } catch (err) {
      onTick({ ok: false, error: err instanceof Error ? err : new Error(String(err)) });
    }
  };
  try {
    return new Cron(pattern, { protect: true }, tick);
  } catch (err) {
    throw new InputError(`"${pattern}" is not a cron pattern (${(err as Error).message}); e.g. "30 18 * * 1-5"`);
  }
}
