/**
 * `scripts/optimize.ts` end to end: spawned with `npx tsx`, on the CSV fixture
 * test/fixtures/prices-small.csv (4 tickers × 80 days, DDD starting late, one gap in BBB) and on a
 * throwaway embedded database. Checks exit codes 0 and 2, the JSON shape, the human table and
 * the exact one-line errors.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/index.ts";
import { greedyAllocation, optimizePortfolio, readPriceCsv } from "../../src/optimize/index.ts";
import { attachNegativeValues } from "../../scripts/lib/cli.ts";
import { pricesRepository, researchRepository } from "../../src/repositories/index.ts";
import { bar, days } from "../fixtures.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const fixture = join(root, "test/fixtures/prices-small.csv");

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync("npx", ["tsx", "scripts/optimize.ts", ...args], { cwd: root, encoding: "utf8", env: { ...process.env, ...env } });
  // npm may print its own configuration warnings; they are not the script's output.
  const stderr = result.stderr
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("npm warn"))
    .join("\n");
  return { status: result.status, stdout: result.stdout, stderr };
}

describe("scripts/optimize.ts", () => {
  it("--json prints one document with weights and performance (exit 0)", () => {
    const { status, stdout, stderr } = run(["--prices", fixture, "--method", "min-volatility", "--cov", "ledoit-wolf", "--json"]);
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const document = JSON.parse(stdout);
    expect(Object.keys(document)).toEqual(["weights", "performance"]);
    expect(Object.keys(document.weights)).toEqual(["AAA", "BBB", "CCC", "DDD"]);
    expect(Object.keys(document.performance)).toEqual(["expectedReturn", "volatility", "sharpe"]);
    const expected = optimizePortfolio(readPriceCsv(fixture), { method: "min-volatility", risk: "ledoit-wolf" });
    expect(Object.values(document.weights)).toEqual(Array.from(expected.weights));
    expect(document.performance).toEqual({ ...expected.performance });
    expect((Object.values(document.weights) as number[]).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
  });

  it("prints a weights table sorted by weight and the three figures", () => {
    const { status, stdout } = run(["--prices", fixture, "--method", "inverse-volatility", "--risk-free", "0.02"]);
    expect(status).toBe(0);
    const expected = optimizePortfolio(readPriceCsv(fixture), { method: "inverse-volatility", riskFreeRate: 0.02 });
    const rows = expected.tickers.map((t, i) => [t, expected.weights[i]] as const).sort((a, b) => b[1] - a[1]);
    const { expectedReturn, volatility, sharpe } = expected.performance;
    expect(stdout.split("\n")).toEqual([
      "ticker  weight",
      ...rows.map(([t, w]) => `${t.padEnd(6)}  ${(w * 100).toFixed(2).padStart(7)}%`),
      "",
      `Expected annual return: ${(expectedReturn * 100).toFixed(2)}%`,
      `Annual volatility:      ${(volatility * 100).toFixed(2)}%`,
      `Sharpe ratio:           ${sharpe!.toFixed(3)}`,
      "",
    ]);
  });

  it("--allocate adds whole shares at the latest prices", () => {
    const { status, stdout } = run(["--prices", fixture, "--method", "hrp", "--allocate", "10000", "--json"]);
    expect(status).toBe(0);
    const { allocation, weights } = JSON.parse(stdout);
    // Latest prices: the last row of the fixture (every ticker has a price there).
    const prices = readPriceCsv(fixture);
    const last = prices.dates.length - 1;
    const latest = Object.fromEntries(prices.tickers.map((t, i) => [t, prices.values[last * prices.tickers.length + i]]));
    expect(allocation).toEqual(greedyAllocation(weights, latest, { totalValue: 10000 }));
    const invested = Object.entries(allocation.shares as Record<string, number>).reduce((sum, [t, n]) => sum + n * latest[t], 0);
    expect(invested + allocation.leftover).toBeCloseTo(10000, 9);
  });

  it.each([
    [["--prices", fixture, "--method", "efficient-risk", "--target-volatility", "0.01"], "error: target volatility 0.01 is below the minimum volatility 0.128928 achievable under the constraints; raise the target volatility"],
    [["--prices", fixture, "--method", "sharpe"], 'error: --method must be one of min-volatility, max-sharpe, efficient-risk, efficient-return, max-quadratic-utility, risk-parity, inverse-volatility, hrp; got "sharpe"'],
    [["--prices", "missing.csv", "--method", "hrp"], "error: cannot read missing.csv: no such file; check the path"],
    [["--prices", fixture, "--method", "max-sharpe", "--bounds", "0.5"], 'error: --bounds expects LO,HI (e.g. 0,0.2), got "0.5"'],
    [["--method", "hrp"], "error: no prices: give --prices FILE.csv, or --tickers A,B --from YYYY-MM-DD --to YYYY-MM-DD"],
  ])("bad input %j exits 2 with one line", (args, message) => {
    const { status, stdout, stderr } = run(args);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(message);
  });
});

describe("scripts/optimize.ts with shorts", () => {
  const expected = (marketNeutral: boolean) =>
    optimizePortfolio(readPriceCsv(fixture), { method: "efficient-risk", targetVolatility: 0.19, constraints: { bounds: [-1, 1], marketNeutral } });

  it.each([[["--bounds", "-1,1"]], [["--bounds=-1,1"]]])("efficient-risk %j at target volatility 0.19: exit 0, volatility 0.19", (bounds) => {
    const { status, stdout, stderr } = run(["--prices", fixture, "--method", "efficient-risk", "--target-volatility", "0.19", ...bounds, "--json"]);
    expect([status, stderr]).toEqual([0, ""]);
    const document = JSON.parse(stdout);
    expect(document.performance.volatility).toBeCloseTo(0.19, 12);
    expect(Object.values(document.weights)).toEqual(Array.from(expected(false).weights));
    expect(Math.min(...(Object.values(document.weights) as number[]))).toBeLessThan(0);
  });

  it("--market-neutral: weights sum to 0", () => {
    const { status, stdout } = run(["--prices", fixture, "--method", "efficient-risk", "--target-volatility", "0.19", "--bounds", "-1,1", "--market-neutral", "--json"]);
    expect(status).toBe(0);
    const weights = Object.values(JSON.parse(stdout).weights) as number[];
    expect(weights).toEqual(Array.from(expected(true).weights));
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 14);
  });

  it("attachNegativeValues joins a string flag with a value starting with a minus, and nothing else", () => {
    const options = { bounds: { type: "string" }, json: { type: "boolean" }, l2: { type: "string" } } as const;
    expect(attachNegativeValues(["--bounds", "-1,1", "--json", "--l2", "-.5", "--l2", "--json"], options)).toEqual(["--bounds=-1,1", "--json", "--l2=-.5", "--l2", "--json"]);
    expect(attachNegativeValues(["--json", "-1"], options)).toEqual(["--json", "-1"]);
  });
});

describe("scripts/optimize.ts with the database", () => {
  const dir = mkdtempSync(join(tmpdir(), "optimize-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ["0x10", "2024-01-03", ' line 3, column B: "0x10" is not a decimal number'],
    ["12", "2024-02-30", ' line 3: date "2024-02-30" is not a calendar date YYYY-MM-DD'],
  ])("--save after a CSV holding %s on %s: exit 2, one line naming file, line and column; no database opened", (price, date, message) => {
    const scratch = mkdtempSync(join(tmpdir(), "optimize-cli-csv-"));
    try {
      const csv = join(scratch, "bad.csv");
      writeFileSync(csv, `date,A,B\n2024-01-02,10,11\n${date},10.5,${price}\n2024-03-04,11,12\n`);
      const database = join(scratch, "never-created");
      const { status, stdout, stderr } = run(["--prices", csv, "--method", "hrp", "--save"], { PGLITE_DIR: database });
      expect([status, stdout, stderr]).toEqual([2, "", `error: ${csv}${message}`]);
      expect(existsSync(database)).toBe(false);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it("--tickers reads adjusted closes and --save records the result", async () => {
    const dates = days("2024-05-01", 30);
    const seed = await openDatabase({ dir });
    try {
      await pricesRepository(seed).upsertBars(
        dates.flatMap((d, i) => [
          bar("AAA", "US", d, 1, { adjClose: 100 * (1 + 0.01 * Math.sin(i)) * (1 + 0.002 * i) }),
          bar("BBB", "US", d, 1, { adjClose: 50 * (1 + 0.02 * Math.cos(1.3 * i)) }),
        ]),
      );
    } finally {
      await seed.close();
    }
    const { status, stdout, stderr } = run(["--tickers", "AAA,BBB", "--from", dates[0], "--to", dates[29], "--method", "min-volatility", "--save", "--json"], { PGLITE_DIR: dir });
    expect(stderr).toMatch(/^saved as optimization_history id \d+$/);
    expect(status).toBe(0);
    const document = JSON.parse(stdout);
    const check = await openDatabase({ dir });
    try {
      const [row] = await researchRepository(check).optimizations(1);
      expect(row).toMatchObject({ method: "min-volatility", tickers: ["AAA", "BBB"], fromDate: dates[0], toDate: dates[29], weights: document.weights });
    } finally {
      await check.close();
    }
  });

  it("--tickers on bars without adj_close (as SQLite loads them) says so, and how BRK.B was read", async () => {
    const dates = days("2024-05-01", 30);
    const seed = await openDatabase({ dir });
    try {
      await pricesRepository(seed).upsertBars(dates.map((d, i) => bar("BRK.B", "US", d, 400 + Math.sin(i))));
    } finally {
      await seed.close();
    }
    const range = ["--from", dates[0], "--to", dates[29], "--method", "min-volatility"];
    const unadjusted = run(["--tickers", "AAA,BRK.B.US", ...range], { PGLITE_DIR: dir });
    expect([unadjusted.status, unadjusted.stdout, unadjusted.stderr]).toEqual([
      2,
      "",
      `error: BRK.B in region US has 30 daily bars from ${dates[0]} to ${dates[29]} but none has an adj_close (bars loaded from SQLite carry no adjusted close); use --price-field close`,
    ]);
    const dotted = run(["--tickers", "BRK.B", ...range], { PGLITE_DIR: dir });
    expect([dotted.status, dotted.stderr]).toEqual([
      2,
      `error: no daily bars for BRK in region B from ${dates[0]} to ${dates[29]}; check the ticker, --region and the dates; a name is read as TICKER.REGION at its last dot, so write BRK.B.US for the ticker BRK.B in US`,
    ]);
  });
});
