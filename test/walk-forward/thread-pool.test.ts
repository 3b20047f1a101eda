/**
 * The thread-pool executor (src/walk-forward/executors/thread-pool.ts) against the in-process one on
 * an in-memory grid (no database): 20 instruments × 300 days with a holiday gap and a delisting,
 * sma-cross over a grid of periods and sizes, factor-top over a score panel; the results of 2 worker
 * threads deep-equal the in-process results exactly, and a worker's error rejects run() with the
 * same message (bad input still an InputError).
 */
import { afterAll, describe, expect, it } from "vitest";
import { strategyKind } from "../../src/backtest/strategies/index.ts";
import type { Market } from "../../src/backtest/types.ts";
import { InputError } from "../../src/errors.ts";
import { mulberry32 } from "../../src/synthetic/index.ts";
import { inProcessExecutor } from "../../src/walk-forward/executors/in-process.ts";
import { threadPoolExecutor } from "../../src/walk-forward/executors/thread-pool.ts";
import { gridCombinations } from "../../src/walk-forward/grid.ts";
import { walkForwardSplits } from "../../src/walk-forward/splits.ts";
import { scoresKey, type SweepData, type SweepPlan, type SweepTask, type TaskResult } from "../../src/walk-forward/sweep.ts";
import { syntheticMarket } from "../../perf/lib/synthetic-market.ts";

const WARM_UP = 30;
const DAYS = 300;
const WIDTH = 20;
const DELISTED = 7;
const DELISTED_ROW = 250;

/** The grid: perf's seeded market, instrument 3 without bars on rows 100–109, instrument 7 delisted after row 250. */
function sweepMarket(): { market: Market; data: SweepData } {
  const base = syntheticMarket(WIDTH, DAYS, 11);
  const open = base.open.slice();
  const close = base.close.slice();
  const volume = base.volume.slice();
  for (let d = 0; d < DAYS; d++) {
    const holes = (d >= 100 && d < 110 ? [3] : []).concat(d > DELISTED_ROW ? [DELISTED] : []);
    for (const i of holes) open[d * WIDTH + i] = close[d * WIDTH + i] = volume[d * WIDTH + i] = NaN;
  }
  const market: Market = { ...base, open, close, volume, adjustedClose: close, startRow: WARM_UP };
  const listings = market.labels.map((_, i) =>
    i === DELISTED ? { delistingDate: market.dates[DELISTED_ROW + 1], lastBarDate: market.dates[DELISTED_ROW] } : { delistingDate: null, lastBarDate: null },
  );
  return { market, data: { market, nextDate: null, listings, scores: {}, rowsRead: DAYS * WIDTH } };
}

/** Folds over the simulated dates, rows shifted into the loaded grid (warm-up rows first). */
function gridFolds(market: Market): SweepPlan["folds"] {
  return walkForwardSplits(market.dates.slice(market.startRow), { train: 100, test: 40 }).map((split) => ({
    ...split,
    trainRows: [split.trainRows[0] + market.startRow, split.trainRows[1] + market.startRow],
    testRows: [split.testRows[0] + market.startRow, split.testRows[1] + market.startRow],
  }));
}

function sweepPlan(market: Market, strategy: string, trials: SweepPlan["trials"]): SweepPlan {
  return {
    request: { strategy, tickers: market.labels.map((label) => `${label}.US`), from: market.dates[market.startRow], to: market.dates[DAYS - 1], commissionBps: 1, slippageBps: 5 },
    warmUp: WARM_UP,
    trials,
    folds: gridFolds(market),
  };
}

function everyTask(plan: SweepPlan): SweepTask[] {
  return plan.folds.flatMap((_, fold) => plan.trials.map((_, trial) => ({ fold, trial })));
}

const byTask = (results: TaskResult[]) => [...results].sort((a, b) => a.fold - b.fold || a.trial - b.trial);

async function failure(run: Promise<unknown>): Promise<Error> {
  try {
    await run;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected run() to reject");
}

const { market, data } = sweepMarket();
const pool = threadPoolExecutor({ workers: 2 });
afterAll(() => pool.close());

describe("threadPoolExecutor", () => {
  it("gives sma-cross results identical to the in-process executor's, each task once", async () => {
    const plan = sweepPlan(market, "sma-cross", gridCombinations(strategyKind("sma-cross"), { period: ["5", "10", "30"], percent: ["5", "10"] }));
    const tasks = everyTask(plan);
    expect(plan.folds.length).toBe(5);
    expect(tasks.length).toBe(30);
    const heard: TaskResult[] = [];
    const threaded = await pool.run(plan, data, tasks, (result) => heard.push(result));
    const inProcess = await inProcessExecutor.run(plan, data, tasks);
    expect(threaded.length).toBe(30);
    expect(byTask(threaded)).toStrictEqual(byTask(inProcess));
    expect(byTask(heard)).toStrictEqual(byTask(inProcess));
    // The windows really traded: the test equity moves away from the initial cash.
    expect(inProcess.filter((result) => result.test.totalReturn !== 0).length).toBeGreaterThan(20);
    // The grid's own arrays were copied, not replaced or written.
    expect(data.market.close.buffer).not.toBeInstanceOf(SharedArrayBuffer);
  });

  it("gives factor-top results over a shared score panel identical to the in-process executor's", async () => {
    const kind = strategyKind("factor-top");
    const trials = gridCombinations(kind, { n: ["3", "5"], weighting: ["equal", "score"] }, { factor: "bench_score" });
    const uniform = mulberry32(5);
    const values = Float64Array.from({ length: DAYS * WIDTH }, () => (uniform() < 0.05 ? NaN : uniform()));
    const key = scoresKey(kind.factorWeights!(trials[0]));
    const scored: SweepData = { ...data, scores: { [key]: { dates: market.dates, tickers: market.labels, values } } };
    const plan = sweepPlan(market, "factor-top", trials);
    const tasks = everyTask(plan);
    const threaded = await pool.run(plan, scored, tasks);
    const inProcess = await inProcessExecutor.run(plan, scored, tasks);
    expect(threaded.length).toBe(20);
    expect(byTask(threaded)).toStrictEqual(byTask(inProcess));
  });

  it("rejects with the worker's InputError, message unchanged, and runs the next sweep", async () => {
    const plan = sweepPlan(market, "sma-cross", [{ period: 0 }]);
    const tasks = everyTask(plan);
    const inProcess = await failure(inProcessExecutor.run(plan, data, tasks));
    const threaded = await failure(pool.run(plan, data, tasks));
    expect(threaded).toBeInstanceOf(InputError);
    expect(threaded.message).toBe("sma-cross: parameter period must be ≥ 1, got 0");
    expect(threaded.message).toBe(inProcess.message);
    expect((threaded as InputError).code).toBe("bad-input");

    const good = sweepPlan(market, "sma-cross", gridCombinations(strategyKind("sma-cross"), { period: ["10"] }));
    expect(byTask(await pool.run(good, data, everyTask(good)))).toStrictEqual(byTask(await inProcessExecutor.run(good, data, everyTask(good))));
  });

  it("rejects with a bug's message and class name when a task is outside the plan", async () => {
    const plan = sweepPlan(market, "sma-cross", gridCombinations(strategyKind("sma-cross"), { period: ["10"] }));
    const threaded = await failure(pool.run(plan, data, [{ fold: 0, trial: 0 }, { fold: 9, trial: 0 }]));
    expect(threaded).not.toBeInstanceOf(InputError);
    expect(threaded.name).toBe("RangeError");
    expect(threaded.message).toBe('task {"fold":9,"trial":0} is outside the plan\'s 5 folds × 1 trials');
  });

  it("refuses a worker count below 1 in one line, and refuses to run once closed", async () => {
    expect(() => threadPoolExecutor({ workers: 0 })).toThrow(new InputError("--workers must be a whole number ≥ 1 (got 0)"));
    const spare = threadPoolExecutor({ workers: 1 });
    await spare.close();
    await spare.close();
    const plan = sweepPlan(market, "sma-cross", gridCombinations(strategyKind("sma-cross"), { period: ["10"] }));
    expect((await failure(spare.run(plan, data, everyTask(plan)))).message).toBe("the thread pool is closed");
  });
});
