/**
 * runWalkForward end to end on seeded bars, both engines: every fold reproduces as a runBacktest of
 * its dates (a split, a dividend and a delisting included), the stitched curve is the folds' test
 * runs chained, a grid whose best set is known in advance picks it on every fold, a saved run keeps
 * every trial so its DSR and PBO recompute exactly, and bad requests refuse in one line, saving nothing.
 */
import { beforeAll, expect, it } from "vitest";
import { runBacktest } from "../../src/backtest/run-backtest.ts";
import { repositories } from "../../src/repositories/index.ts";
import { runWalkForward, trialTestReturns, type WalkForwardRequest } from "../../src/walk-forward/run-walk-forward.ts";
import { stitchEquity } from "../../src/walk-forward/summary.ts";
import { deflatedSharpeOfSearch, overfittingOfSearch } from "../../src/walk-forward/trial-statistics.ts";
import { describeEachEngine } from "../engines.ts";
import { clearTables, dayBar, storeBars } from "../backtest/ledger.ts";
import { BBB_SPLIT, DATES, FFF_LAST, SMA, seedMarket } from "./market.ts";

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

describeEachEngine("runWalkForward", (db, engine) => {
  beforeAll(async () => {
    await clearTables(db());
    await seedMarket(db());
  });

  it("splits the range into folds with a short last test window, and every fold is the backtest of its dates", async () => {
    const { report } = await runWalkForward({ ...SMA, database: db() });
    // 150 trading days from DATES[30]: tests start at days 40, 60, …, 140; the last has 10 days.
    expect(report.folds.map((f) => [f.trainStart, f.trainEnd, f.testStart, f.testEnd])).toEqual(
      [0, 1, 2, 3, 4, 5].map((k) => [DATES[30 + 20 * k], DATES[69 + 20 * k], DATES[70 + 20 * k], DATES[Math.min(89 + 20 * k, 179)]]),
    );
    expect(report.trials).toBe(3);
    expect(report.instruments).toBe(6);
    for (const fold of report.folds) {
      const same = { strategy: "sma-cross", params: { ...fold.params }, region: "US", commissionBps: 5, slippageBps: 2, cash: 1_000_000, database: db() } as const;
      const test = (await runBacktest({ ...same, from: fold.testStart, to: fold.testEnd })).report;
      const train = (await runBacktest({ ...same, from: fold.trainStart, to: fold.trainEnd })).report;
      const buyAndHold = (await runBacktest({ ...same, strategy: "buy-and-hold", params: {}, from: fold.testStart, to: fold.testEnd })).report;
      expect(relative(fold.oosReturn, test.metrics.totalReturn!)).toBeLessThan(1e-9);
      expect(relative(fold.oosSharpe, test.metrics.sharpeRatio!)).toBeLessThan(1e-9);
      expect(relative(fold.isReturn, train.metrics.totalReturn!)).toBeLessThan(1e-9);
      expect(relative(fold.isSharpe, train.metrics.sharpeRatio!)).toBeLessThan(1e-9);
      expect(relative(fold.oosBuyAndHoldReturn, buyAndHold.metrics.totalReturn!)).toBeLessThan(1e-9);
      expect(fold.overfittingRatio).toBeCloseTo(fold.oosSharpe / fold.isSharpe, 12);
    }
  });

  it("picks the best train objective (ties by grid order) and reports the median over the sets", async () => {
    const { report, results } = await runWalkForward({ ...SMA, database: db() });
    for (const fold of report.folds) {
      const sharpes = results.filter((r) => r.fold === fold.fold).map((r) => r.train.sharpe);
      const best = sharpes.indexOf(Math.max(...sharpes));
      expect(fold.trial).toBe(best);
      expect(fold.params).toEqual({ period: [5, 10, 20][best], percent: 15 });
      expect(fold.isObjective).toBe(sharpes[best]);
      expect(fold.isMedianObjective).toBe([...sharpes].sort((a, b) => a - b)[1]);
    }
  });

  it("the stitched out-of-sample curve is the folds' test runs chained, and saved as a backtest run with every trial", async () => {
    const { report, results } = await runWalkForward({ ...SMA, save: true, name: "wf-sma", database: db() });
    expect(report.runId).toBeGreaterThan(0);
    const runs = await Promise.all(
      report.folds.map(async (f) => (await runBacktest({ strategy: "sma-cross", params: { ...f.params }, region: "US", commissionBps: 5, slippageBps: 2, from: f.testStart, to: f.testEnd, database: db() })).report),
    );
    const chained = stitchEquity(runs.map((r) => ({ dates: r.equity.map((p) => p.date), values: Float64Array.from(r.equity, (p) => p.value), startingValue: 1_000_000 })));
    const stored = (await repositories(db()).research.backtestReport(report.runId!))!;
    expect(stored.equity.map((p) => p.date)).toEqual(chained.dates);
    stored.equity.forEach((p, k) => expect(relative(p.value, chained.values[k])).toBeLessThan(1e-9));
    expect(relative(report.oos.totalReturn, chained.values.at(-1)! / 1_000_000 - 1)).toBeLessThan(1e-9);
    expect([report.oos.from, report.oos.to]).toEqual([DATES[70], DATES[179]]);
    expect(stored.strategy).toBe("sma-cross");

    const research = repositories(db()).research;
    const folds = await research.walkForwardFolds(report.runId!);
    expect(folds.map((f) => [f.windowIndex, f.parameters, f.testStart])).toEqual(report.folds.map((f) => [f.fold, f.params, f.testStart]));
    const trials = await research.walkForwardTrials(report.runId!);
    expect(trials).toHaveLength(6 * 3);
    // Recomputed from the stored trials, the overfitting statistics are the report's.
    const columns = [0, 1, 2].map((trial) => Float64Array.from(trials.filter((t) => t.trial === trial).flatMap((t) => [...t.oosReturns])));
    const chosen = Float64Array.from(report.folds.flatMap((f) => [...trials.find((t) => t.fold === f.fold && t.trial === f.trial)!.oosReturns]));
    expect(overfittingOfSearch(columns, 4).value).toEqual(report.pbo);
    expect(deflatedSharpeOfSearch(chosen, columns).value).toEqual(report.deflatedSharpe);
    expect(columns[0]).toEqual(trialTestReturns(results.filter((r) => r.trial === 0).map((r) => r.testEquity), 1_000_000));
  });

  it("a grid whose best set is known in advance: factor-top on the rising name's factor wins every fold", async () => {
    // A factor ranking AAA first and one ranking it last, computed on every day from the start.
    const scores = (name: string, sign: number) =>
      DATES.slice(0, FFF_LAST + 1).flatMap((date) => ["AAA", "BBB"].map((ticker) => ({ ticker, region: "US", date, factorName: name, score: sign * (ticker === "AAA" ? 1 : -1) })));
    await db().query("DELETE FROM ohlcv_data WHERE ticker IN ('AAA', 'BBB')");
    // AAA rises 1.5 % or 0.5 % a day in turn, BBB falls as much: holding AAA beats holding BBB on any window.
    const rising = (sign: number) => DATES.map((_, d) => 50 * Array.from({ length: d }, (_, k) => 1 + sign * (k % 2 === 0 ? 0.015 : 0.005)).reduce((a, b) => a * b, 1));
    const up = rising(1);
    const down = rising(-1);
    await storeBars(db(), [...DATES.map((date, d) => dayBar("AAA", date, up[d])), ...DATES.map((date, d) => dayBar("BBB", date, down[d] * 2 * (d >= BBB_SPLIT ? 0.5 : 1)))]);
    const factorScores = repositories(db()).factorScores;
    await factorScores.replace("likes_aaa", DATES.slice(0, FFF_LAST + 1), scores("likes_aaa", 1));
    await factorScores.replace("likes_bbb", DATES.slice(0, FFF_LAST + 1), scores("likes_bbb", -1));
    try {
      const { report } = await runWalkForward({
        strategy: "factor-top",
        grid: ["factor=likes_bbb,likes_aaa"],
        params: { n: 1 },
        tickers: "AAA,BBB",
        rebalance: "weekly",
        from: DATES[20],
        to: DATES[FFF_LAST],
        train: 30,
        test: 20,
        partitions: 2,
        database: db(),
      });
      expect(report.folds.map((f) => f.params.factor)).toEqual(report.folds.map(() => "likes_aaa"));
      expect(report.parameterStability).toEqual({ changes: 0, changeRate: 0, coefficientOfVariation: { n: 0 } });
      for (const fold of report.folds) expect(fold.oosReturn).toBeGreaterThan(0);
      // The losing set's OOS returns are all below the winner's: picking by train never lost out of sample.
      expect(report.pbo.pbo).toBe(0);
    } finally {
      await clearTables(db());
      await seedMarket(db());
    }
  });

  it("refuses bad requests in one line and saves nothing", async () => {
    const refused = (request: Partial<WalkForwardRequest>) => runWalkForward({ ...SMA, ...request, save: true, database: db() } as WalkForwardRequest);
    const before = await db().query<{ n: number }>("SELECT count(*)::int AS n FROM backtest_results");
    await expect(refused({ train: 140, test: 20 })).rejects.toThrow(
      "train 140 + gap 0 + test 20 trading days need 160 dates; the universe has 150 in the range: shorten --train/--gap/--test or widen --from/--to",
    );
    await expect(refused({ grid: [] })).rejects.toThrow('--grid "key=v1,v2,…" is required: a walk-forward searches sma-cross\'s parameters (period, size, percent); for one set run scripts/backtest.ts');
    await expect(refused({ grid: ["window=5,10"] })).rejects.toThrow('sma-cross has no parameter "window" (its parameters: period, size, percent)');
    await expect(refused({ objective: "profit" })).rejects.toThrow('--objective must be one of sharpe, sortino, calmar, annual-return (got "profit")');
    await expect(refused({ partitions: 3 })).rejects.toThrow("--partitions must be an even whole number ≥ 2, got 3");
    if (engine.name === "pglite") {
      await expect(refused({ queue: true })).rejects.toThrow("--queue needs a PostgreSQL server that worker processes can reach (set DATABASE_URL); the embedded database is one process's, so use --workers N instead");
    }
    const after = await db().query<{ n: number }>("SELECT count(*)::int AS n FROM backtest_results");
    expect(after).toEqual(before);
  });
});
