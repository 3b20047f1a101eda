import { beforeAll, describe, expect, test } from "vitest";
import type { Database, Transaction } from "../../src/db/index.ts";
import { FACTOR_JOB, runFactorJob } from "../../src/factors/jobs/factor-job.ts";
import { JOB_LOCK_NAMESPACE, JobLockedError, withJobLock } from "../../src/factors/jobs/job-lock.ts";
import { repositories } from "../../src/repositories/index.ts";
import { jobRunsRepository } from "../../src/repositories/job-runs.ts";
import { type FactorScore, type NewFundamentals, factorScores } from "../../src/schema/index.ts";
import { describeEachEngine } from "../engines.ts";
import { DAYS, GROWTH_DOWN, GROWTH_UP, MOMENTUM_UP, close, universeBars } from "./universe.ts";
import { InputError } from "../../src/errors.ts";

const D = 299; // evaluation day index: every ticker but LATE has ≥ 252 bars before it
const SQRT_1_5 = Math.sqrt(1.5);

/** The stored cells of one factor on one date, by ticker. */
function byTicker(scores: readonly FactorScore[], date: string) {
  return Object.fromEntries(
    scores.filter((s) => s.date === date).map((s) => [s.ticker, [s.rawValue, s.zScore, s.percentile, s.score]]),
  );
}

function expectCells(actual: Record<string, (number | null)[]>, expected: Record<string, (number | null)[]>) {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [ticker, cells] of Object.entries(expected)) {
    cells.forEach((value, i) => {
      if (value === null) expect(actual[ticker][i], `${ticker}[${i}]`).toBeNull();
      else expect(actual[ticker][i], `${ticker}[${i}]`).toBeCloseTo(value, 12);
    });
  }
}

describeEachEngine("factor job", (db, engine) => {
  const repos = () => repositories(db());

  beforeAll(async () => {
    await repos().prices.upsertBars(universeBars(0, D + 1));
  });

  test("writes hand-checked momentum and reversal scores for one date", async () => {
    const result = await runFactorJob(db(), { from: DAYS[D], to: DAYS[D], factors: ["momentum_12_1", "reversal_1m"] });
    expect(result.rowsByFactor).toEqual({ momentum_12_1: 3, reversal_1m: 4 });
    expect(result.rows).toBe(7);
    expect(result.regions).toEqual([{ region: "US", instruments: 4, dates: 1, first: DAYS[D], last: DAYS[D] }]);

    // Momentum: raw {a, 0, −a}; winsorized at type-7 1%/99% to {0.98a, 0, −0.98a}: z = ±√1.5, 0.
    const momentum = await repos().factorScores.scores("momentum_12_1", DAYS[D], DAYS[D]);
    expectCells(byTicker(momentum, DAYS[D]), {
      UP: [MOMENTUM_UP, SQRT_1_5, 1, SQRT_1_5],
      FLAT: [0, 0, 0.5, 0],
      DOWN: [-MOMENTUM_UP, -SQRT_1_5, 0, -SQRT_1_5],
    });
    // Reversal: raw closed forms and percentiles (DOWN < FLAT < UP < LATE); z-scores are scoreFactor's.
    const reversal = byTicker(await repos().factorScores.scores("reversal_1m", DAYS[D], DAYS[D]), DAYS[D]);
    expect(Object.fromEntries(Object.entries(reversal).map(([t, cells]) => [t, [cells[0], cells[2]]]))).toEqual({
      UP: [expect.closeTo(GROWTH_UP ** 21 - 1, 14), 2 / 3],
      FLAT: [0, 1 / 3],
      DOWN: [expect.closeTo(GROWTH_DOWN ** 21 - 1, 14), 0],
      LATE: [expect.closeTo(1.002 ** 21 - 1, 14), 1],
    });
    for (const [zScore, score] of Object.values(reversal).map((cells) => [cells[1]!, cells[3]!])) expect(score).toBe(-zScore);
  });

  test("rerunning a range replaces it exactly, and only that factor, region and range", async () => {
    const other = { ticker: "X", date: DAYS[D], factorName: "momentum_12_1", rawValue: 9, zScore: null, percentile: null, score: null };
    await db().copyRows(factorScores, [
      { ...other, region: "KR" }, // another region on a replaced date: kept
      { ...other, region: "US", date: DAYS[D - 5] }, // same region, date outside the range: kept
    ]);
    await runFactorJob(db(), { from: DAYS[D - 2], to: DAYS[D], factors: ["momentum_12_1"], region: "US" });
    const first = await repos().factorScores.scores("momentum_12_1", DAYS[D - 5], DAYS[D]);
    expect(first.map((s) => `${s.date} ${s.region} ${s.ticker}`)).toEqual([
      `${DAYS[D - 5]} US X`,
      ...[D - 2, D - 1].flatMap((k) => [`${DAYS[k]} US DOWN`, `${DAYS[k]} US FLAT`, `${DAYS[k]} US UP`]),
      `${DAYS[D]} KR X`,
      `${DAYS[D]} US DOWN`,
      `${DAYS[D]} US FLAT`,
      `${DAYS[D]} US UP`,
    ]);

    // DOWN loses its last two bars: the rerun leaves it only on D − 2, and nothing else changes.
    await db().query("DELETE FROM ohlcv_data WHERE ticker = 'DOWN' AND date >= $1", [DAYS[D - 1]]);
    const rerun = await runFactorJob(db(), { from: DAYS[D - 2], to: DAYS[D], factors: ["momentum_12_1"], region: "US" });
    expect(rerun.rows).toBe(7);
    const second = await repos().factorScores.scores("momentum_12_1", DAYS[D - 5], DAYS[D]);
    expect(second.filter((s) => s.ticker === "DOWN").map((s) => s.date)).toEqual([DAYS[D - 2]]);
    expect(second.filter((s) => s.ticker === "X").map((s) => `${s.date} ${s.region}`)).toEqual([`${DAYS[D - 5]} US`, `${DAYS[D]} KR`]);
    // UP and FLAT on D are now the whole cross-section: raw a and 0, percentiles 1 and 0.
    expectCells(byTicker(second.filter((s) => s.region === "US"), DAYS[D]), {
      UP: [MOMENTUM_UP, 1, 1, 1],
      FLAT: [0, -1, 0, -1],
    });
    await repos().prices.upsertBars(universeBars(D - 1, D + 1).filter((b) => b.ticker === "DOWN"));
  });

  test("fundamentals known after a date leave its scores unchanged (point-in-time)", async () => {
    // Every row lists the same columns (copyRows writes the first row's keys).
    const fundamental = (ticker: string, periodType: NewFundamentals["periodType"], periodEnd: string, knownDate: string, figures: Partial<NewFundamentals>): NewFundamentals =>
      ({ ticker, region: "US", periodType, periodEnd, knownDate, sharesOutstanding: null, netIncome: null, marketCap: null, ...figures });
    await repos().fundamentals.upsert([
      fundamental("UP", "QUARTERLY", "2023-06-30", "2023-08-01", { sharesOutstanding: 1000, netIncome: 99_999 }), // a quarter's income: ignored
      fundamental("UP", "ANNUAL", "2022-12-31", "2023-03-01", { netIncome: 5000 }),
      fundamental("FLAT", "ANNUAL", "2022-12-31", "2023-03-01", { sharesOutstanding: 2000, netIncome: 4000 }),
      fundamental("DOWN", "DAILY", "2023-09-01", "2023-09-01", { marketCap: 1e6 }), // no shares: the vendor figure
      fundamental("DOWN", "ANNUAL", "2022-12-31", "2023-03-01", { netIncome: 3000 }),
    ]);
    const t1 = DAYS[D - 9];
    const t2 = DAYS[D];
    const request = { from: t1, to: t2, factors: ["earnings_yield", "log_market_cap"] };
    await runFactorJob(db(), request);
    const before = {
      ey: await repos().factorScores.scores("earnings_yield", t1, t2),
      size: await repos().factorScores.scores("log_market_cap", t1, t2),
    };
    expect(before.ey).toHaveLength(30);
    expect(Object.fromEntries(Object.entries(byTicker(before.ey, t1)).map(([t, c]) => [t, c[0]]))).toEqual({
      UP: expect.closeTo(5000 / (1000 * close.UP(D - 9)), 15),
      FLAT: 0.04,
      DOWN: 0.003,
    });
    expect(Object.fromEntries(Object.entries(byTicker(before.size, t1)).map(([t, c]) => [t, c[0]]))).toEqual({
      UP: expect.closeTo(Math.log(1000 * close.UP(D - 9)), 14),
      FLAT: Math.log(100_000),
      DOWN: Math.log(1e6),
    });

    await repos().fundamentals.upsert([
      fundamental("UP", "ANNUAL", "2022-12-31", t2, { netIncome: 7000 }), // a restatement known on t2
      fundamental("FLAT", "QUARTERLY", "2023-09-30", t2, { sharesOutstanding: 2500 }),
      fundamental("DOWN", "ANNUAL", "2022-12-31", DAYS[D + 1], { netIncome: 1 }), // known after the range
    ]);
    await runFactorJob(db(), request);
    const after = {
      ey: await repos().factorScores.scores("earnings_yield", t1, t2),
      size: await repos().factorScores.scores("log_market_cap", t1, t2),
    };
    const strip = (rows: FactorScore[]) => rows.map(({ computedAt: _, ...cells }) => cells);
    const beforeT2 = (rows: FactorScore[]) => strip(rows.filter((s) => s.date < t2));
    expect(beforeT2(after.ey)).toEqual(beforeT2(before.ey));
    expect(beforeT2(after.size)).toEqual(beforeT2(before.size));
    expect(Object.fromEntries(Object.entries(byTicker(after.ey, t2)).map(([t, c]) => [t, c[0]]))).toEqual({
      UP: expect.closeTo(7000 / (1000 * close.UP(D)), 15),
      FLAT: 0.032,
      DOWN: 0.003,
    });
    expect(byTicker(after.size, t2).FLAT[0]).toBe(Math.log(125_000));
  });

  test("neutralize: sector demeans z-scores within each sector; a name alone in its sector keeps raw and percentile only", async () => {
    await repos().instruments.upsert([
      { ticker: "UP", region: "US", sector: "Tech" },
      { ticker: "DOWN", region: "US", sector: "Tech" },
      { ticker: "FLAT", region: "US", sector: "Utilities" },
    ]);
    const result = await runFactorJob(db(), { from: DAYS[D - 1], to: DAYS[D - 1], factors: ["momentum_12_1"], neutralize: "sector" });
    expect(result.rows).toBe(3);
    const scores = await repos().factorScores.scores("momentum_12_1", DAYS[D - 1], DAYS[D - 1]);
    // z before neutralising: UP √1.5, FLAT 0, DOWN −√1.5; the Tech mean is 0.
    expectCells(byTicker(scores, DAYS[D - 1]), {
      UP: [MOMENTUM_UP, SQRT_1_5, 1, SQRT_1_5],
      FLAT: [0, null, 0.5, null],
      DOWN: [-MOMENTUM_UP, -SQRT_1_5, 0, -SQRT_1_5],
    });
    await runFactorJob(db(), { from: DAYS[D - 1], to: DAYS[D - 1], factors: ["momentum_12_1"] }); // back to plain scores
  });

  test("a write that fails leaves the replaced dates as they were and logs the run failed", async () => {
    const request = { from: DAYS[D], to: DAYS[D], factors: ["momentum_12_1"] };
    const before = await repos().factorScores.scores("momentum_12_1", DAYS[D], DAYS[D]);
    // Every COPY fails, in a transaction and in its savepoints, as a full disk would.
    const failing = (tx: Transaction): Transaction => ({
      ...tx,
      copyFrom: () => Promise.reject(new Error("disk full")),
      savepoint: (fn) => tx.savepoint((sp) => fn(failing(sp))),
    });
    const database = db();
    const failingCopy: Database = { ...database, transaction: (fn) => database.transaction((tx) => fn(failing(tx))) };
    await expect(runFactorJob(failingCopy, request)).rejects.toThrow("disk full");
    expect(await repos().factorScores.scores("momentum_12_1", DAYS[D], DAYS[D])).toEqual(before);
    const [latest] = await jobRunsRepository(db()).list(FACTOR_JOB, { limit: 1 });
    expect([latest.status, latest.error, latest.rows]).toEqual(["failed", "disk full", null]);
  });

  test("every run is logged in job_runs; a date without prices fails with one clear message and writes nothing", async () => {
    const saturdayLike = "2024-06-01"; // after the last bar
    const before = await db().query<{ n: number }>("SELECT count(*)::int AS n FROM factor_scores");
    const error = await runFactorJob(db(), { from: saturdayLike, to: saturdayLike, factors: ["reversal_1m"] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(`no prices on ${saturdayLike}; the latest trading day with prices is ${DAYS[D]}`);
    expect(await db().query<{ n: number }>("SELECT count(*)::int AS n FROM factor_scores")).toEqual(before);

    const runs = await jobRunsRepository(db()).list(FACTOR_JOB);
    expect(runs.map((r) => [r.status, r.fromDate, r.toDate, r.rows, r.error])).toEqual([
      ["failed", saturdayLike, saturdayLike, null, (error as Error).message],
      ["failed", DAYS[D], DAYS[D], null, "disk full"],
      ["succeeded", DAYS[D - 1], DAYS[D - 1], 3, null],
      ["succeeded", DAYS[D - 1], DAYS[D - 1], 3, null],
      ["succeeded", DAYS[D - 9], DAYS[D], 60, null],
      ["succeeded", DAYS[D - 9], DAYS[D], 60, null],
      ["succeeded", DAYS[D - 2], DAYS[D], 7, null],
      ["succeeded", DAYS[D - 2], DAYS[D], 9, null],
      ["succeeded", DAYS[D], DAYS[D], 7, null],
    ]);
    expect(runs.every((r) => r.finishedAt !== null && r.finishedAt >= r.startedAt)).toBe(true);
    expect(runs[3].details).toMatchObject({ neutralize: "sector" });
    expect(runs[5].details).toMatchObject({
      factors: ["earnings_yield", "log_market_cap"],
      allRegions: true,
      regions: ["US"],
      monthEnds: false,
      neutralize: null,
      trigger: "manual",
      rowsByFactor: { earnings_yield: 30, log_market_cap: 30 },
    });
  });

  test("a second run while one holds the lock is refused, logged and writes nothing", async () => {
    const request = { from: DAYS[D], to: DAYS[D], factors: ["reversal_1m"] };
    const refused = await withJobLock(db(), FACTOR_JOB, () => runFactorJob(db(), request)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(JobLockedError);
    const [latest] = await jobRunsRepository(db()).list(FACTOR_JOB, { limit: 1 });
    expect((refused as Error).message).toBe(
      `compute-factors is already running against this database (its lock is held by this process); run #${latest.id} was skipped`,
    );
    expect([latest.status, latest.error, latest.details.skipped]).toEqual(["failed", (refused as Error).message, true]);
  });

  if (engine.name === "postgres") {
    test("another connection holding the advisory lock refuses the run", async () => {
      const request = { from: DAYS[D], to: DAYS[D], factors: ["reversal_1m"] };
      const refused = await db().transaction(async (tx) => {
        await tx.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [JOB_LOCK_NAMESPACE, FACTOR_JOB]);
        return runFactorJob(db(), request).catch((e: unknown) => e);
      });
      const [latest] = await jobRunsRepository(db()).list(FACTOR_JOB, { limit: 1 });
      expect((refused as Error).message).toBe(
        `compute-factors is already running against this database (its lock is held by another connection); run #${latest.id} was skipped`,
      );
      // The lock went with the holder's transaction: the same run now succeeds.
      expect((await runFactorJob(db(), request)).rows).toBe(4);
    });
  }
});

describe("factor job input checks", () => {
  test("an unknown factor is a usage error listing the known ones, raised before the database is touched", async () => {
    const untouched = new Proxy({}, { get: () => { throw new Error("database touched"); } }) as never;
    await expect(runFactorJob(untouched, { from: "2024-01-02", to: "2024-01-02", factors: ["momentum"] })).rejects.toThrow(
      /^unknown factor "momentum"; known factors: momentum_12_1, reversal_1m, /,
    );
  });
});
