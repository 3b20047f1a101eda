import { closeSync, copyFileSync, existsSync, openSync, statSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { generateStockulaSample } from "../../../src/synthetic/stockula-sample.ts";
import { runCli, type CliResult } from "./cli.ts";
import { scratchDir } from "./targets.ts";

const dir = scratchDir("bad-input-");
const sample = join(dir, "stockula.db");
/** An embedded target that must still not exist after each refused run: nothing written. */
const untouched = join(dir, "never-created");
const env = { PGLITE_DIR: untouched };

function corruptCopy(): string {
  const path = join(dir, "corrupt.db");
  copyFileSync(sample, path);
  const fd = openSync(path, "r+");
  const middle = Math.floor(statSync(path).size / 2 / 4096) * 4096 + 100;
  writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, middle);
  closeSync(fd);
  return path;
}

const oneLine = (r: CliResult) => ({ code: r.code, stdout: r.stdout, lines: r.stderr.split("\n").filter((l) => l !== "").length });

describe("bad input: one line on stderr, exit code 2, nothing written", () => {
  const results: Record<string, CliResult> = {};

  beforeAll(async () => {
    generateStockulaSample(sample, { days: 120, seed: 3 });
    const text = join(dir, "notes.txt");
    writeFileSync(text, "ticker,close\n005930,70000\n");
    const foreign = join(dir, "foreign.db");
    const other = new Sqlite(foreign);
    other.exec("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)");
    other.close();
    const corrupt = corruptCopy();
    const locked = join(dir, "locked.db");
    copyFileSync(sample, locked);
    const writer = new Sqlite(locked);
    writer.exec("BEGIN EXCLUSIVE");

    const cases: Record<string, [string[], Record<string, string>]> = {
      missing: [["--source", join(dir, "nope.db")], env],
      notSqlite: [["--source", text], env],
      corrupt: [["--source", corrupt], env],
      locked: [["--source", locked], env],
      unknownTables: [["--source", foreign], env],
      unreachable: [["--source", sample, "--json"], { DATABASE_URL: "postgres://postgres:secret@127.0.0.1:1/quant" }],
      noSource: [["--json"], env],
      badBatch: [["--source", sample, "--batch-size", "0"], env],
    };
    const runs = await Promise.all(Object.entries(cases).map(async ([name, [args, e]]) => [name, await runCli("migrate-from-sqlite.ts", args, e)] as const));
    writer.exec("ROLLBACK");
    writer.close();
    for (const [name, result] of runs) results[name] = result;
  });

  it("a missing file", () => {
    expect(oneLine(results.missing)).toEqual({ code: 2, stdout: "", lines: 1 });
    expect(results.missing.stderr).toBe(`error: source file not found: ${join(dir, "nope.db")} (pass the path of a Spock or Stockula SQLite file)\n`);
  });

  it("a file that is not SQLite", () => {
    expect(oneLine(results.notSqlite)).toEqual({ code: 2, stdout: "", lines: 1 });
    expect(results.notSqlite.stderr).toBe(`error: source ${join(dir, "notes.txt")} is not a SQLite database (expected Spock's spock_local.db or Stockula's stockula.db)\n`);
  });

  it("a corrupt SQLite file, found before anything loads", () => {
    expect(oneLine(results.corrupt)).toEqual({ code: 2, stdout: "", lines: 1 });
    expect(results.corrupt.stderr).toMatch(/^error: source \S+corrupt\.db is corrupt \(.+\); restore it from a backup or repair it with sqlite3 \.recover\n$/);
  });

  it("a SQLite file locked by a writer", () => {
    expect(oneLine(results.locked)).toEqual({ code: 2, stdout: "", lines: 1 });
    expect(results.locked.stderr).toBe(`error: source ${join(dir, "locked.db")} is locked by another process (close the program writing to it, then retry)\n`);
  });

  it("a SQLite file with none of the known tables", () => {
    expect(oneLine(results.unknownTables)).toEqual({ code: 2, stdout: "", lines: 1 });
    expect(results.unknownTables.stderr).toMatch(/^error: source \S+foreign\.db has none of the tables the loader knows \(spock: tickers, .*; stockula: stocks, .*\)\n$/);
  });

  it("an unreachable target, named without its password", () => {
    expect(oneLine(results.unreachable)).toEqual({ code: 2, stdout: "", lines: 1 });
    expect(results.unreachable.stderr).toBe("error: cannot connect to PostgreSQL at 127.0.0.1:1/quant: connection refused (is the server running and listening there?)\n");
  });

  it("bad arguments", () => {
    expect(results.noSource).toMatchObject({ code: 2, stdout: "", stderr: "error: --source FILE is required; see --help\n" });
    expect(results.badBatch).toMatchObject({ code: 2, stdout: "", stderr: "error: --batch-size must be a positive integer, got 0\n" });
  });

  it("left the embedded target uncreated in every case", () => {
    expect(existsSync(untouched)).toBe(false);
  });

  it("dry-runs against a target that does not exist yet without creating it", async () => {
    const result = await runCli("migrate-from-sqlite.ts", ["--source", sample, "--dry-run", "--json"], env);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ layout: "stockula", dryRun: true, target: "memory:// (dry run: the target has no schema yet)" });
    expect(report.tables.price_history.rejected).toBe(122); // 2 bad rows and VOD.L's 120 (no region for .L)
    expect(existsSync(untouched)).toBe(false);
  });
});
