/**
 * scripts/bars.ts as a user runs it, on an embedded database holding the bar-store sample
 * (bar-store-sample.ts): each command's table and --json document exactly, delete reporting what it removed, and bad input as one line on stderr, exit code 2, nothing written.
 */
import { spawnSync } from "node:child_process";
import { existsSync, openSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/index.ts";
import { runCli, type CliResult } from "../ingest/sqlite/cli.ts";
import { scratchDir } from "../ingest/sqlite/targets.ts";
import { loadBarStore, writeBarStoreFiles } from "./bar-store-sample.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const dir = scratchDir("bars-cli-");
const env = { PGLITE_DIR: join(dir, "db") };
const bars = (...args: string[]) => runCli("bars.ts", args, env);
const oneLine = (r: CliResult) => ({ code: r.code, stdout: r.stdout, stderr: r.stderr.split("\n").filter((l) => l !== "").length === 1 ? r.stderr : `not one line: ${r.stderr}` });

describe("scripts/bars.ts", () => {
  const run: Record<string, CliResult> = {};

  beforeAll(async () => {
    const loaded = await openDatabase({ dir: env.PGLITE_DIR });
    try {
      await loadBarStore(loaded, writeBarStoreFiles(dir));
    } finally {
      await loaded.close();
    }
    // One process at a time on the embedded database.
    const sequence: [string, string[]][] = [
      ["getJson", ["get", "--exchange", "NSE", "--symbol", "M&M", "--interval", "5minute", "--from", "2025-10-15T18:30:00Z", "--to", "2025-10-16T09:15:00+05:30", "--json"]],
      ["getTable", ["get", "--exchange", "NFO", "--symbol", "NIFTY25OCTFUT", "--interval", "day"]],
      ["symbols", ["symbols", "--exchange", "NSE"]],
      ["intervals", ["intervals", "--exchange", "NSE", "--symbol", "M&M"]],
      ["stats", ["stats"]],
      ["deleteAbsent", ["delete", "--exchange", "BSE", "--symbol", "M_M", "--interval", "minute"]],
      ["delete", ["delete", "--exchange", "BSE", "--symbol", "M_M", "--interval", "5minute", "--json"]],
      ["deleteTable", ["delete", "--exchange", "BFO", "--symbol", "SENSEX25OCT82000CE"]],
    ];
    for (const [name, args] of sequence) run[name] = await bars(...args);
    // Standard output on a full disk (/dev/full answers every write with ENOSPC).
    const full = spawnSync(process.execPath, ["--import", "tsx", "scripts/bars.ts", "get", "--exchange", "NFO", "--symbol", "NIFTY25OCTFUT", "--interval", "day"], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", openSync("/dev/full", "w"), "pipe"],
      encoding: "utf8",
    });
    run.fullDisk = { code: full.status, signal: full.signal, stdout: "", stderr: full.stderr };
  }, 600_000);

  it("a disk too full for the output: one line, exit 1", () => {
    expect(run.fullDisk).toEqual({ code: 1, signal: null, stdout: "", stderr: "error: cannot write the output: ENOSPC: no space left on device, write\n" });
  });

  it("get --json: every bar in the range in exactly the issue's shape, the Kite trading symbol accepted", () => {
    expect(run.getJson.code).toBe(0);
    expect(run.getJson.stdout).toBe(
      '{"exchange":"NSE","symbol":"M_M","interval":"5minute","bars":[' +
        '{"ts":"2025-10-15T18:30:00Z","local":"2025-10-16T00:00:00+05:30","date":"2025-10-16","open":133.25,"high":133.35000610351562,"low":133.10000610351562,"close":133.3000030517578,"volume":8620,"oi":null},' +
        '{"ts":"2025-10-16T03:45:00Z","local":"2025-10-16T09:15:00+05:30","date":"2025-10-16","open":133.3000030517578,"high":133.3000030517578,"low":133.0500030517578,"close":133.14999389648438,"volume":6154,"oi":null}]}\n',
    );
  });

  it("tables: bars with float32 prices as kite_app printed them, symbols, intervals, stats", () => {
    expect(run.getTable.stdout.split("\n")).toEqual([
      "NFO NIFTY25OCTFUT day: 2 bars, 2025-10-15 … 2025-10-16",
      "date          open   high     low   close  volume      oi",
      "2025-10-15     553  561.5   548.1  557.15  429742       0",
      "2025-10-16  557.15  566.6  551.95  564.05  403186  133546",
      "",
    ]);
    expect(run.symbols.stdout.split("\n")).toEqual([
      "exchange  symbol      trading symbol",
      "NSE       BAJAJ_AUTO  BAJAJ-AUTO",
      "NSE       M_M         M&M",
      "",
    ]);
    expect(run.intervals.stdout.split("\n")).toEqual([
      "NSE M_M",
      "interval  rows  first bar (UTC)       last bar (UTC)",
      "5minute    150  2025-10-15T03:45:00Z  2025-10-16T09:55:00Z",
      "60minute    14  2025-10-15T03:45:00Z  2025-10-16T09:45:00Z",
      "day          2  2025-10-14T18:30:00Z  2025-10-15T18:30:00Z",
      "",
    ]);
    expect(run.stats.stdout.split("\n")).toEqual([
      "exchange  symbols  datasets   rows   bytes  datasets per interval",
      "NSE             2         6    332  10,624  5minute 2, 60minute 2, day 2",
      "BSE             1         3    166   5,312  5minute 1, 60minute 1, day 1",
      "NFO             1         2    752  30,080  minute 1, day 1",
      "BFO             1         2    752  30,080  minute 1, day 1",
      "total           5        13  2,002  76,096",
      "bars from 2025-10-14T18:30:00Z to 2025-10-16T09:59:00Z (UTC)",
      "",
    ]);
  });

  it("delete reports what it removed and leaves the rest", () => {
    expect(oneLine(run.deleteAbsent)).toEqual({ code: 2, stdout: "", stderr: "error: BSE M_M has no minute bars (it has 5minute, 60minute, day)\n" });
    expect(run.delete.code).toBe(0);
    expect(JSON.parse(run.delete.stdout)).toEqual({ exchange: "BSE", symbol: "M_M", removed: { "5minute": 150 }, rows: 150 });
    expect(run.deleteTable.stdout).toBe("removed BFO SENSEX25OCT82000CE: minute 750, day 2 (752 rows)\n");
  });
});

describe("scripts/bars.ts bad input: one line on stderr, exit code 2, nothing written", () => {
  const missing = join(dir, "never-created");
  const cases: Record<string, [string[], Record<string, string>, string]> = {
    noCommand: [[], { PGLITE_DIR: missing }, "a command is required: get, symbols, intervals, stats, delete; see --help"],
    unknownCommand: [["list"], { PGLITE_DIR: missing }, 'unknown command "list" (get, symbols, intervals, stats, delete); see --help'],
    noExchange: [["get", "--symbol", "M_M", "--interval", "day"], { PGLITE_DIR: missing }, "--exchange is required; see --help"],
    noInterval: [["get", "--exchange", "NSE", "--symbol", "M_M"], { PGLITE_DIR: missing }, "--interval is required; see --help"],
    badExchange: [["symbols", "--exchange", "nse"], { PGLITE_DIR: missing }, "--exchange nse is not a Kite exchange (NSE, BSE, NFO, BFO)"],
    badInterval: [["delete", "--exchange", "NSE", "--symbol", "M_M", "--interval", "1m"], { PGLITE_DIR: missing }, "--interval 1m is not a Kite interval (minute, 3minute, 5minute, 10minute, 15minute, 30minute, 60minute, day)"],
    naiveTime: [["get", "--exchange", "NSE", "--symbol", "M_M", "--interval", "day", "--to", "2025-10-16 15:30"], { PGLITE_DIR: missing }, '--to "2025-10-16 15:30" is neither an exchange date (YYYY-MM-DD, IST) nor an instant with its zone (2025-01-02T09:15:00+05:30, 2025-01-02T03:45:00Z)'],
    reversed: [["get", "--exchange", "NSE", "--symbol", "M_M", "--interval", "day", "--from", "2025-10-16", "--to", "2025-10-15"], { PGLITE_DIR: missing }, "--from 2025-10-16 is after --to 2025-10-15"],
    otherCommandsFlag: [["stats", "--exchange", "NSE"], { PGLITE_DIR: missing }, "Unknown option '--exchange'; see --help"],
    noDatabase: [["stats"], { PGLITE_DIR: missing }, `no embedded database in ${missing}: the directory does not exist; check PGLITE_DIR (relative paths start from the current directory) or load data first (npm run db:migrate, a loader)`],
    unreachable: [["stats", "--json"], { DATABASE_URL: "postgres://postgres:secret@127.0.0.1:1/quant" }, "cannot connect to PostgreSQL at 127.0.0.1:1/quant: connection refused (is the server running and listening there?)"],
  };
  const results: Record<string, CliResult> = {};

  beforeAll(async () => {
    const runs = await Promise.all(Object.entries(cases).map(async ([name, [args, e]]) => [name, await runCli("bars.ts", args, e)] as const));
    for (const [name, result] of runs) results[name] = result;
  }, 600_000);

  it("each case: its message, one line, exit code 2, nothing on stdout", () => {
    for (const [name, [, , message]] of Object.entries(cases)) expect(oneLine(results[name]), name).toEqual({ code: 2, stdout: "", stderr: `error: ${message}\n` });
  });

  it("created no database", () => {
    expect(existsSync(missing)).toBe(false);
  });

  it("--help prints the commands and exits 0", { timeout: 120_000 }, async () => {
    const help = await runCli("bars.ts", ["--help"], { PGLITE_DIR: missing });
    expect(help.code).toBe(0);
    expect(help.stdout.split("\n")[0]).toBe("Usage: tsx scripts/bars.ts COMMAND [flags]");
  });
});
