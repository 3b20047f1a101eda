/**
 * The job-queue executor (`--queue`) and `tsx scripts/worker.ts`: worker processes against a fresh
 * database on the test server finish a sweep whose results equal the in-process run's, and a worker
 * killed with SIGKILL mid-sweep loses nothing; a sweep's jobs are deleted also while a worker fails one.
 * Plus the numbers jsonb cannot hold, and the refusals.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedUniverse } from "../../perf/lib/backtest-universe.ts";
import { openDatabase, type Database } from "../../src/db/index.ts";
import { InputError } from "../../src/errors.ts";
import { createScratchDatabase, type ScratchDatabase } from "../../src/db/scratch-database.ts";
import { warmUpDays } from "../../src/backtest/run-backtest.ts";
import { strategyKind } from "../../src/backtest/strategies/index.ts";
import { decodeNumbers, encodeNumbers } from "../../src/walk-forward/executors/exact-json.ts";
import { inProcessExecutor } from "../../src/walk-forward/executors/in-process.ts";
import { jobQueueExecutor } from "../../src/walk-forward/executors/job-queue.ts";
import { deleteJobs, startTaskQueue, TASK_QUEUE } from "../../src/walk-forward/executors/task-queue.ts";
import { gridCombinations } from "../../src/walk-forward/grid.ts";
import { walkForwardSplits } from "../../src/walk-forward/splits.ts";
import { checkTrials, loadSweepData, type SweepData, type SweepPlan, type SweepTask, type TaskResult } from "../../src/walk-forward/sweep.ts";
import { numberedTickers } from "../../src/synthetic/index.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SCRIPT = "scripts/worker.ts";

const byTask = (a: SweepTask, b: SweepTask) => a.fold - b.fold || a.trial - b.trial;
const sorted = (results: TaskResult[]) => [...results].sort(byTask);

describe("exact JSON for jsonb", () => {
  it("keeps NaN, ±Infinity and −0 through JSON text, and leaves everything else as JSON writes it", () => {
    const value = { sharpe: NaN, calmar: Infinity, low: -Infinity, zero: -0, plus: 0, equity: [1.5, NaN, 1e-300], name: "NaN", nested: { x: [null, true] } };
    const stored = JSON.parse(JSON.stringify(encodeNumbers(value)));
    expect(stored).toEqual({
      sharpe: { $number: "NaN" },
      calmar: { $number: "Infinity" },
      low: { $number: "-Infinity" },
      zero: { $number: "-0" },
      plus: 0,
      equity: [1.5, { $number: "NaN" }, 1e-300],
      name: "NaN",
      nested: { x: [null, true] },
    });
    const back = decodeNumbers<typeof value>(stored);
    expect(back).toEqual(value);
    expect(Object.is(back.zero, -0)).toBe(true);
    expect(Object.is(back.plus, 0)).toBe(true);
  });
});

describe("scripts/worker.ts refusals", () => {
  const run = (args: string[], env: Record<string, string>) => spawnSync(process.execPath, ["--import", "tsx", SCRIPT, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: "utf8" });

  it("refuses without a server (DATABASE_URL unset): one line, exit 2", () => {
    const result = run([], { DATABASE_URL: "" });
    expect([result.status, result.stdout, result.stderr]).toEqual([
      2,
      "",
      "error: the worker needs a PostgreSQL server: set DATABASE_URL=postgres://user:pass@host:port/db (the embedded database serves one process at a time)\n",
    ]);
  });

  it("refuses a concurrency below 1: one line, exit 2", () => {
    const result = run(["--concurrency", "0"], { DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" });
    expect([result.status, result.stderr]).toEqual([2, 'error: --concurrency must be an integer ≥ 1, got "0"\n']);
  });
});

describe("jobQueueExecutor on the embedded engine", () => {
  it("refuses with one line: the queue needs a server", async () => {
    const database = await openDatabase({ dir: "memory://" });
    const executor = jobQueueExecutor({ database });
    try {
      const plan: SweepPlan = { request: { strategy: "sma-cross", tickers: ["B00001.US"], from: "2015-01-01", to: "2015-02-01" }, warmUp: 0, trials: [], folds: [] };
      await expect(executor.run(plan, {} as SweepData, [])).rejects.toThrow(
        "the job queue needs a PostgreSQL server (set DATABASE_URL); the embedded database in memory:// serves one process at a time",
      );
    } finally {
      await executor.close();
      await database.close();
    }
  });
});

// On a server only when the suite has one (TEST_DATABASE_URL, as .ci/run sets it), like test/engines.ts.
const servers = process.env.TEST_DATABASE_URL ? [process.env.TEST_DATABASE_URL] : [];
for (const baseUrl of servers) {
  describe("sweeps through worker processes [postgres]", () => {
    let server: ScratchDatabase;
    let database: Database;
    let plan: SweepPlan;
    let data: SweepData;
    let tasks: SweepTask[];
    let expected: TaskResult[];

    beforeAll(async () => {
      server = await createScratchDatabase(baseUrl, "wfqueue");
      database = await openDatabase({ url: server.url });
      const universe = await seedUniverse(database, { tickers: 20, days: 300, seed: 11, region: "US", factor: "momentum_12_1" }, () => {});
      const kind = strategyKind("sma-cross");
      const trials = gridCombinations(kind, { period: ["5", "10", "15", "20", "25", "30", "40", "50"] });
      const request = { strategy: "sma-cross", tickers: numberedTickers(20, "B", 5).map((t) => `${t}.US`), from: universe.dates[60], to: universe.dates[299] };
      const warmUp = Math.max(...checkTrials({ request, trials }).map(warmUpDays));
      data = await loadSweepData(database, { request, warmUp, trials, folds: [] });
      const start = data.market.startRow;
      const shift = ([first, last]: readonly [number, number]) => [first + start, last + start] as const;
      const folds = walkForwardSplits(data.market.dates.slice(start), { train: 60, test: 40 }).map((f) => ({ ...f, trainRows: shift(f.trainRows), testRows: shift(f.testRows) }));
      plan = { request, warmUp, trials, folds };
      tasks = folds.flatMap((_, fold) => trials.map((_, trial) => ({ fold, trial })));
      expected = sorted(await inProcessExecutor.run(plan, data, tasks));
    });

    afterAll(async () => {
      await database?.close();
      await server?.drop();
    });

    /** A worker process on the scratch database; `done` resolves with its exit code and stderr. */
    function startWorker(args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
      const child = spawn(process.execPath, ["--import", "tsx", SCRIPT, ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: server.url, TZ: "UTC" }, stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stderr })));
      return { child, done };
    }

    const tasksDone = (stderr: string) => Number(/worker: (\d+) tasks worked \(0 failed\)/.exec(stderr)?.[1]);

    it("two workers finish a sweep whose results equal the in-process run's, each task done once", async () => {
      expect(tasks.length).toBe(40);
      const workers = [startWorker(["--idle-exit", "2"]), startWorker(["--idle-exit", "2", "--concurrency", "2"])];
      const executor = jobQueueExecutor({ database });
      const heard: TaskResult[] = [];
      try {
        const results = await executor.run(plan, data, tasks, (result) => heard.push(result));
        expect(sorted(results)).toEqual(expected);
        expect(sorted(heard)).toEqual(expected);
      } finally {
        await executor.close();
      }
      const exits = await Promise.all(workers.map((w) => w.done));
      expect(exits.map((e) => e.code), exits.map((e) => e.stderr).join("\n")).toEqual([0, 0]);
      expect(tasksDone(exits[0].stderr) + tasksDone(exits[1].stderr)).toBe(tasks.length);
      // The coordinator leaves nothing behind: the sweep, its results and its jobs are gone.
      expect(await database.query("SELECT count(*)::int AS n FROM walk_forward_sweeps")).toEqual([{ n: 0 }]);
      expect(await database.query("SELECT count(*)::int AS n FROM walk_forward_task_results")).toEqual([{ n: 0 }]);
      expect(await database.query("SELECT count(*)::int AS n FROM pgboss.job")).toEqual([{ n: 0 }]);
    });

    it("a task that fails on every try rejects the run with the worker's error, an InputError still one", async () => {
      const last = plan.folds.length - 1;
      const stale: SweepPlan = { ...plan, folds: plan.folds.map((f, i) => (i === last ? { ...f, testEnd: "2099-01-01" } : f)) };
      const worker = startWorker(["--idle-exit", "2"]);
      const executor = jobQueueExecutor({ database, retryLimit: 1 });
      try {
        const err = await executor.run(stale, data, tasks).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(InputError);
        expect((err as Error).message).toBe(`the stored bars changed since the sweep was planned (2099-01-01 is no longer row ${plan.folds[last].testRows[1]} of the grid); start the sweep again`);
      } finally {
        await executor.close();
      }
      const exit = await worker.done;
      expect(exit.code, exit.stderr).toBe(0);
      expect(exit.stderr).toMatch(/^sweep \d+ fold \d+ trial \d+ failed \(it will be retried\): the stored bars changed since the sweep was planned/m);
      expect(await database.query("SELECT count(*)::int AS n FROM walk_forward_sweeps")).toEqual([{ n: 0 }]);
      expect(await database.query("SELECT count(*)::int AS n FROM pgboss.job")).toEqual([{ n: 0 }]);
    });

    it("a worker killed with SIGKILL mid-sweep loses nothing: its task is retried and written once", async () => {
      const executor = jobQueueExecutor({ database, expireInSeconds: 2 });
      const first = startWorker([]);
      const heard: TaskResult[] = [];
      try {
        const running = executor.run(plan, data, tasks, (result) => heard.push(result));
        // Once some results are in, hold the sweep's row so the worker's next result insert waits on
        // it (its foreign key check), then kill the worker there, mid-task, and its connection with
        // it (as a dead machine's connection goes), so that task's result is never written by it.
        let inAtKill = 0;
        await database.transaction(async (tx) => {
          while ((await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM walk_forward_task_results"))[0].n === 0) await sleep(20);
          await tx.query("SELECT id FROM walk_forward_sweeps FOR UPDATE");
          const waiting = "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'";
          while ((await tx.query(waiting)).length === 0) await sleep(20);
          inAtKill = (await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM walk_forward_task_results"))[0].n;
          first.child.kill("SIGKILL");
          expect((await first.done).signal).toBe("SIGKILL");
          expect(await tx.query(`SELECT pg_terminate_backend(pid) AS ended FROM (${waiting}) w`)).toEqual([{ ended: true }]);
        });
        expect(inAtKill).toBeGreaterThan(0);
        expect(inAtKill).toBeLessThan(tasks.length);
        const second = startWorker(["--idle-exit", "5"]);
        const results = await running;
        expect(sorted(results)).toEqual(expected);
        expect(sorted(heard).map((r) => [r.fold, r.trial])).toEqual(tasks.map((t) => [t.fold, t.trial]));
        const exit = await second.done;
        expect(exit.code, exit.stderr).toBe(0);
        // Every task the first worker had not written, the one it held when killed included (retried
        // once its job expired), was done by the second, once.
        expect(tasksDone(exit.stderr)).toBe(tasks.length - inAtKill);
      } finally {
        first.child.kill("SIGKILL");
        await executor.close();
      }
    });

    // pg-boss fails a job by deleting its row and inserting it again; a plain DELETE waiting on that
    // row skips it once the failure commits and never sees the new row, so the job outlived its sweep
    // (a CI run found one left). Here such a failure, in pg-boss's statement shape, is held open in its
    // own transaction while deleteJobs starts and waits.
    describe("deleting a sweep's jobs", () => {
      let boss: PgBoss;
      beforeAll(async () => {
        boss = await startTaskQueue(database, { onError: () => {} });
      });
      afterAll(async () => {
        await boss?.stop();
      });
      const jobsLeft = async () => (await database.query<{ n: number }>("SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1", [TASK_QUEUE]))[0].n;

      it("also removes the row a worker's failure in flight inserts again", async () => {
        const [failing, other] = [randomUUID(), randomUUID()];
        await boss.insert([failing, other].map((id, trial) => ({ id, name: TASK_QUEUE, data: { sweepId: 1, fold: 0, trial } })));
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        let reinserted!: () => void;
        const failed = new Promise<void>((resolve) => (reinserted = resolve));
        const worker = database.transaction(async (tx) => {
          await tx.query("WITH d AS (DELETE FROM pgboss.job WHERE name = $1 AND id = $2 RETURNING *) INSERT INTO pgboss.job SELECT * FROM d", [TASK_QUEUE, failing]);
          reinserted();
          await held;
        });
        await failed;
        const deleting = deleteJobs(database, [failing, other]);
        const waiting = "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'";
        while ((await database.query(waiting)).length === 0) await sleep(20);
        release();
        await worker;
        await deleting;
        expect(await jobsLeft()).toBe(0);
      });

      it("deletes nothing when given no job", async () => {
        const before = await jobsLeft();
        const id = randomUUID();
        await boss.insert([{ id, name: TASK_QUEUE, data: { sweepId: 2, fold: 0, trial: 0 } }]);
        await deleteJobs(database, []);
        expect(await jobsLeft()).toBe(before + 1);
        await deleteJobs(database, [id]);
        expect(await jobsLeft()).toBe(before);
      });
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
