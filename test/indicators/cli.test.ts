/**
 * `scripts/compute-indicators.ts` end to end, spawned as a user runs it, on each engine: a throwaway
 * embedded database (PGLITE_DIR) and, when TEST_DATABASE_URL is set, a scratch database on the server
 * (DATABASE_URL), both holding the market of stored-bars.ts. The --json document equals the library's
 * series; the table names every line with its points, dates and last value; bad input is one line,
 * exit 2. Spawning is slow: few runs, each checked thoroughly.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type OpenOptions } from "../../src/db/index.ts";
import { createScratchDatabase } from "../../src/db/scratch-database.ts";
import { DATES, expectedSeries, storeMarket } from "./stored-bars.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SPECS = "sma(5),macd(3,7,4),bbands(20,2),stochastic(14,3,3),rsi(30)";

/** Where a spawned script finds its database: the environment it gets and how the test opens it. */
interface Target {
  env: Record<string, string | undefined>;
  options: OpenOptions;
  remove(): Promise<void>;
}

const engines: { name: string; create(): Promise<Target> }[] = [
  {
    name: "pglite",
    async create() {
      const dir = mkdtempSync(join(tmpdir(), "indicators-cli-"));
      return { env: { PGLITE_DIR: dir, DATABASE_URL: undefined }, options: { dir }, remove: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  ...(process.env.TEST_DATABASE_URL
    ? [
        {
          name: "postgres",
          async create() {
            const server = await createScratchDatabase(process.env.TEST_DATABASE_URL!, "indicators_cli");
            return { env: { DATABASE_URL: server.url }, options: { url: server.url }, remove: () => server.drop() };
          },
        },
      ]
    : []),
];

function run(args: readonly string[], env: Record<string, string | undefined>) {
  const merged: Record<string, string | undefined> = { ...process.env, TZ: "UTC", ...env };
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/compute-indicators.ts", ...args], { cwd: ROOT, encoding: "utf8", env: merged });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.split("\n").filter((line) => line !== "") };
}

const range = (from: string, to: string) => ["--ticker", "AAA", "--region", "US", "--from", from, "--to", to];

for (const engine of engines) {
  describe(`scripts/compute-indicators.ts [${engine.name}]`, () => {
    let target: Target;
    beforeAll(async () => {
      target = await engine.create();
      const db = await openDatabase(target.options);
      try {
        await storeMarket(db);
      } finally {
        await db.close();
      }
    });
    afterAll(() => target?.remove());

    it("--json prints { series } with the library's points, warm-up read from before --from", () => {
      const { status, stdout, stderr } = run([...range(DATES[30], DATES[59]), "--timeframe", "1d", "--indicators", SPECS, "--json"], target.env);
      expect([status, stderr]).toEqual([0, []]);
      expect(JSON.parse(stdout)).toEqual({ series: expectedSeries(SPECS, DATES[30], DATES[59]) });
      expect(stdout.trim().split("\n")).toHaveLength(1);
    });

    it("prints one line per indicator line, and says which ones the range is too short for", () => {
      const { status, stdout, stderr } = run([...range(DATES[0], DATES[20]), "--indicators", "sma(5), bbands(20,2), rsi(30)"], target.env);
      expect([status, stderr]).toEqual([0, []]);
      const series = expectedSeries("sma(5),bbands(20,2)", DATES[0], DATES[20]);
      const last = (key: string) => series[key].at(-1)![1].toFixed(6);
      expect(stdout.split("\n")).toEqual([
        `AAA (US) 1d bars, ${DATES[0]} … ${DATES[20]}`,
        `sma(5).value          17 points  ${DATES[4]} … ${DATES[20]}  last ${last("sma(5).value")}`,
        `bbands(20,2).top       2 points  ${DATES[19]} … ${DATES[20]}  last ${last("bbands(20,2).top")}`,
        `bbands(20,2).mid       2 points  ${DATES[19]} … ${DATES[20]}  last ${last("bbands(20,2).mid")}`,
        `bbands(20,2).bot       2 points  ${DATES[19]} … ${DATES[20]}  last ${last("bbands(20,2).bot")}`,
        "rsi(30).value     no points: warm-up needs 31 bars up to the last date",
        "",
      ]);
    });

    it("a range without bars is one line, exit 2", () => {
      const { status, stdout, stderr } = run([...range("2023-01-02", "2023-06-30"), "--indicators", "sma(5)"], target.env);
      expect([status, stdout, stderr]).toEqual([2, "", ["error: no 1d bars of AAA in region US from 2023-01-02 to 2023-06-30"]]);
    });
  });
}

describe("scripts/compute-indicators.ts: bad input before any database work", () => {
  const nowhere = { PGLITE_DIR: join(tmpdir(), "indicators-cli-no-such-database"), DATABASE_URL: undefined };

  it.each([
    [[...range(DATES[0], DATES[9]), "--indicators", "sma(5),foo(2)"], 'error: unknown indicator "foo" in "foo(2)": use one of sma, ema, wma, rsi, atr, bbands, macd, stochastic, williamsr, roc, momentum'],
    [[...range(DATES[0], DATES[9]), "--indicators", "macd(26,12)"], 'error: indicator "macd(26,12)": the fast period (26) must be shorter than the slow one (12)'],
    [range(DATES[0], DATES[9]), "error: --indicators is required; see --help"],
    [[...range(DATES[0], DATES[9]), "--indicators", "sma", "--timeframe", "5m"], 'error: --timeframe must be one of 1d, 1w, 1mo; got "5m"'],
    [[...range(DATES[9], DATES[0]), "--indicators", "sma"], `error: --from ${DATES[9]} is after --to ${DATES[0]}`],
    [[...range(DATES[0], DATES[9]), "--indicators", "sma", "--save"], "error: Unknown option '--save'; see --help"],
  ])("%j exits 2 with one line", (args, message) => {
    const { status, stdout, stderr } = run(args, nowhere);
    expect([status, stdout, stderr]).toEqual([2, "", [message]]);
  });

  it("a missing embedded database is one line, exit 2, and is not created", () => {
    const { status, stdout, stderr } = run([...range(DATES[0], DATES[9]), "--indicators", "sma"], nowhere);
    expect([status, stdout]).toEqual([2, ""]);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(/^error: no embedded database in .*indicators-cli-no-such-database: /);
    expect(existsSync(nowhere.PGLITE_DIR)).toBe(false);
  });

  it("--help prints the usage and exits 0", () => {
    const { status, stdout, stderr } = run(["--help"], nowhere);
    expect([status, stderr]).toEqual([0, []]);
    expect(stdout.split("\n")[0]).toBe('Usage: tsx scripts/compute-indicators.ts --ticker T --region R --from YYYY-MM-DD --to YYYY-MM-DD --indicators "SPECS" [--timeframe 1d] [--json]');
  });
});
