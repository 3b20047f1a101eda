/**
 * `--queue`: a sweep's tasks as jobs on the server's pg-boss queue (./task-queue.ts), done by any
 * number of worker processes (`tsx scripts/worker.ts`, ../queue-worker.ts) on any machine that
 * reaches the database. This process only coordinates; `data` is not used (each worker loads the
 * grid from the plan with loadSweepData).
 *
 * The coordinator writes the plan to walk_forward_sweeps (one row, numbers kept by ./exact-json.ts),
 * puts one job per task, then polls walk_forward_task_results every 250 ms (a count; the new rows
 * when it grew), calling onResult for each new row, until every task has its row. A worker writes a
 * task's row once (INSERT … ON CONFLICT DO NOTHING), so a task retried after its worker died counts
 * once. Lost tasks: a job still active `expireInSeconds` after a worker took it is failed by this
 * process's pg-boss maintenance and retried, up to `retryLimit` times; a task whose job failed on
 * every try and has no result rejects the run with the worker's error (an InputError stays one).
 * When the run ends, by success or not, its sweep row (results cascade) and its jobs are deleted:
 * the tables are transport, not a record (`--save` records the walk-forward run).
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { and, eq, sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import type { Database } from "../../db/index.ts";
import { InputError, PlatformError } from "../../errors.ts";
import { walkForwardSweeps, walkForwardTaskResults } from "../../schema/index.ts";
import type { TaskResult } from "../sweep.ts";
import { decodeNumbers, encodeNumbers } from "./exact-json.ts";
import { deleteJobs, startTaskQueue, TASK_QUEUE, type TaskFailure, type TaskJob } from "./task-queue.ts";
import type { SweepExecutor } from "./types.ts";

const POLL_MS = 250;

export interface JobQueueOptions {
  /** The open server database (the embedded engine is refused: it serves one process). */
  readonly database: Database;
  /**
   * Seconds a worker may hold a task before it counts as lost (its worker killed) and is retried;
   * default 60. Keep it above the longest task: a slower task is retried while it still runs
   * (harmless, its result is written once, but wasted work).
   */
  readonly expireInSeconds?: number;
  /** Retries of a failed or lost task before it fails the sweep; default 3. */
  readonly retryLimit?: number;
}

interface RunningSweep {
  readonly sweepId: number;
  readonly jobIds: readonly string[];
}

export function jobQueueExecutor(options: JobQueueOptions): SweepExecutor {
  const { database } = options;
  const expireInSeconds = options.expireInSeconds ?? 60;
  const retryLimit = options.retryLimit ?? 3;
  let boss: PgBoss | undefined;
  let backgroundError: Error | undefined;
  let running: RunningSweep | undefined;

  const discard = async (sweep: RunningSweep) => {
    running = undefined;
    if (boss !== undefined) await deleteJobs(database, sweep.jobIds);
    await database.db.delete(walkForwardSweeps).where(eq(walkForwardSweeps.id, sweep.sweepId));
  };

  return {
    async run(plan, _data, tasks, onResult) {
      boss ??= await startTaskQueue(database, {
        // Expiry is judged at maintenance: often enough that a lost task waits little past its expiry.
        maintenanceIntervalSeconds: Math.max(1, Math.ceil(expireInSeconds / 4)),
        onError: (error) => (backgroundError ??= error),
      });
      const [{ sweepId }] = await database.db
        .insert(walkForwardSweeps)
        .values({ plan: encodeNumbers(plan) as Record<string, unknown>, tasks: tasks.length })
        .returning({ sweepId: walkForwardSweeps.id });
      const jobs = tasks.map(({ fold, trial }) => ({ id: randomUUID(), name: TASK_QUEUE, data: { sweepId, fold, trial } satisfies TaskJob, expireInSeconds, retryLimit }));
      const sweep: RunningSweep = { sweepId, jobIds: jobs.map((job) => job.id) };
      running = sweep;
      try {
        if (jobs.length > 0) await boss.insert(jobs);
        return await collect(database, sweepId, plan.trials.length, tasks.length, onResult, () => backgroundError);
      } finally {
        await discard(sweep);
      }
    },
    async close() {
      if (running !== undefined) await discard(running);
      await boss?.stop();
      boss = undefined;
    },
  };
}

/** Poll until `expected` results are in; reject on a task that failed for good or a pg-boss error. */
async function collect(
  database: Database,
  sweepId: number,
  trials: number,
  expected: number,
  onResult: ((result: TaskResult) => void) | undefined,
  backgroundError: () => Error | undefined,
): Promise<TaskResult[]> {
  const results: TaskResult[] = [];
  // Keys (fold × trials + trial) of the rows read, sent as one text parameter to skip them.
  const seen: number[] = [];
  const t = walkForwardTaskResults;
  while (results.length < expected) {
    const error = backgroundError();
    if (error !== undefined) throw error;
    const count = await database.db.$count(t, eq(t.sweepId, sweepId));
    if (count > results.length) {
      const rows = await database.db
        .select({ result: t.result })
        .from(t)
        .where(and(eq(t.sweepId, sweepId), sql`NOT (${t.windowIndex}::bigint * ${trials} + ${t.trial} = ANY(string_to_array(${seen.join(",")}, ',')::bigint[]))`));
      for (const row of rows) {
        const result = decodeNumbers<TaskResult>(row.result);
        seen.push(result.fold * trials + result.trial);
        results.push(result);
        onResult?.(result);
      }
      continue;
    }
    await failedTask(database, sweepId);
    await sleep(POLL_MS);
  }
  return results;
}

/** Throws the error of a task whose job failed on every try without writing a result. */
async function failedTask(database: Database, sweepId: number): Promise<void> {
  const [failed] = await database.query<{ fold: number; trial: number; output: { value?: TaskFailure } & Partial<TaskFailure> | null }>(
    `SELECT (j.data->>'fold')::int AS fold, (j.data->>'trial')::int AS trial, j.output
       FROM pgboss.job j
      WHERE j.name = $1 AND j.state = 'failed' AND (j.data->>'sweepId')::bigint = $2
        AND NOT EXISTS (SELECT 1 FROM walk_forward_task_results r
                         WHERE r.sweep_id = $2 AND r.window_index = (j.data->>'fold')::int AND r.trial = (j.data->>'trial')::int)
      LIMIT 1`,
    [TASK_QUEUE, sweepId],
  );
  if (failed === undefined) return;
  // A worker's failure is { message, code?, expected? }; pg-boss's own timeout is { value: { message } }.
  const failure: Partial<TaskFailure> = failed.output?.message !== undefined ? failed.output : (failed.output?.value ?? {});
  const message = failure.message ?? "no error recorded";
  if (failure.code === "bad-input") throw new InputError(message);
  if (failure.code !== undefined && failure.expected === true) throw new PlatformError(failure.code, message);
  throw new Error(`walk-forward task (fold ${failed.fold}, trial ${failed.trial}) failed on every try on the workers; the last error: ${message}`);
}

