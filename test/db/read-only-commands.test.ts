/**
 * Commands that only read what was stored refuse an embedded data directory that does not exist (a
 * mistyped or relative PGLITE_DIR) with one line naming it by its absolute path, exit 2, and create
 * nothing; so does a loader's --resume, which continues a run in an existing database.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const relative = `mistyped-pglite-${process.pid}`;
const csv = join(root, "test/fixtures/csv/yahoo/AAPL.csv");

describe("read-only commands on a PGLITE_DIR that does not exist", () => {
  it.each([
    ["compute-factors", ["--date", "2024-03-01"]],
    ["factor-report", ["--factor", "reversal_1m", "--from", "2024-01-01", "--to", "2024-03-01"]],
    ["backtest", ["--strategy", "equal-weight", "--tickers", "AAA,BBB", "--from", "2024-01-02", "--to", "2024-03-01"]],
    ["walk-forward", ["--strategy", "sma-cross", "--grid", "period=3,8", "--tickers", "AAA", "--from", "2024-01-02", "--to", "2024-12-31", "--train", "40", "--test", "20"]],
    ["optimize", ["--tickers", "AAA,BBB", "--from", "2024-01-02", "--to", "2024-03-01", "--method", "hrp"]],
    ["import-csv", ["--file", csv, "--resume"]],
  ])("%s refuses it in one line naming the directory and creates nothing", (script, args) => {
    const env: Record<string, string | undefined> = { ...process.env, PGLITE_DIR: relative, TZ: "UTC" };
    delete env.DATABASE_URL;
    const result = spawnSync(process.execPath, ["--import", "tsx", `scripts/${script}.ts`, ...args], { cwd: root, encoding: "utf8", env });
    expect([result.status, result.stdout, result.stderr]).toEqual([
      2,
      "",
      `error: no embedded database in ${join(root, relative)}: the directory does not exist; check PGLITE_DIR (relative paths start from the current directory) or load data first (npm run db:migrate, a loader)\n`,
    ]);
    expect(existsSync(join(root, relative))).toBe(false);
  });
});
