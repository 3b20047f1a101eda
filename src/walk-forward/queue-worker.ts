/**
 * A walk-forward queue worker (`tsx scripts/worker.ts`): takes sweep tasks from the server's pg-boss
 * queue (./executors/task-queue.ts) one at a time, evaluates each on its sweep's grid and writes its
 * result row, for as long as it runs; any number of workers on any machines share the queue.
 *
 * Per job: the sweep's plan is read from walk_forward_sweeps and its grid loaded with loadSweepData
 * once per sweep (the latest sweep is kept; the next sweep replaces it), the trials checked once,
 * then evaluateTask, and the result inserted with ON CONFLICT DO NOTHING (a task retried after its
 * worker was killed between writing and completing writes once). A job whose sweep is gone (its
 * coordinator finished or gave up) is completed without work. A task that throws fails its job with
 * the error's message (and PlatformError code), which pg-boss retries and the coordinator reports.
 *
 * `concurrency` is how many tasks this process holds at once: evaluation runs on one thread, so more
 * than 1 only overlaps database round trips with computing; run more processes to use more cores.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { eq } from "drizzle-orm";
import type PgBoss from "pg-boss";
import type { Database } from "../db/index.ts";
import { withDatabase } from "../db/with-database.ts";
import { PlatformError } from "../errors.ts";
import { walkForwardSweeps, walkForwardTaskResults } from "../schema/index.ts";
import type { CheckedRequest } from "../backtest/run-backtest.ts";
import { decodeNumbers, encodeNumbers } from "./executors/exact-json.ts";
import { startTaskQueue, TASK_QUEUE, type TaskFailure, type TaskJob } from "./executors/task-queue.ts";
import { checkTrials, evaluateTask, loadSweepData, type SweepData, type SweepPlan } from "./sweep.ts";

const IDLE_POLL_MS = 250;

export interface SweepWorkerOptions {
  /** The server database; default the configured one (DATABASE_URL), opened and closed here. */
  readonly database?: Database;
  /** Tasks held at once (see the header); default 1. */
  readonly concurrency?: number;
  /** Return once the queue has had no task for this many seconds; default: run until `signal`. */
  readonly idleExitSeconds?: number;
  /** Stops taking tasks; the tasks in hand are finished first. */
  readonly signal?: AbortSignal;
  /** Hears every task this worker finished or failed. */
  readonly onTask?: (event: WorkedTask) => void;
}

export interface WorkedTask extends TaskJob {
  readonly seconds: number;
  /** The error's message when the task failed (its job is retried, possibly elsewhere). */
  readonly error?: string;
}

export interface SweepWorkerSummary {
  readonly tasks: number;
  readonly failed: number;
}

/** A sweep as a worker holds it: plan, grid and checked trials, or null when the sweep is gone. */
type LoadedSweep = { readonly plan: SweepPlan; readonly data: SweepData; readonly checked: CheckedRequest[] } | null;

export function runSweepWorker(options: SweepWorkerOptions = {}): Promise<SweepWorkerSummary> {
  return withDatabase((database) => work(database, options), options.database);
}

async function work(database: Database, options: SweepWorkerOptions): Promise<SweepWorkerSummary> {
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a whole number ≥ 1, got ${concurrency}`);
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  options.signal?.addEventListener("abort", onAbort);
  if (options.signal?.aborted) stop.abort();
  let backgroundError: Error | undefined;
  const boss = await startTaskQueue(database, {
    onError: (error) => {
      backgroundError ??= error;
      stop.abort();
    },
  });
  let latest: { sweepId: number; sweep: Promise<LoadedSweep> } | undefined;
  const sweepOf = (sweepId: number): Promise<LoadedSweep> => {
    if (latest?.sweepId !== sweepId) {
      const sweep = loadSweep(database, sweepId);
      latest = { sweepId, sweep };
      // A failed load (say a dropped connection) is tried again by the next task, not remembered.
      sweep.catch(() => {
        if (latest?.sweep === sweep) latest = undefined;
      });
    }
    return latest.sweep;
  };
  const summary = { tasks: 0, failed: 0 };
  const lane = async () => {
    let idleSince = performance.now();
    while (!stop.signal.aborted) {
      const [job] = await boss.fetch<TaskJob>(TASK_QUEUE);
      if (job === undefined) {
        if (options.idleExitSeconds !== undefined && performance.now() - idleSince >= options.idleExitSeconds * 1000) return;
        await sleep(IDLE_POLL_MS, undefined, { signal: stop.signal }).catch(() => {});
        continue;
      }
      const started = performance.now();
      const error = await runTask(database, boss, job, sweepOf);
      summary.tasks++;
      if (error !== undefined) summary.failed++;
      options.onTask?.({ ...job.data, seconds: (performance.now() - started) / 1000, ...(error === undefined ? {} : { error }) });
      idleSince = performance.now();
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, lane));
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
    await boss.stop();
  }
  if (backgroundError !== undefined) throw backgroundError;
  return summary;
}

async function loadSweep(database: Database, sweepId: number): Promise<LoadedSweep> {
  const [row] = await database.db.select({ plan: walkForwardSweeps.plan }).from(walkForwardSweeps).where(eq(walkForwardSweeps.id, sweepId));
  if (row === undefined) return null;
  const plan = decodeNumbers<SweepPlan>(row.plan);
  const checked = checkTrials(plan);
  return { plan, data: await loadSweepData(database, plan, checked), checked };
}

/** Evaluate and record one job's task, then complete or fail the job; the error's message if it failed. */
async function runTask(database: Database, boss: PgBoss, job: PgBoss.Job<TaskJob>, sweepOf: (sweepId: number) => Promise<LoadedSweep>): Promise<string | undefined> {
  const { sweepId, fold, trial } = job.data;
  try {
    const sweep = await sweepOf(sweepId);
    if (sweep !== null) {
      const result = evaluateTask(sweep.plan, sweep.data, sweep.checked, { fold, trial });
      await database.db
        .insert(walkForwardTaskResults)
        .values({ sweepId, windowIndex: fold, trial, result: encodeNumbers(result) as Record<string, unknown> })
        .onConflictDoNothing();
    }
  } catch (err) {
    const failure: TaskFailure =
      err instanceof PlatformError ? { message: err.message, code: err.code, expected: err.expected } : { message: err instanceof Error ? err.message : String(err) };
    await boss.fail(TASK_QUEUE, job.id, failure);
    return failure.message;
  }
  await boss.complete(TASK_QUEUE, job.id);
  return undefined;
}
