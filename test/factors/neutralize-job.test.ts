/**
 * Neutralised factor runs read each instrument's group where loaders put it: `tickers` (Stockula,
 * upserts) or else `stock_details` (Spock, whose `tickers` has only a sector code). A region where no
 * two instruments share a group is refused before anything is written, so plain scores stay.
 */
import { beforeAll, expect, test } from "vitest";
import { FACTOR_JOB, runFactorJob } from "../../src/factors/jobs/factor-job.ts";
import { repositories } from "../../src/repositories/index.ts";
import { jobRunsRepository } from "../../src/repositories/job-runs.ts";
import { type FactorScore, stockDetails } from "../../src/schema/index.ts";
import { InputError } from "../../src/errors.ts";
import { describeEachEngine } from "../engines.ts";
import { DAYS, MOMENTUM_UP, universeBars } from "../jobs/universe.ts";

const D = 299;
const SQRT_1_5 = Math.sqrt(1.5);
const request = { from: DAYS[D], to: DAYS[D], factors: ["momentum_12_1"] };

/** Raw, z-score, percentile and score by ticker, numbers to 12 decimals (engines differ in the last bits). */
const cells = (scores: readonly FactorScore[]) =>
  Object.fromEntries(scores.map((s) => [s.ticker, [s.rawValue, s.zScore, s.percentile, s.score].map((x) => (x === null ? null : round(x)))]));
const round = (x: number) => Math.round(x * 1e12) / 1e12 + 0; // + 0: −0 → 0
const near = (expected: Record<string, (number | null)[]>) =>
  Object.fromEntries(Object.entries(expected).map(([t, c]) => [t, c.map((x) => (x === null ? null : round(x)))]));

describeEachEngine("factor job neutralisation groups", (db) => {
  const repos = () => repositories(db());
  const stored = () => repos().factorScores.scores("momentum_12_1", DAYS[D], DAYS[D]);

  beforeAll(async () => {
    await repos().prices.upsertBars(universeBars(0, D + 1));
  });

  /** The refusal's message, after checking it is an InputError that left the stored scores as they were. */
  async function refusal(by: "sector" | "industry"): Promise<string> {
    const before = await stored();
    const error = await runFactorJob(db(), { ...request, neutralize: by }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(await stored()).toEqual(before);
    return (error as Error).message;
  }

  test("no instrument with a sector anywhere: refused with one line, the plain scores kept, the run failed", async () => {
    await runFactorJob(db(), request);
    const plain = await stored();
    expect(cells(plain)).toEqual(near({
      UP: [MOMENTUM_UP, SQRT_1_5, 1, SQRT_1_5],
      FLAT: [0, 0, 0.5, 0],
      DOWN: [-MOMENTUM_UP, -SQRT_1_5, 0, -SQRT_1_5],
    }));
    const message = await refusal("sector");
    expect(message).toBe(
      "cannot neutralize by sector in region US: none of its 4 instruments has a sector (tickers.sector or " +
        "stock_details.sector); load instruments with one, or compute without neutralising",
    );
    const [run] = await jobRunsRepository(db()).list(FACTOR_JOB, { limit: 1 });
    expect([run.status, run.error]).toEqual(["failed", message]);
  });

  test("sectors only in stock_details (a Spock load) neutralise: Tech demeaned, a lone Utilities name unscored", async () => {
    await db().copyRows(stockDetails, [
      { ticker: "UP", region: "US", sector: "Tech", industry: "Chips" },
      { ticker: "DOWN", region: "US", sector: "Tech", industry: "Software" },
      { ticker: "FLAT", region: "US", sector: "Utilities", industry: "Power" },
    ]);
    const result = await runFactorJob(db(), { ...request, neutralize: "sector" });
    expect(result.rows).toBe(3);
    expect(cells(await stored())).toEqual(near({
      UP: [MOMENTUM_UP, SQRT_1_5, 1, SQRT_1_5],
      FLAT: [0, null, 0.5, null],
      DOWN: [-MOMENTUM_UP, -SQRT_1_5, 0, -SQRT_1_5],
    }));
  });

  test("industries where no two instruments share one: refused, the previous scores kept", async () => {
    expect(await refusal("industry")).toBe(
      "cannot neutralize by industry in region US: no two of its 4 instruments are in the same industry, so no score would remain; " +
        "compute without neutralising",
    );
  });

  test("tickers.sector wins over stock_details.sector; an empty tickers.sector falls back", async () => {
    await repos().instruments.upsert([
      { ticker: "UP", region: "US", sector: "Energy" },
      { ticker: "FLAT", region: "US", sector: "Energy" },
      { ticker: "DOWN", region: "US", sector: "" },
    ]);
    await runFactorJob(db(), { ...request, neutralize: "sector" });
    // Energy {UP √1.5, FLAT 0}: mean √1.5 / 2; DOWN (Tech from stock_details) is alone in Tech now.
    expect(cells(await stored())).toEqual(near({
      UP: [MOMENTUM_UP, SQRT_1_5 / 2, 1, SQRT_1_5 / 2],
      FLAT: [0, -SQRT_1_5 / 2, 0.5, -SQRT_1_5 / 2],
      DOWN: [-MOMENTUM_UP, null, 0, null],
    }));
  });
});
