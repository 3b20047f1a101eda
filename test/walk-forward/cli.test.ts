/**
 * `scripts/walk-forward.ts` end to end: spawned with `npx tsx` on a throwaway embedded database
 * (PGLITE_DIR) holding three instruments' bars. Checks the `--json` document's keys (the issue's
 * shape) and what `--save` stored, the human fold table and summary, exit code 2 with one `error:`
 * line and nothing saved for bad input, and `--help`. Spawning is slow: few runs, each checked fully.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/index.ts";
import { runScript, withDatabaseIn } from "../embedded-script.ts";
import { weekdaysFrom } from "../../src/synthetic/index.ts";
import { dayBar, runTableCounts, storeBars } from "../backtest/ledger.ts";

const dir = mkdtempSync(join(tmpdir(), "walk-forward-cli-"));
const DATES = weekdaysFrom("2024-01-02", 120);
const SEARCH = ["--strategy", "sma-cross", "--grid", "period=3,8", "--param", "percent=30", "--tickers", "AAA,BBB,CCC", "--from", DATES[20], "--to", DATES[119], "--train", "40", "--test", "20", "--partitions", "4"];

const run = (args: string[]) => runScript("scripts/walk-forward.ts", args, dir);
const withDatabase = <T,>(work: (db: Database) => Promise<T>) => withDatabaseIn(dir, work);

const walkForwardCounts = (db: Database) =>
  db.query<{ folds: number; trials: number }>("SELECT (SELECT count(*)::int FROM walk_forward_results) AS folds, (SELECT count(*)::int FROM walk_forward_trials) AS trials");

describe("scripts/walk-forward.ts", () => {
  beforeAll(() =>
    withDatabase((db) =>
      storeBars(db, [
        ...DATES.map((d, k) => dayBar("AAA", d, 100 + 6 * Math.sin(k / 5), { open: 100 + 6 * Math.sin((k - 0.5) / 5) })),
        ...DATES.map((d, k) => dayBar("BBB", d, 40 + k / 4 + 2 * Math.cos(k / 3))),
        ...DATES.map((d, k) => dayBar("CCC", d, 70 - k / 8 + 3 * Math.sin(k / 7))),
      ]),
    ),
  );
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let saved: Record<string, number> = {};

  it("--json --save prints one document in the issue's shape, and stores the stitched run, its folds and trials", async () => {
    const { status, stdout, stderr } = run([...SEARCH, "--save", "--json"]);
    expect(stderr).toEqual(["saved as backtest_results id 1"]);
    expect(status).toBe(0);
    const document = JSON.parse(stdout);
    expect(Object.keys(document)).toEqual(["runId", "strategy", "objective", "trials", "folds", "oos", "walkForwardEfficiency", "parameterStability", "deflatedSharpe", "pbo", "instruments", "notes"]);
    expect(document).toMatchObject({ runId: 1, strategy: "sma-cross", objective: "sharpe", trials: 2, instruments: 3 });
    // 100 trading days: train 40, then tests of 20 days from day 40 → 3 folds.
    expect(document.folds).toHaveLength(3);
    expect(Object.keys(document.folds[0])).toEqual(
      expect.arrayContaining(["fold", "trainStart", "trainEnd", "testStart", "testEnd", "params", "isObjective", "isMedianObjective", "isSharpe", "oosSharpe", "isReturn", "oosReturn", "overfittingRatio", "oosBuyAndHoldReturn"]),
    );
    expect(document.folds.map((f: { testStart: string; testEnd: string }) => [f.testStart, f.testEnd])).toEqual([[DATES[60], DATES[79]], [DATES[80], DATES[99]], [DATES[100], DATES[119]]]);
    expect(Object.keys(document.oos)).toEqual(["from", "to", "totalReturn", "annualReturn", "sharpeRatio", "maxDrawdown", "tStat"]);
    expect(Object.keys(document.deflatedSharpe)).toEqual(["sharpe", "observations", "trials", "varianceOfTrialSharpes", "skew", "kurtosis", "expectedMaxSharpe", "dsr"]);
    expect(document.deflatedSharpe).toMatchObject({ observations: 60, trials: 2 });
    expect(Object.keys(document.pbo)).toEqual(["partitions", "combinations", "pbo", "degradationSlope", "probOosLoss"]);
    expect(document.pbo).toMatchObject({ partitions: 4, combinations: 6 });
    await withDatabase(async (db) => {
      saved = await runTableCounts(db);
      expect(saved).toMatchObject({ strategies: 1, backtest_results: 1, backtest_equity: 60 });
      expect(await walkForwardCounts(db)).toEqual([{ folds: 3, trials: 6 }]);
    });
  });

  it("prints the fold table and the summary", () => {
    const { status, stdout, stderr } = run(SEARCH);
    expect([status, stderr]).toEqual([0, []]);
    const lines = stdout.split("\n");
    expect(lines[0]).toBe("sma-cross: 2 parameter sets × 3 folds over 3 instruments, best sharpe on each train window");
    expect(lines[2]).toMatch(/^fold +train +test +params +IS sharpe +IS median +IS Sharpe +OOS Sharpe +OOS return +buy&hold +OOS\/IS$/);
    expect(lines[3]).toMatch(new RegExp(`^0 +${DATES[20]}\\.\\.${DATES[59]} +${DATES[60]}\\.\\.${DATES[79]} +period=(3|8) percent=30 `));
    expect(lines[7]).toMatch(new RegExp(`^out of sample ${DATES[60]}\\.\\.${DATES[119]}: return -?\\d+\\.\\d\\d% \\(annual -?\\d+\\.\\d\\d%\\), Sharpe `));
    expect(lines[8]).toMatch(/^walk-forward efficiency (-?\d+\.\d{3}|n\/a); the choice changed [0-2] times/);
    expect(lines[10]).toMatch(/^probability of backtest overfitting (\d\.\d{3}|n\/a) over 6 splits; P\(OOS loss\) /);
  });

  it.each([
    [[...SEARCH.slice(0, 8), "--from", DATES[20], "--to", DATES[119], "--train", "90", "--test", "20", "--save"], "error: train 90 + gap 0 + test 20 trading days need 110 dates; the universe has 100 in the range: shorten --train/--gap/--test or widen --from/--to"],
    [[...SEARCH, "--grid", "period=5", "--save"], "error: --grid period is given twice (give all its values in one --grid)"],
    [[...SEARCH, "--objective", "profit", "--save"], 'error: --objective must be one of sharpe, sortino, calmar, annual-return (got "profit")'],
    [[...SEARCH, "--queue", "--save"], "error: --queue needs a PostgreSQL server that worker processes can reach (set DATABASE_URL); the embedded database is one process's, so use --workers N instead"],
  ])("bad input %j exits 2 with one line and saves nothing", async (args, message) => {
    const { status, stdout, stderr } = run(args);
    expect(stderr).toEqual([message]);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    await withDatabase(async (db) => {
      expect(await runTableCounts(db)).toEqual(saved);
      expect(await walkForwardCounts(db)).toEqual([{ folds: 3, trials: 6 }]);
    });
  });

  it("--help prints the usage and exits 0", () => {
    const { status, stdout, stderr } = run(["--help"]);
    expect([status, stderr]).toEqual([0, []]);
    expect(stdout.split("\n")[0]).toMatch(/^Usage: tsx scripts\/walk-forward\.ts --strategy KIND --grid "key=v1,v2,…"/);
  });
});
