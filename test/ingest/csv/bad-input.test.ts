import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, type CliResult } from "../sqlite/cli.ts";
import { scratchDir } from "../sqlite/targets.ts";
import { fixture } from "./fixtures.ts";

const dir = scratchDir("csv-bad-input-");
/** An embedded target that must still not exist after each refused run: nothing written. */
const untouched = join(dir, "never-created");
const env = { PGLITE_DIR: untouched };
const AAPL = fixture("yahoo/AAPL.csv");

const oneLine = (r: CliResult) => ({ code: r.code, stdout: r.stdout, lines: r.stderr.split("\n").filter((l) => l !== "").length });

describe("import-csv bad input: one line on stderr, exit code 2, nothing written", () => {
  const results: Record<string, CliResult> = {};
  const path: Record<string, string> = {};

  beforeAll(async () => {
    const file = (name: string, content: string | Buffer) => {
      path[name] = join(dir, name);
      writeFileSync(path[name], content);
    };
    file("binary.csv", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    file("latin1.csv", Buffer.from("Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,1,1,1,1,1,\xe9\n", "latin1"));
    file("prices.csv", "ticker,date,close\nAAPL,2024-01-02,185.64\n");
    file("quote.csv", 'Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,"185.64,1,1,1,1,1\n');
    file("empty.csv", "");
    file("notzipline.csv", "Date,Open,High,Low,Close,Adj Close,Volume\n");
    path.noCsv = join(dir, "no-csv");
    mkdirSync(path.noCsv);
    writeFileSync(join(path.noCsv, "notes.txt"), "nothing here\n");

    const cases: Record<string, [string[], Record<string, string>]> = {
      missing: [["--file", join(dir, "nope.csv")], env],
      binary: [["--file", path["binary.csv"]], env],
      notUtf8: [["--file", path["latin1.csv"]], env],
      unknownHeader: [["--file", path["prices.csv"]], env],
      unclosedQuote: [["--file", path["quote.csv"]], env],
      empty: [["--file", path["empty.csv"]], env],
      wrongFormat: [["--file", path["notzipline.csv"], "--format", "zipline"], env],
      missingDir: [["--dir", join(dir, "nowhere")], env],
      noCsvInDir: [["--dir", path.noCsv], env],
      fileIsDir: [["--file", path.noCsv], env],
      unreachable: [["--file", AAPL, "--json"], { DATABASE_URL: "postgres://postgres:secret@127.0.0.1:1/quant" }],
      neither: [["--json"], env],
      both: [["--file", AAPL, "--dir", dir], env],
      tickerWithDir: [["--dir", fixture("zipline"), "--ticker", "AAPL"], env],
      badFormat: [["--file", AAPL, "--format", "excel"], env],
      badBasis: [["--file", AAPL, "--basis", "adjusted"], env],
      badTimeframe: [["--file", AAPL, "--timeframe", "1h"], env],
      badRegion: [["--file", AAPL, "--region", "us"], env],
      badBatch: [["--file", AAPL, "--batch-size", "0"], env],
      resumeWithOptions: [["--file", AAPL, "--resume", "--basis", "raw"], env],
      unknownFlag: [["--file", AAPL, "--source", AAPL], env],
    };
    const runs = await Promise.all(Object.entries(cases).map(async ([name, [args, e]]) => [name, await runCli("import-csv.ts", args, e)] as const));
    for (const [name, result] of runs) results[name] = result;
  });

  it("each case is one line and exit code 2", () => {
    for (const [name, result] of Object.entries(results)) expect(oneLine(result), name).toEqual({ code: 2, stdout: "", lines: 1 });
  });

  it("files that are missing or not CSV", () => {
    expect(results.missing.stderr).toBe(`error: file not found: ${join(dir, "nope.csv")} (pass a CSV file of daily bars)\n`);
    expect(results.binary.stderr).toBe(`error: ${path["binary.csv"]} is not a CSV text file (it holds binary data)\n`);
    expect(results.notUtf8.stderr).toBe(`error: ${path["latin1.csv"]} is not a CSV text file (it is not UTF-8 text)\n`);
    expect(results.unclosedQuote.stderr).toMatch(/^error: \S+quote\.csv is not valid CSV \(Quote Not Closed: .*line 2\)\n$/);
    expect(results.empty.stderr).toBe(`error: ${path["empty.csv"]} is empty (expected a header line such as Date,Open,High,Low,Close,Adj Close,Volume)\n`);
  });

  it("a header of no known layout, or not of the layout asked for", () => {
    expect(results.unknownHeader.stderr).toBe(
      `error: ${path["prices.csv"]}: unknown header "ticker,date,close" (expected Yahoo Finance: Date,Open,High,Low,Close,Adj Close,Volume; ` +
        "backtrader: Date,Open,High,Low,Close,Volume,OpenInterest; zipline csvdir: date,open,high,low,close,volume[,dividend,split])\n",
    );
    expect(results.wrongFormat.stderr).toBe(
      `error: ${path["notzipline.csv"]}: header "Date,Open,High,Low,Close,Adj Close,Volume" is not a zipline header (expected zipline csvdir: date,open,high,low,close,volume[,dividend,split])\n`,
    );
  });

  it("directories that are missing or hold no CSV files", () => {
    expect(results.missingDir.stderr).toBe(`error: directory not found: ${join(dir, "nowhere")}\n`);
    expect(results.noCsvInDir.stderr).toBe(`error: no .csv files in ${path.noCsv}\n`);
    expect(results.fileIsDir.stderr).toBe(`error: ${path.noCsv} is a directory; pass it with --dir\n`);
  });

  it("an unreachable target, named without its password", () => {
    expect(results.unreachable.stderr).toBe("error: cannot connect to PostgreSQL at 127.0.0.1:1/quant: connection refused (is the server running and listening there?)\n");
  });

  it("missing, contradictory or invalid options", () => {
    expect(results.neither.stderr).toBe("error: pass --file FILE or --dir DIR; see --help\n");
    expect(results.both.stderr).toBe("error: --file and --dir exclude each other; pass one of them\n");
    expect(results.tickerWithDir.stderr).toBe("error: --ticker names the instrument of a single --file; with --dir each file's name is its ticker\n");
    expect(results.badFormat.stderr).toBe('error: --format must be one of auto, yahoo, backtrader, zipline, got "excel"\n');
    expect(results.badBasis.stderr).toBe('error: --basis must be one of raw, split, total, got "adjusted"\n');
    expect(results.badTimeframe.stderr).toBe('error: --timeframe must be one of 1d, 1w, 1mo, got "1h"\n');
    expect(results.badRegion.stderr).toBe('error: --region must be a region code in capitals such as US or KR, got "us"\n');
    expect(results.badBatch.stderr).toBe('error: --batch-size must be an integer ≥ 1, got "0"\n');
    expect(results.resumeWithOptions.stderr).toBe("error: --resume continues the interrupted run with its own options; drop --basis\n");
    expect(results.unknownFlag.stderr).toMatch(/^error: Unknown option '--source'.*; see --help\n$/);
  });

  it("left the embedded target uncreated in every case", () => {
    expect(existsSync(untouched)).toBe(false);
  });
});
