/**
 * `scripts/compute-indicators.ts` end to end, spawned as a user runs it, on each engine: a throwaway
 * embedded database (PGLITE_DIR) and, when TEST_DATABASE_URL is set, a scratch database on the server
 * (DATABASE_URL), both holding the market of stored-bars.ts and the hand-made session of
 * tick-session.ts. The --json document equals the library's series (over a session: the values worked
 * out by hand); the table names every line with its points, times and last value; --save appends,
 * then overwrites, what is stored; bad input is one line, exit 2, nothing written. Spawning is slow:
 * few runs, each checked thoroughly.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database, type OpenOptions } from "../../src/db/index.ts";
import { createScratchDatabase } from "../../src/db/scratch-database.ts";
import { DATES, expectedSeries, storeMarket } from "./stored-bars.ts";
import { HAND, HAND_BAR_SERIES, HAND_TICK_SERIES, HAND_TICK_SPECS, iso, seedHandSession } from "./tick-session.ts";

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
const onSession = (symbol: string) => ["--session", HAND, "--symbol", symbol];

for (const engine of engines) {
  describe(`scripts/compute-indicators.ts [${engine.name}]`, () => {
    let target: Target;
    beforeAll(async () => {
      target = await engine.create();
      await withTarget(async (db) => {
        await storeMarket(db);
        await seedHandSession(db);
      });
    });
    afterAll(() => target?.remove());

    /** `work` on the target's database, closed after (the embedded one admits one process at a time). */
    async function withTarget<T>(work: (db: Database) => Promise<T>): Promise<T> {
      const db = await openDatabase(target.options);
      try {
        return await work(db);
      } finally {
        await db.close();
      }
    }

    const storedIds = () =>
      withTarget((db) => db.query<{ id: string; n: number }>("SELECT indicator_id AS id, count(*)::int AS n FROM indicator_values GROUP BY 1 ORDER BY 1"));

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

    it("over a session: --json prints the tick-window values on the grid and the bar values on the candles", () => {
      const ticks = run([...onSession("X_USDT"), "--indicators", HAND_TICK_SPECS, "--json"], target.env);
      expect([ticks.status, ticks.stderr]).toEqual([0, []]);
      expect(JSON.parse(ticks.stdout)).toEqual({ series: HAND_TICK_SERIES });
      const bars = run([...onSession("Y_USDT"), "--indicators", "sma(2),momentum(1),rsi", "--interval", "1m"], target.env);
      expect([bars.status, bars.stderr]).toEqual([0, []]);
      expect(bars.stdout.split("\n")).toEqual([
        `${HAND} Y_USDT: bar indicators on 1m candles, tick-window indicators every 1 s`,
        `sma(2).value            3 points  ${iso(120)} … ${iso(240)}  last 13.500000`,
        `momentum(1).value       3 points  ${iso(120)} … ${iso(240)}  last -1.000000`,
        "rsi(14).value      no points: warm-up needs 15 candles",
        "",
      ]);
      expect(HAND_BAR_SERIES["sma(2).value"].at(-1)).toEqual([iso(240), 13.5]);
    });

    it("--save appends (a second run merges every time), --mode overwrite replaces; bars save under their series", async () => {
      const first = run([...onSession("X_USDT"), "--indicators", "twpa(4,0),sma(1)", "--save"], target.env);
      expect([first.status, first.stderr]).toEqual([0, []]);
      expect(first.stdout.split("\n").slice(-3)).toEqual([
        "saved twpa(4,0).value: 3 values (3 new, 0 replacing stored times, 0 removed first)",
        "saved sma(1)@1m.value: 1 values (1 new, 0 replacing stored times, 0 removed first)",
        "",
      ]);
      const again = run([...onSession("X_USDT"), "--indicators", "twpa(4,0)", "--every", "0.5", "--save", "--mode", "append", "--json"], target.env);
      expect([again.status, again.stderr]).toEqual([0, []]);
      expect(JSON.parse(again.stdout).saved).toEqual([{ indicator: "twpa(4,0).value", values: 5, loaded: 2, merged: 3, replaced: 0 }]);
      const over = run([...onSession("X_USDT"), "--indicators", "twpa(4,0)", "--every", "2", "--save", "--mode", "overwrite", "--json"], target.env);
      expect([over.status, over.stderr]).toEqual([0, []]);
      expect(JSON.parse(over.stdout)).toEqual({
        series: { "twpa(4,0).value": [[iso(4), 102], [iso(6), 103.25]] },
        saved: [{ indicator: "twpa(4,0).value", values: 2, loaded: 2, merged: 0, replaced: 5 }],
      });
      const bars = run([...range(DATES[50], DATES[59]), "--indicators", "sma(5)", "--save", "--json"], target.env);
      expect([bars.status, bars.stderr]).toEqual([0, []]);
      expect(JSON.parse(bars.stdout).saved).toEqual([{ indicator: "sma(5).value", values: 10, loaded: 10, merged: 0, replaced: 0 }]);
      expect(await storedIds()).toEqual([{ id: "sma(1)@1m.value", n: 1 }, { id: "sma(5).value", n: 10 }, { id: "twpa(4,0).value", n: 2 }]);
    });

    it("an unknown session or symbol, or a bad step, is one line, exit 2, and nothing is written", async () => {
      const before = await storedIds();
      for (const [args, message] of [
        [["--session", "exec_20250101_000000_00000000", "--symbol", "X_USDT"], "error: session exec_20250101_000000_00000000 not found"],
        [onSession("DOGE_USDT"), `error: session ${HAND} has no symbol DOGE_USDT (it has X_USDT, Y_USDT, Z_USDT)`],
        [[...onSession("X_USDT"), "--every", "0"], "error: the grid step must be seconds > 0 with at most 6 decimals, got 0"],
      ] as const) {
        const { status, stdout, stderr } = run([...args, "--indicators", "twpa(4,0)", "--save", "--mode", "overwrite"], target.env);
        expect([status, stdout, stderr]).toEqual([2, "", [message]]);
      }
      expect(await storedIds()).toEqual(before);
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
    [[...range(DATES[0], DATES[9]), "--indicators", "sma", "--bogus"], "error: Unknown option '--bogus'; see --help"],
    [[...range(DATES[0], DATES[9]), "--indicators", "sma,twpa"], 'error: indicator "twpa" is a tick-window indicator: compute it over a tick session, not over stored bars'],
    [[...range(DATES[0], DATES[9]), "--indicators", "sma", "--mode", "overwrite"], "error: --mode goes with --save"],
    [[...range(DATES[0], DATES[9]), "--indicators", "sma", "--save", "--mode", "replace"], 'error: --mode must be one of append, overwrite; got "replace"'],
    [[...range(DATES[0], DATES[9]), "--indicators", "sma", "--interval", "5m"], "error: --interval goes with --session; see --help"],
    [[...onSession("X_USDT"), "--indicators", "twpa", "--from", DATES[0]], "error: --from is for stored bars; over a session give --symbol (and --interval, --every): see --help"],
    [["--session", HAND, "--indicators", "twpa"], "error: --symbol is required; see --help"],
    [[...onSession("X_USDT"), "--indicators", "twpa", "--interval", "2m"], 'error: --interval must be one of 1m, 5m, 15m, 30m, 1h, 4h, 1d; got "2m"'],
    [[...onSession("X_USDT"), "--indicators", "twpa", "--every", "often"], 'error: --every expects a number, got "often"'],
    [[...onSession("X_USDT"), "--indicators", "twpa(60,300)"], 'error: indicator "twpa(60,300)": the window from t1 = 60 s ago must start before its end t2 = 300 s ago'],
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
    expect(stdout.split("\n").slice(0, 2)).toEqual([
      'Usage: tsx scripts/compute-indicators.ts --ticker T --region R --from YYYY-MM-DD --to YYYY-MM-DD --indicators "SPECS" [--timeframe 1d] [--save [--mode append|overwrite]] [--json]',
      '       tsx scripts/compute-indicators.ts --session ID --symbol S --indicators "SPECS" [--interval 1m] [--every 1] [--save [--mode append|overwrite]] [--json]',
    ]);
  });
});
