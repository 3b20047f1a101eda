/**
 * The four notebooks (notebooks/*.ts) run as a user runs them, `node --import tsx notebooks/NAME.ts`,
 * on a demo-like embedded database built once the way `npm run demo` builds it (the sample
 * generator's defaults: 200 instruments, 250 days, seed 42, migrated from SQLite), each with PGLITE_DIR
 * and NOTEBOOK_OUT or --out set. Each must exit 0, print `report: PATH` for every report it writes,
 * write self-contained HTML with the report's title and drawn charts, and print findings equal to the
 * library's own answer for the same request (formatted as the workspace formats numbers).
 * Notebooks share one directory, so they run one after another (PGlite: one process per directory).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBacktest } from "../../src/backtest/run-backtest.ts";
import { weightsStrategy } from "../../src/backtest/strategies/weights.ts";
import { migrateFromSqlite } from "../../src/ingest/sqlite/migrate.ts";
import { runOptimization } from "../../src/optimize/run-optimization.ts";
import { SAMPLE_BOUNDS } from "../../src/synthetic/sample-file.ts";
import { generateSpockSample } from "../../src/synthetic/spock-sample.ts";
import { runWalkForward } from "../../src/walk-forward/run-walk-forward.ts";
import { factorIc, factorPanel, formatNumber } from "../../src/workspace/index.ts";
import { withDatabaseIn } from "../embedded-script.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "notebooks-test-"));
const dir = join(scratch, "pglite");
const out = join(scratch, "reports");
const KR = { region: "KR", from: "2025-01-01", to: "2025-10-10" } as const;

function runNotebook(name: string, args: readonly string[] = [], extraEnv: Record<string, string> = {}) {
  const env: Record<string, string | undefined> = { ...process.env, PGLITE_DIR: dir, TZ: "UTC", ...extraEnv };
  delete env.DATABASE_URL;
  const result = spawnSync(process.execPath, ["--import", "tsx", `notebooks/${name}.ts`, ...args], { cwd: root, encoding: "utf8", env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The value printed on the notebook's `label: value` line. */
function printed(stdout: string, label: string): string {
  const line = stdout.split("\n").find((l) => l.startsWith(`${label}: `));
  if (line === undefined) throw new Error(`no line "${label}: …" in:\n${stdout}`);
  return line.slice(label.length + 2);
}

/** The report lines printed, in order; each file exists with the title and at least one chart. */
function checkReports(stdout: string, expected: readonly [file: string, title: string][]): void {
  const paths = stdout.split("\n").filter((l) => l.startsWith("report: ")).map((l) => l.slice("report: ".length));
  expect(paths).toEqual(expected.map(([file]) => join(out, file)));
  for (const [file, title] of expected) {
    const html = readFileSync(join(out, file), "utf8");
    expect(html).toContain(`<title>${title}</title>`);
    expect(html).toContain("<svg");
  }
}

beforeAll(async () => {
  const sample = join(scratch, "spock.db");
  const { instruments, days, seed } = SAMPLE_BOUNDS;
  generateSpockSample(sample, { instruments: instruments.default, days: days.spock.default, seed: seed.default });
  await migrateFromSqlite({ source: sample, target: { dir } });
}, 180_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("notebooks on the demo database [pglite]", () => {
  it("factor-study: skips the two 252-bar factors with their reason, prints the library's rank IC, writes two factor tear sheets", async () => {
    const run = runNotebook("factor-study", ["--out", out]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    for (const name of ["momentum_12_1", "volatility_252"]) {
      expect(run.stdout).toContain(`skip ${name}: no value on any date; it needs 252 bars before a date, and no instrument has more than 250 bars in all (2024-10-28 … 2025-10-10)\n`);
    }
    const rankIc = await withDatabaseIn(dir, async (db) => {
      const ic = async (name: string) => (await factorIc(db, await factorPanel(db, name, KR), { horizons: [1, 5, 21] })).horizons[1].rankIc.mean!;
      return { reversal: await ic("reversal_1m"), rsi: await ic("rsi_14") };
    });
    expect(printed(run.stdout, "reversal_1m 5-day mean rank IC")).toBe(formatNumber(rankIc.reversal));
    expect(printed(run.stdout, "rsi_14 5-day mean rank IC")).toBe(formatNumber(rankIc.rsi));
    checkReports(run.stdout, [
      ["factor-study-reversal_1m.html", "Factor tear sheet: reversal_1m"],
      ["factor-study-rsi_14.html", "Factor tear sheet: rsi_14"],
    ]);
  });

  it("factor-portfolio-backtest (output folder from NOTEBOOK_OUT): both final values are runBacktest's, two backtest tear sheets", async () => {
    const run = runNotebook("factor-portfolio-backtest", [], { NOTEBOOK_OUT: out });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const terms = { ...KR, rebalance: "month-end", shares: "fractional", commissionBps: 5, slippageBps: 5, benchmark: "069500.KR" } as const;
    const [factor, equal] = await withDatabaseIn(dir, async (database) => [
      await runBacktest({ ...terms, database, strategy: "factor-top", params: { factor: "rsi_14", quantile: 0.2 } }),
      await runBacktest({ ...terms, database, strategy: "equal-weight" }),
    ]);
    expect(printed(run.stdout, "factor portfolio final value")).toBe(formatNumber(factor.report.finalValue));
    expect(printed(run.stdout, "equal weight final value")).toBe(formatNumber(equal.report.finalValue));
    expect(factor.report.finalValue).not.toBe(equal.report.finalValue);
    checkReports(run.stdout, [
      ["factor-portfolio-rsi_14.html", "Backtest tear sheet: factor-top"],
      ["factor-portfolio-equal-weight.html", "Backtest tear sheet: equal-weight"],
    ]);
  });

  it("walk-forward-sma: three folds; out-of-sample return, DSR and PBO are runWalkForward's; the walk-forward report", async () => {
    const run = runNotebook("walk-forward-sma", ["--out", out]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const { report } = await withDatabaseIn(dir, (database) =>
      runWalkForward({ ...KR, database, strategy: "sma-cross", grid: ["period=10,20,30,50"], params: { percent: 5 }, train: 104, test: 33, partitions: 8, shares: "fractional", commissionBps: 5 }),
    );
    expect(report.folds.map((f) => [f.testStart, f.testEnd])).toEqual([["2025-05-27", "2025-07-10"], ["2025-07-11", "2025-08-26"], ["2025-08-27", "2025-10-10"]]);
    expect(printed(run.stdout, "out-of-sample total return")).toBe(formatNumber(report.oos.totalReturn));
    expect(printed(run.stdout, "deflated Sharpe ratio")).toBe(formatNumber(report.deflatedSharpe.dsr));
    expect(printed(run.stdout, "probability of backtest overfitting")).toBe(formatNumber(report.pbo.pbo));
    checkReports(run.stdout, [["walk-forward-sma-cross.html", "Walk-forward: sma-cross"]]);
  });

  it("optimizer-comparison: HRP held out of sample ends at the value of runOptimization's weights in runBacktest; 3 optimization and 4 backtest reports", async () => {
    const run = runNotebook("optimizer-comparison", ["--out", out]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const [, count, list] = /^(\d+) stocks: (.*)$/m.exec(run.stdout)!;
    const tickers = list.split(", ");
    expect(tickers).toHaveLength(Number(count));
    expect(tickers.every((t) => t.endsWith(".KR"))).toBe(true);
    const hrp = await withDatabaseIn(dir, async (database) => {
      const { result } = await runOptimization({ database, method: "hrp", tickers, from: KR.from, to: "2025-04-30", priceField: "close" });
      const weights = { dates: ["2025-04-30"], tickers: [...result.tickers], values: Float64Array.from(result.weights) };
      return runBacktest({ database, tickers, from: "2025-05-01", to: KR.to, rebalance: "month-end", shares: "fractional", commissionBps: 5, strategy: weightsStrategy(weights, "hrp") });
    });
    expect(printed(run.stdout, "hrp final value")).toBe(formatNumber(hrp.report.finalValue));
    checkReports(run.stdout, [
      ["optimizer-min-volatility.html", "Optimization: min-volatility"],
      ["optimizer-max-sharpe.html", "Optimization: max-sharpe"],
      ["optimizer-hrp.html", "Optimization: hrp"],
      ["optimizer-backtest-min-volatility.html", "Backtest tear sheet: min-volatility"],
      ["optimizer-backtest-max-sharpe.html", "Backtest tear sheet: max-sharpe"],
      ["optimizer-backtest-hrp.html", "Backtest tear sheet: hrp"],
      ["optimizer-backtest-equal-weight.html", "Backtest tear sheet: equal-weight"],
    ]);
  });

  it("a missing database is one line and exit 2, and no report is written", () => {
    const missing = join(scratch, "no-such-dir");
    const run = runNotebook("factor-study", ["--out", join(scratch, "unused")], { PGLITE_DIR: missing });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `error: no embedded database in ${missing}: the directory does not exist; check PGLITE_DIR (relative paths start from the current directory) or load data first (npm run db:migrate, a loader)\n`,
    );
    expect(run.stdout).toBe("");
    expect(existsSync(join(scratch, "unused"))).toBe(false);
  });
});
