/** The default executor: every task in turn, in this process (one worker). */
import { checkTrials, evaluateTask } from "../sweep.ts";
import type { SweepExecutor } from "./types.ts";

export const inProcessExecutor: SweepExecutor = {
  async run(plan, data, tasks, onResult) {
    const checked = checkTrials(plan);
    const results = [];
    for (const task of tasks) {
      const result = evaluateTask(plan, data, checked, task);
      onResult?.(result);
      results.push(result);
      // Let a progress bar redraw between tasks.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return results;
  },
  async close() {},
};
