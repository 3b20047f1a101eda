/**
 * How a sweep's tasks get run. Every executor runs `evaluateTask` (../sweep.ts) on the same grid, so
 * the choice changes only where the work happens, never a number: in this process, on worker
 * threads (`--workers N`), or through a job queue shared by worker processes (`--queue`).
 */
import type { SweepData, SweepPlan, SweepTask, TaskResult } from "../sweep.ts";

export interface SweepExecutor {
  /**
   * Run every task once; `onResult` hears each as it completes (for progress). Resolves with one
   * result per task, in any order; rejects with the first task's error (bad input stays InputError).
   */
  run(plan: SweepPlan, data: SweepData, tasks: readonly SweepTask[], onResult?: (result: TaskResult) => void): Promise<TaskResult[]>;
  /** Release threads or connections; safe to call twice. */
  close(): Promise<void>;
}
