/**
 * Reading a stored factor back for analysis, on a universe where every figure has a closed form:
 * five tickers on geometric series 100 × g^k (g = 0.998 … 1.002, one per quintile), so momentum and
 * every forward return are increasing in g: rank IC 1, quintile b earns g_b^h − 1, nothing turns over.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "../../src/db/index.ts";
import { openDatabase } from "../../src/db/index.ts";
import { runFactorJob } from "../../src/factors/jobs/factor-job.ts";
import { reportStoredFactor } from "../../src/factors/jobs/stored-factor.ts";
import { repositories } from "../../src/repositories/index.ts";
import { factorScores, stockDetails } from "../../src/schema/index.ts";
import { bar } from "../fixtures.ts";
import { describeEachEngine } from "../engines.ts";
import { DAYS } from "./universe.ts";
import { InputError } from "../../src/errors.ts";

const GROWTH = [0.998, 0.999, 1, 1.001, 1.002];
const MONTH_ENDS = ["2023-09-30", "2023-10-31", "2023-11-30", "2023-12-31"];

async function seed(database: Database) {
  const bars = DAYS.flatMap((date, k) => GROWTH.map((g, b) => bar(`G${b + 1}`, "US", date, 100 * g ** k)));
  await repositories(database).prices.upsertBars(bars);
  await runFactorJob(database, { from: DAYS[252], to: "2023-12-31", factors: ["momentum_12_1"], monthEnds: true });
}

/** Sectors where the loaders put them: Odd (G1, G3, G5) in stock_details, Even (G2, G4) in tickers. */
async function seedSectors(database: Database) {
  await database.copyRows(stockDetails, ["G1", "G3", "G5"].map((ticker) => ({ ticker, region: "US", sector: "Odd" })));
  await repositories(database).instruments.upsert(["G2", "G4"].map((ticker) => ({ ticker, region: "US", sector: "Even" })));
}

const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;

function pearson(x: readonly number[], y: readonly number[]): number {
  const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  x.forEach((xi, i) => {
    sxy += (xi - mx) * (y[i] - my);
    sxx += (xi - mx) ** 2;
    syy += (y[i] - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

describeEachEngine("stored factor report", (db) => {
  beforeAll(() => seed(db()));

  test("IC, quantile returns, turnover and autocorrelation of stored month-end momentum match the closed forms", async () => {
    const { report, ...about } = await reportStoredFactor(db(), { factor: "momentum_12_1", from: "2023-01-01", to: "2023-12-31" });
    expect(about).toEqual({
      factor: "momentum_12_1",
      description: "close 21 bars ago / close 252 bars ago − 1 (fraction)",
      region: "US",
      instruments: 5,
      groupBy: null,
    });
    expect([report.from, report.to, report.dates, report.direction]).toEqual([MONTH_ENDS[0], MONTH_ENDS[3], 4, 1]);
    const momentum = GROWTH.map((g) => g ** 231 - 1);
    expect(report.horizons.map((h) => h.horizon)).toEqual([1, 5, 21]);
    for (const h of report.horizons) {
      const forward = GROWTH.map((g) => g ** h.horizon - 1);
      expect(h.ic.count).toBe(4);
      expect(h.ic.mean).toBeCloseTo(pearson(momentum, forward), 10);
      expect([h.rankIc.count, h.rankIc.mean, h.rankIc.std, h.rankIc.ir]).toEqual([4, 1, 0, null]);
      expect(h.quantileReturns.dates).toBe(4);
      h.quantileReturns.meanReturn.forEach((r, b) => expect(r).toBeCloseTo(forward[b], 12));
      expect(h.quantileReturns.spread.mean).toBeCloseTo(forward[4] - forward[0], 12);
    }
    expect([report.turnover.count, report.turnover.mean, report.turnover.std]).toEqual([3, 0, 0]);
    expect([report.rankAutocorrelation.count, report.rankAutocorrelation.mean]).toEqual([3, 1]);
  });

  test("nothing stored, or several regions without a choice, is a usage error", async () => {
    const none = await reportStoredFactor(db(), { factor: "reversal_1m", from: "2023-01-01", to: "2023-12-31" }).catch((e: unknown) => e);
    expect(none).toBeInstanceOf(InputError);
    expect((none as Error).message).toBe(
      "no stored scores for reversal_1m between 2023-01-01 and 2023-12-31; compute them first " +
        "(tsx scripts/compute-factors.ts --from 2023-01-01 --to 2023-12-31 --factors reversal_1m)",
    );
    await db().copyRows(factorScores, [{ ticker: "K", region: "KR", date: MONTH_ENDS[0], factorName: "momentum_12_1", rawValue: 1 }]);
    await expect(reportStoredFactor(db(), { factor: "momentum_12_1", from: "2023-01-01", to: "2023-12-31" })).rejects.toThrow(
      "stored scores of momentum_12_1 span regions KR, US; choose one with --region",
    );
    const us = await reportStoredFactor(db(), { factor: "momentum_12_1", from: "2023-01-01", to: "2023-12-31", region: "US" });
    expect([us.region, us.instruments, us.report.dates]).toEqual(["US", 5, 4]);
  });

  test("by sector: IC within sectors, demeaned and group-adjusted quintiles, factor returns and cleaning match the closed forms", async () => {
    const request = { factor: "momentum_12_1", from: "2023-01-01", to: "2023-12-31", region: "US" };
    await expect(reportStoredFactor(db(), { ...request, groupBy: "industry" })).rejects.toThrow(
      "cannot group by industry in region US: none of its 5 instruments has one (tickers.industry or stock_details.industry); " +
        "load instruments with one, or report without --group-by",
    );
    await seedSectors(db());
    const { groupBy, report } = await reportStoredFactor(db(), { ...request, groupBy: "sector", quantileMethod: "qcut" });
    expect([groupBy, report.quantileMethod]).toEqual(["sector", "qcut"]);
    const momentum = GROWTH.map((g) => g ** 231 - 1);
    const weights = momentum.map((m) => m - mean(momentum));
    const gross = weights.reduce((a, w) => a + Math.abs(w), 0);
    for (const h of report.horizons) {
      const forward = GROWTH.map((g) => g ** h.horizon - 1);
      // Even has two names: fewer than 3 pairs, no IC; Odd ranks its three perfectly.
      expect(h.groups!.map((g) => [g.group, g.names, g.rankIc.count, g.rankIc.mean])).toEqual([
        ["Even", 2, 0, null],
        ["Odd", 3, 4, 1],
      ]);
      const odd = mean([forward[0], forward[2], forward[4]]);
      const even = mean([forward[1], forward[3]]);
      [odd, even, odd, even, odd].forEach((sectorMean, b) => {
        expect(h.groupAdjustedQuantileReturns!.meanReturn[b]).toBeCloseTo(forward[b] - sectorMean, 12);
        expect(h.demeanedQuantileReturns.meanReturn[b]).toBeCloseTo(forward[b] - mean(forward), 12);
      });
      expect(h.factorReturns.returns.count).toBe(4);
      expect(h.factorReturns.returns.mean).toBeCloseTo(weights.reduce((a, w, i) => a + (w / gross) * forward[i], 0), 12);
    }
    expect(report.turnoverByQuantile.map((t) => [t.count, t.mean])).toEqual(GROWTH.map(() => [3, 0]));
    expect(report.cleaning).toMatchObject({ cells: 20, noFactorValue: 0, entries: 20, noGroup: 0, droppedShare: 0, maxLoss: 0.35 });
  });
});

describe("scripts/factor-report.ts", () => {
  const ROOT = fileURLToPath(new URL("../..", import.meta.url));
  const root = mkdtempSync(join(tmpdir(), "factor-report-"));
  const dir = join(root, "pglite");
  const report = (args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: dir };
    delete env.DATABASE_URL;
    const run = spawnSync("npx", ["tsx", "scripts/factor-report.ts", ...args], { cwd: ROOT, env, encoding: "utf8" });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr.split("\n").filter((l) => l !== "" && !l.startsWith("npm warn")) };
  };

  beforeAll(async () => {
    const database = await openDatabase({ dir });
    try {
      await seed(database);
      await seedSectors(database);
    } finally {
      await database.close();
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test("prints the report as tables, or as one JSON document with --json", () => {
    const args = ["--factor", "momentum_12_1", "--from", "2023-01-01", "--to", "2023-12-31"];
    const json = report([...args, "--json"]);
    expect(json.code).toBe(0);
    const document = JSON.parse(json.stdout);
    expect([document.factor, document.region, document.report.dates, document.report.horizons[2].rankIc.mean]).toEqual(["momentum_12_1", "US", 4, 1]);

    const text = report(args);
    expect(text.code).toBe(0);
    const lines = text.stdout.split("\n");
    expect(lines.slice(0, 5)).toEqual([
      "momentum_12_1 (close 21 bars ago / close 252 bars ago − 1 (fraction); direction +1)",
      `region US: 5 instruments, 4 stored dates ${MONTH_ENDS[0]} … ${MONTH_ENDS[3]}`,
      "",
      "information coefficient",
      "horizon     IC mean     IC std    IC IR    dates  rank IC mean   rank IC std  rank IC IR    dates",
    ]);
    expect(lines).toContain("top-quantile turnover: mean 0.000, std 0.000, IR – over 3 date pairs");
    // Q1 … Q5, the spread, its std, IR (left out: the std is floating-point noise around 0) and dates.
    const columns = lines.find((l) => l.startsWith("21d ") && l.includes("%"))!.split(/ +/);
    expect([...columns.slice(0, 8), columns.at(-1)]).toEqual([
      "21d",
      ...GROWTH.map((g) => `${(100 * (g ** 21 - 1)).toFixed(2)}%`),
      `${(100 * (1.002 ** 21 - 0.998 ** 21)).toFixed(2)}%`,
      "0.00%",
      "4",
    ]);
  });

  test("--group-by, --demeaned and --quantile-method add the group, demeaned and qcut figures; --json holds them all", () => {
    const args = ["--factor", "momentum_12_1", "--from", "2023-01-01", "--to", "2023-12-31", "--group-by", "sector", "--quantile-method", "qcut"];
    const json = report([...args, "--json"]);
    expect(json.code).toBe(0);
    const document = JSON.parse(json.stdout);
    expect([document.groupBy, document.report.quantileMethod, document.report.cleaning.entries]).toEqual(["sector", "qcut", 4 * 5]);
    expect(document.report.horizons[0].groups.map((g: { group: string; rankIc: { mean: number | null } }) => [g.group, g.rankIc.mean])).toEqual([
      ["Even", null],
      ["Odd", 1],
    ]);

    const text = report([...args, "--demeaned"]);
    expect(text.code).toBe(0);
    const lines = text.stdout.split("\n");
    expect(lines).toContain("mean forward return by quantile (Q1 = lowest, Q5 = highest oriented factor values, qcut edges)");
    expect(lines).toContain("the same, group-adjusted (minus the date's sector mean)");
    expect(lines).toContain("turnover by quantile (names new to it ÷ its size): Q1 0.000, Q2 0.000, Q3 0.000, Q4 0.000, Q5 0.000");
    expect(lines).toContain("cleaning: 20 factor entries of 20 cells (0 without a factor value, 0 without a sector, left out of group figures)");
    expect(lines).toContain("  21d: dropped 0.00% (no price on the date 0, no forward return 0, not bucketed 0), kept 20");
    expect(lines.slice(lines.indexOf("rank IC mean by sector") + 1).slice(0, 3).map((l) => l.split(/ +/))).toEqual([
      ["sector", "names", "1d", "5d", "21d"],
      ["Even", "2", "–", "–", "–"],
      ["Odd", "3", "1.0000", "1.0000", "1.0000"],
    ]);
  });

  test("more entries dropped than --max-loss, or a bad new flag: one line, exit 2", () => {
    const args = ["--factor", "momentum_12_1", "--from", "2023-01-01", "--to", "2023-12-31"];
    // Six quantiles of five names: no date can be bucketed.
    expect(report([...args, "--quantiles", "6", "--max-loss", "0.5"])).toMatchObject({
      code: 2,
      stderr: [
        "error: factor data lost 100.0% of its 20 entries at the 1-day horizon (no price on the date 0, no 1-day forward return 0, " +
          "not bucketed 20), more than the maximum loss 50.0%; allow more with maxLoss (--max-loss), or use fewer quantiles or shorter horizons",
      ],
    });
    expect(report([...args, "--quantile-method", "bins"])).toMatchObject({ code: 2, stderr: ['error: --quantile-method must be one of rank, qcut; got "bins"'] });
    expect(report([...args, "--group-by", "country"])).toMatchObject({ code: 2, stderr: ['error: --group-by must be one of sector, industry; got "country"'] });
    expect(report([...args, "--max-loss", "1.5"])).toMatchObject({ code: 2, stderr: ['error: --max-loss must be a share between 0 and 1, e.g. 0.35; got "1.5"'] });
  });

  test("an unknown factor or a missing flag: one line, exit 2", () => {
    expect(report(["--factor", "size", "--from", "2023-01-01", "--to", "2023-12-31"])).toMatchObject({
      code: 2,
      stderr: [expect.stringMatching(/^error: unknown factor "size"; known factors: momentum_12_1, /)],
    });
    expect(report(["--factor", "momentum_12_1", "--to", "2023-12-31"])).toMatchObject({
      code: 2,
      stderr: ["error: --from is required, e.g. --from 2024-01-31; see --help"],
    });
  });
});
