import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { YAHOO_RECORDINGS } from "./recordings.ts";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

function fetchYahoo(pgliteDir: string, args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: pgliteDir };
  delete env.DATABASE_URL; // the embedded database in pgliteDir, whatever the caller's environment
  const run = spawnSync("npx", ["tsx", "scripts/fetch-yahoo.ts", ...args], { cwd: ROOT, env, encoding: "utf8" });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("scripts/fetch-yahoo.ts on replayed recordings", () => {
  const dir = mkdtempSync(join(tmpdir(), "fetch-yahoo-"));
  const db = join(dir, "pglite");

  it("exits 0 with one JSON document when every symbol loads", () => {
    const universe = join(dir, "universe.txt");
    writeFileSync(universe, "# two equities and a pair\nAAPL\nMSFT, US\n\nBTC-USD\n");
    const run = fetchYahoo(db, ["--universe", universe, "--from", "2020-01-01", "--to", "2022-12-31", "--replay", YAHOO_RECORDINGS, "--json"]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)).toEqual(["source", "interval", "from", "to", "database", "ok", "failed", "requests", "symbols"]);
    expect(report).toMatchObject({ source: "replay", interval: "1d", from: "2020-01-01", to: "2022-12-31", database: db, ok: 3, failed: 0, requests: 3 });
    expect(report.symbols.map((s: { symbol: string; ticker: string; region: string; status: string; bars: number; dividends: number; splits: number }) => [s.symbol, s.ticker, s.region, s.status, s.bars, s.dividends, s.splits])).toEqual([
      ["AAPL", "AAPL", "US", "ok", 51, 1, 1],
      ["MSFT", "MSFT", "US", "ok", 252, 4, 0],
      ["BTC-USD", "BTC-USD", "CRYPTO", "ok", 3, 0, 0],
    ]);
    // Progress lines only (in order of completion): no runtime warning from the library on the Node
    // version package.json declares.
    const progress = run.stderr.split("\n").filter((line) => line && !line.startsWith("npm warn"));
    expect(progress.map((line) => line.slice(0, 6))).toEqual(["[1/3] ", "[2/3] ", "[3/3] "]);
    expect(progress.map((line) => line.slice(6)).sort()).toEqual([
      "AAPL ok AAPL/US: 51 bars, 0 null bars skipped, 1 dividends, 1 splits, 1 requests",
      "BTC-USD ok BTC-USD/CRYPTO: 3 bars, 0 null bars skipped, 0 dividends, 0 splits, 1 requests",
      "MSFT ok MSFT/US: 252 bars, 0 null bars skipped, 4 dividends, 0 splits, 1 requests",
    ]);
  });

  it("exits 1 naming each failed symbol with its reason, loading the rest incrementally", () => {
    const run = fetchYahoo(db, ["--symbols", "AAPL,NOPE,VOD.L", "--from", "2020-01-01", "--to", "2022-12-31", "--replay", YAHOO_RECORDINGS]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`FAILED NOPE: replay: no recorded response for /v8/finance/chart NOPE interval 1d in ${YAHOO_RECORDINGS}\n`);
    expect(run.stderr).toContain("FAILED VOD.L: no region for Yahoo suffix .L (symbol VOD.L); give one explicitly, e.g. --region VOD.L=GB\n");
    // The previous test left AAPL held to 2022-12-31: only its last 5 days are asked again (nothing there).
    expect(run.stdout).toContain("AAPL: ok AAPL/US: 0 bars, 0 null bars skipped, 0 dividends, 0 splits, 1 requests\n");
    expect(run.stdout).toContain(`1 ok, 2 failed, 2 requests (replay, ${db})\n`);
  });

  it("exits 2 with one line naming the bad argument", () => {
    const run = fetchYahoo(db, ["--symbols", "AAPL", "--from", "2020-01-01", "--interval", "1h"]);
    expect(run).toEqual({ code: 2, stdout: "", stderr: expect.stringMatching(/^(npm warn [^\n]*\n)*error: --interval must be one of 1d, 1wk, 1mo, got "1h"\n$/) });
    const both = fetchYahoo(db, ["--symbols", "AAPL", "--from", "2020-01-01", "--record", dir, "--replay", dir]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("error: --record and --replay exclude each other\n");
  });
});
