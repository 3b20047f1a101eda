/**
 * A walk-forward queue worker: `DATABASE_URL=postgres://… tsx scripts/worker.ts [--concurrency N] [--idle-exit S]`.
 * The work is `runSweepWorker` (src/walk-forward/queue-worker.ts); this file parses flags and prints.
 * Output (stderr only): one line when it starts, one per failed task, one summary when it stops.
 * Exit codes (scripts/lib/cli.ts): 0 stopped (Ctrl-C, SIGTERM, or --idle-exit), 2 bad input or no server.
 */
import { integerOption, parseCli, runCli } from "./lib/cli.ts";
import { InputError } from "../src/errors.ts";
import { runSweepWorker } from "../src/walk-forward/queue-worker.ts";

const HELP = `Usage: DATABASE_URL=postgres://user:pass@host:port/db tsx scripts/worker.ts [options]

Works the tasks of walk-forward sweeps started with \`tsx scripts/walk-forward.ts --queue\`: each
task (one parameter set on one fold) is taken from the job queue in the server database, evaluated
on the sweep's data and its result written back. Start any number of workers, on any machines that
reach the database; each task is done once, and a killed worker's tasks are retried by the others.

  --concurrency N     tasks held at once (default 1); evaluation uses one core, so start one
                      worker per core rather than raising this
  --idle-exit S       exit once the queue has had no task for S seconds (default: run until
                      Ctrl-C or SIGTERM, which finish the task in hand first)
  --help              show this help

Database: DATABASE_URL (a PostgreSQL server) is required; the embedded database serves one
process at a time and cannot share a queue.
Exit codes: 0 stopped; 2 bad input, DATABASE_URL unset, or the server unreachable.`;

const OPTIONS = {
  concurrency: { type: "string" },
  "idle-exit": { type: "string" },
} as const;

runCli(async () => {
  const values = parseCli(OPTIONS, HELP);
  if (!values) return;
  const concurrency = integerOption(values.concurrency, "--concurrency", 1) ?? 1;
  const idleExitSeconds = integerOption(values["idle-exit"], "--idle-exit", 0);
  if (!process.env.DATABASE_URL) {
    throw new InputError("the worker needs a PostgreSQL server: set DATABASE_URL=postgres://user:pass@host:port/db (the embedded database serves one process at a time)");
  }
  const stop = new AbortController();
  process.once("SIGINT", () => stop.abort());
  process.once("SIGTERM", () => stop.abort());
  process.stderr.write(`worker: ${concurrency} at a time${idleExitSeconds === undefined ? "; Ctrl-C stops" : `; exits after ${idleExitSeconds} s without a task`}\n`);
  const summary = await runSweepWorker({
    concurrency,
    idleExitSeconds,
    signal: stop.signal,
    onTask: (task) => {
      if (task.error !== undefined) process.stderr.write(`sweep ${task.sweepId} fold ${task.fold} trial ${task.trial} failed (it will be retried): ${task.error}\n`);
    },
  });
  process.stderr.write(`worker: ${summary.tasks} tasks worked (${summary.failed} failed)\n`);
});
