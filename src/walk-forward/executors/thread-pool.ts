/**
 * `--workers N`: a sweep's tasks on N worker threads (a piscina pool), each running `evaluateTask`
 * in ./thread-worker.ts on the same grid, so results equal the in-process executor's.
 *
 * Data: the grid's typed arrays are copied once per run into shared memory and the rest is encoded
 * once (./shared-sweep.ts); every task message carries only handles to them.
 *
 * TypeScript in the workers: each starts at src/threads.ts's WORKER_BOOTSTRAP.
 *
 * Errors: the first failing task rejects run() with the worker's error rebuilt (same message; a
 * PlatformError keeps its class, code and context, so bad input stays an InputError) and no further
 * task is started. Results come back in the order of the tasks given.
 */
import { Piscina } from "piscina";
import { InputError } from "../../errors.ts";
import { rebuildError, WORKER_BOOTSTRAP } from "../../threads.ts";
import type { TaskResult } from "../sweep.ts";
import { shareSweep } from "./shared-sweep.ts";
import type { WorkerReply, WorkerTask } from "./thread-worker.ts";
import type { SweepExecutor } from "./types.ts";

export interface ThreadPoolOptions {
  /** Worker threads, ≥ 1. */
  readonly workers: number;
}

const WORKER = new URL("./thread-worker.ts", import.meta.url).href;

export function threadPoolExecutor({ workers }: ThreadPoolOptions): SweepExecutor {
  if (!Number.isInteger(workers) || workers < 1) throw new InputError(`--workers must be a whole number ≥ 1 (got ${workers})`);
  const pool = new Piscina<WorkerTask, WorkerReply>({
    filename: WORKER_BOOTSTRAP.href,
    workerData: { entry: WORKER },
    minThreads: workers,
    maxThreads: workers,
  });
  let closed = false;
  return {
    async run(plan, data, tasks, onResult) {
      if (closed) throw new Error("the thread pool is closed");
      const sweep = shareSweep(plan, data);
      const results: TaskResult[] = new Array(tasks.length);
      let next = 0;
      let failed = false;
      // Each lane hands the pool one task at a time; two lanes per thread keep every thread's next
      // task queued. After a failure the lanes stop taking tasks (aborting a running piscina task
      // races its reply), so run() rejects at once and the pool is idle a task later.
      const lane = async () => {
        while (!failed && next < tasks.length) {
          const index = next++;
          const reply = await pool.run({ sweep, task: tasks[index] });
          if ("failure" in reply) {
            failed = true;
            throw rebuildError(reply.failure);
          }
          onResult?.(reply.result);
          results[index] = reply.result;
        }
      };
      await Promise.all(Array.from({ length: Math.min(2 * workers, tasks.length) }, lane));
      return results;
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.destroy();
    },
  };
}
