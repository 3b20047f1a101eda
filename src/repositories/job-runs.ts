/**
 * Job runs repository: one `job_runs` row per run of a scheduled or manual job (factor computation, …).
 *
 * Life cycle: `start` inserts a `running` row (started_at = now()); `finish` sets the final status
 * (`succeeded` or `failed`), rows, error and finished_at = now(), and merges its `details` into the
 * row's. A process that dies mid-run leaves its row `running`: visible as such, and never counted as a
 * success. Dates are `YYYY-MM-DD`; `details` is JSON the job defines (its scope, dates, counts).
 */
import { desc, eq, sql } from "drizzle-orm";
import type { Session } from "../db/index.ts";
import { jobRuns } from "../schema/index.ts";
import type { JobRun } from "../schema/index.ts";

export interface JobRunStart {
  readonly job: string;
  readonly fromDate?: string | null;
  readonly toDate?: string | null;
  readonly details?: Record<string, unknown>;
}

export interface JobRunOutcome {
  readonly status: "succeeded" | "failed";
  readonly rows?: number | null;
  readonly error?: string | null;
  readonly details?: Record<string, unknown>;
}

export function jobRunsRepository(session: Session) {
  const { db } = session;
  return {
    async start(run: JobRunStart): Promise<JobRun> {
      const [row] = await db
        .insert(jobRuns)
        .values({ job: run.job, status: "running", fromDate: run.fromDate ?? null, toDate: run.toDate ?? null, details: run.details ?? {} })
        .returning();
      return row;
    },

    async finish(id: number, outcome: JobRunOutcome): Promise<JobRun> {
      const [row] = await db
        .update(jobRuns)
        .set({
          status: outcome.status,
          rows: outcome.rows ?? null,
          error: outcome.error ?? null,
          details: sql`${jobRuns.details} || ${JSON.stringify(outcome.details ?? {})}::jsonb`,
          finishedAt: sql`now()`,
        })
        .where(eq(jobRuns.id, id))
        .returning();
      if (row === undefined) throw new Error(`job run ${id} does not exist`);
      return row;
    },

    /**
     * The latest `to_date` of a succeeded run of `job` whose details contain `scope` (JSON
     * containment, so a run over more factors or regions covers a narrower scope); null if none.
     */
    async succeededThrough(job: string, scope: Record<string, unknown> = {}): Promise<string | null> {
      const [row] = await session.query<{ through: string | null }>(
        `SELECT max(to_date)::text AS through FROM job_runs WHERE job = $1 AND status = 'succeeded' AND details @> $2::jsonb`,
        [job, JSON.stringify(scope)],
      );
      return row?.through ?? null;
    },

    /** Runs of `job`, newest first (by start, then id). */
    list(job: string, options: { limit?: number } = {}): Promise<JobRun[]> {
      return db
        .select()
        .from(jobRuns)
        .where(eq(jobRuns.job, job))
        .orderBy(desc(jobRuns.startedAt), desc(jobRuns.id))
        .limit(options.limit ?? 100);
    },
  };
}

export type JobRunsRepository = ReturnType<typeof jobRunsRepository>;
