import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, type CliResult } from "../sqlite/cli.ts";
import { scratchDir } from "../sqlite/targets.ts";
import { fixture } from "./fixtures.ts";

const dir = scratchDir("csv-cli-");
const FILE = fixture("rejects/MSFT.csv");

describe("import-csv command line", () => {
  let json: CliResult;
  let text: CliResult;
  let help: CliResult;

  beforeAll(async () => {
    const env = { PGLITE_DIR: join(dir, "db") };
    json = await runCli("import-csv.ts", ["--file", FILE, "--json"], env);
    text = await runCli("import-csv.ts", ["--file", FILE, "--dry-run"], env);
    help = await runCli("import-csv.ts", ["--help"], env);
  });

  it("exits 0 when it loaded, rejects included, and prints the documented JSON", () => {
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(Object.keys(report)).toEqual(["runId", "target", "dryRun", "resumed", "timeframe", "files", "dividends", "splits", "inferredInstruments", "seconds"]);
    expect(report).toMatchObject({
      runId: 1,
      target: join(dir, "db"),
      dryRun: false,
      resumed: false,
      timeframe: "1d",
      files: [{ file: FILE, ticker: "MSFT", region: "US", format: "yahoo", basis: "split", source: 15, loaded: 6, merged: 0, rejected: 9 }],
      dividends: { loaded: 0, merged: 0 },
      splits: { loaded: 0, merged: 0 },
      inferredInstruments: 1,
    });
    expect(typeof report.seconds).toBe("number");
  });

  it("prints a table per file otherwise; a dry run says it wrote nothing", () => {
    expect(text.code).toBe(0);
    const lines = text.stdout.split("\n");
    expect(lines[0]).toBe(`dry run (nothing written): 1 file(s), 1d bars → ${join(dir, "db")}, run 2`);
    expect(lines[1].split(/\s+/)).toEqual(["file", "ticker", "format", "basis", "source", "loaded", "merged", "rejected"]);
    expect(lines[2].split(/\s+/)).toEqual(["MSFT.csv", "MSFT", "yahoo", "split", "15", "0", "6", "9"]);
    expect(lines[3]).toBe("dividends: 0 loaded, 0 merged; splits: 0 loaded, 0 merged");
  });

  it("--help prints the usage and does nothing else", () => {
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: tsx scripts\/import-csv\.ts \(--file FILE \| --dir DIR\) \[options\]\n/);
    expect(help.stderr).toBe("");
  });
});
