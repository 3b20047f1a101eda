/**
 * `scripts/backtest.ts` end to end: spawned with `npx tsx` on a throwaway embedded database (PGLITE_DIR)
 * holding two instruments' bars. Checks the `--json` document's keys and its stored copy, the human
 * metrics table and summary line, exit code 2 with one `error:` line and nothing saved for bad input,
 * and `--help`. Spawning is slow: few runs, each checked thoroughly.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/index.ts";
import { runScript, withDatabaseIn } from "../embedded-script.ts";
import { repositories } from "../../src/repositories/index.ts";
import { weekdaysFrom } from "../../src/synthetic/index.ts";
import { dayBar, runTableCounts, storeBars } from "./ledger.ts";

const dir = mkdtempSync(join(tmpdir(), "backtest-cli-"));
const DATES = weekdaysFrom("2024-01-02", 30);
const RANGE = ["--tickers", "AAA,BBB", "--from", DATES[5], "--to", DATES[29]];

const run = (args: string[]) => runScript("scripts/backtest.ts", args, dir);
const withDatabase = <T,>(work: (db: Database) => Promise<T>) => withDatabaseIn(dir, work);

describe("scripts/backtest.ts", () => {
  beforeAll(() =>
    withDatabase((db) =>
      storeBars(db, [...DATES.map((d, k) => dayBar("AAA", d, 100 + 3 * Math.sin(k), { open: 100 + 3 * Math.sin(k - 0.5) })), ...DATES.map((d, k) => dayBar("BBB", d, 40 + k / 4))]),
    ),
  );
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let savedRows: Record<string, number> = {};

  it("--json --save prints one document with the issue's keys, and the stored run reads back as printed", async () => {
    const { status, stdout, stderr } = run(["--strategy", "equal-weight", ...RANGE, "--rebalance", "weekly", "--commission-bps", "10", "--slippage-bps", "5", "--cash", "100000", "--save", "--json"]);
    expect(stderr).toEqual(["saved as backtest_results id 1"]);
    expect(status).toBe(0);
    const document = JSON.parse(stdout);
    expect(Object.keys(document).slice(0, 12)).toEqual(["runId", "strategy", "params", "from", "to", "instruments", "initialCash", "finalValue", "finalCash", "optimistic", "metrics", "trades"]);
    expect(document).toMatchObject({ runId: 1, strategy: "equal-weight", params: {}, from: DATES[5], to: DATES[29], instruments: 2, initialCash: 100_000 });
    expect(Object.keys(document.metrics)).toEqual(expect.arrayContaining(["totalReturn", "annualReturn", "annualVolatility", "sharpeRatio", "sortinoRatio", "calmarRatio", "maxDrawdown", "turnover", "costs"]));
    expect(Object.keys(document.trades[0])).toEqual(["date", "ticker", "region", "side", "shares", "price", "commission", "slippage", "reason"]);
    expect(Object.keys(document.equity[0])).toEqual(["date", "value", "cash", "grossExposure", "netExposure"]);
    expect(document.equity).toHaveLength(25);
    expect(document.trades.slice(0, 2).map((t: { date: string; ticker: string; side: string }) => [t.date, t.ticker, t.side])).toEqual([[DATES[6], "AAA", "buy"], [DATES[6], "BBB", "buy"]]);
    expect(document.finalValue).toBe(document.equity.at(-1).value);
    expect(document.metrics.costs).toBeGreaterThan(0);
    const stored = await withDatabase(async (db) => {
      savedRows = await runTableCounts(db);
      return repositories(db).research.backtestReport(1);
    });
    expect(stored).toEqual(document);
    expect(savedRows).toMatchObject({ strategies: 1, backtest_results: 1, backtest_equity: 25 });
  });

  it("prints the metrics table and one line on trades and costs", () => {
    const { status, stdout, stderr } = run(["--strategy", "buy-and-hold", ...RANGE, "--commission-min", "2.5", "--slippage-bps", "10"]);
    expect(stderr).toEqual([]);
    expect(status).toBe(0);
    const lines = stdout.split("\n");
    expect(lines[0]).toBe(`buy-and-hold: 2 instruments, ${DATES[5]} .. ${DATES[29]}`);
    for (const name of ["totalReturn", "annualReturn", "annualVolatility", "sharpeRatio", "sortinoRatio", "calmarRatio", "maxDrawdown", "turnover", "costs"]) {
      expect(lines.filter((line) => line.startsWith(`${name} `))).toHaveLength(1);
    }
    expect(lines.find((line) => line.startsWith("commission "))).toMatch(/^commission +5$/); // two orders at the 2.5 minimum
    expect(lines.at(-2)).toMatch(/^2 trades \(2 buys, 0 sells\); commission 5\.00, slippage \d+\.\d\d; final value \d+\.\d\d from 1000000\.00 \(cash \d+\.\d\d\)$/);
  });

  it.each([
    [["--strategy", "factor-top", "--param", "factor=mom", "--param", "n=2", "--param", "quantile=0.5", ...RANGE, "--save"], "error: factor-top: give n or quantile, not both"],
    [["--strategy", "equal-weight", "--region", "KR", "--from", DATES[5], "--to", DATES[29], "--save"], `error: empty universe: no instrument of region KR has daily bars in ${DATES[5]}..${DATES[29]}`],
  ])("bad input %j exits 2 with one line and saves nothing", async (args, message) => {
    const { status, stdout, stderr } = run(args);
    expect(stderr).toEqual([message]);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(await withDatabase(runTableCounts)).toEqual(savedRows); // the --save run's rows, nothing more
  });

  it("--help prints the usage and exits 0", () => {
    const { status, stdout, stderr } = run(["--help"]);
    expect([status, stderr]).toEqual([0, []]);
    expect(stdout.split("\n")[0]).toBe("Usage: tsx scripts/backtest.ts --strategy KIND [--param key=value ...] (--tickers A,B.KR | --region R | --universe FILE) --from YYYY-MM-DD --to YYYY-MM-DD [options]");
  });
});
