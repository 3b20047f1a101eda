/**
 * The worker-thread side of the thread-pool executor (./thread-pool.ts): runs one (fold, trial) task
 * with `evaluateTask`. The sweep's plan and grid arrive in shared form with every task (./shared-sweep.ts)
 * and are decoded, and the trials checked, once per sweep id; only the latest sweep is kept.
 *
 * A failure comes back as data, not as a thrown error (src/threads.ts).
 */
import { threadFailure, type ThreadFailure } from "../../threads.ts";
import type { CheckedRequest } from "../../backtest/run-backtest.ts";
import { checkTrials, evaluateTask, type SweepData, type SweepPlan, type SweepTask, type TaskResult } from "../sweep.ts";
import { unshareSweep, type SharedSweep } from "./shared-sweep.ts";

export interface WorkerTask {
  readonly sweep: SharedSweep;
  readonly task: SweepTask;
}

export type WorkerReply = { readonly result: TaskResult } | { readonly failure: ThreadFailure };

let cached: { id: string; plan: SweepPlan; data: SweepData; checked: CheckedRequest[] } | undefined;

export default function runTask({ sweep, task }: WorkerTask): WorkerReply {
  try {
    if (cached?.id !== sweep.id) {
      cached = undefined; // a failed check must not leave the previous sweep under this id
      const { plan, data } = unshareSweep(sweep);
      cached = { id: sweep.id, plan, data, checked: checkTrials(plan) };
    }
    return { result: evaluateTask(cached.plan, cached.data, cached.checked, task) };
  } catch (err) {
    return { failure: threadFailure(err) };
  }
}
