/**
 * migrate-from-hdf5 refusing bad input: one line on stderr, exit code 2, no stack, nothing written (the
 * embedded target directory is never created).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { Hdf5Writer } from "../../../src/hdf5/writer.ts";
import { datasetAttributes, rootAttributes } from "../../../src/kite/layout.ts";
import { encodeRecords, RECORD_TYPES } from "../../../src/kite/records.ts";
import { runCli, type CliResult } from "../sqlite/cli.ts";
import { scratchDir } from "../sqlite/targets.ts";

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/kite_hdf5/${name}`, import.meta.url));
const EQUITY = fixture("EQUITY.h5");
const dir = scratchDir("hdf5-bad-input-");
const untouched = join(dir, "never-created");
const env = { PGLITE_DIR: untouched };
const EXPECTED = "(expected kite_app's EQUITY.h5 or DERIVATIVES.h5)";

/** A kite_app file whose one dataset declares filter 32004 (LZ4) — stored unencoded, checksum correct. */
function lz4File(path: string): void {
  const records = encodeRecords([{ timestamp: 1_760_466_600, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 }], "EQUITY");
  const w = new Hdf5Writer();
  w.group("/", rootAttributes("EQUITY", { createdAt: "2025-01-01T00:00:00", lastUpdated: "2025-01-01T00:00:00", compression: "lz4", compressionLevel: 1 }));
  w.dataset("/data/NSE/M_M/day", {
    type: RECORD_TYPES.EQUITY, data: records, chunkRows: 1,
    filters: [{ id: 32004, name: "lz4", clientData: [], encode: (b) => b }],
    attrs: datasetAttributes(records, 1, 1_760_466_600, 1_760_466_600, "2025-01-01T00:00:00"),
  });
  w.write(path);
}

const oneLine = (r: CliResult) => ({ code: r.code, stdout: r.stdout, lines: r.stderr.split("\n").filter((l) => l !== "").length });

describe("migrate-from-hdf5 bad input: one line on stderr, exit code 2, nothing written", () => {
  const results: Record<string, CliResult> = {};
  const path = {
    text: join(dir, "notes.h5"),
    truncated: join(dir, "truncated.h5"),
    lz4: join(dir, "lz4.h5"),
  };

  beforeAll(async () => {
    writeFileSync(path.text, "timestamp,open,high,low,close,volume\n");
    writeFileSync(path.truncated, readFileSync(EQUITY).subarray(0, 200));
    lz4File(path.lz4);
    const cases: Record<string, [string[], Record<string, string>]> = {
      missing: [["--source", join(dir, "nope.h5")], env],
      notHdf5: [["--source", path.text], env],
      truncated: [["--source", path.truncated], env],
      noData: [["--source", fixture("instruments.h5")], env],
      unknownFilter: [["--source", path.lz4], env],
      unreachable: [["--source", EQUITY, "--json"], { DATABASE_URL: "postgres://postgres:secret@127.0.0.1:1/quant" }],
      noSource: [["--json"], env],
      badExchange: [["--source", EQUITY, "--exchanges", "NSE,NFO"], env],
      badInterval: [["--source", EQUITY, "--intervals", "day,2minute"], env],
      badSymbol: [["--source", EQUITY, "--exchanges", "BSE", "--symbols", "M&M,BAJAJ-AUTO"], env],
      emptySelection: [["--source", EQUITY, "--exchanges", "BSE", "--symbols", "RELIANCE", "--intervals", "minute"], env],
      notInstruments: [["--source", EQUITY, "--instruments", EQUITY], env],
      badBatch: [["--source", EQUITY, "--batch-size", "0"], env],
      resumeWithOptions: [["--source", EQUITY, "--resume", "--intervals", "day"], env],
    };
    const runs = await Promise.all(Object.entries(cases).map(async ([name, [args, e]]) => [name, await runCli("migrate-from-hdf5.ts", args, e)] as const));
    for (const [name, result] of runs) results[name] = result;
  });

  it("each case is one line and exit code 2", () => {
    for (const [name, result] of Object.entries(results)) expect(oneLine(result), name).toEqual({ code: 2, stdout: "", lines: 1 });
  });

  it("files that are missing, not HDF5, unreadable or without a /data tree", () => {
    expect(results.missing.stderr).toBe(`error: file not found: ${join(dir, "nope.h5")} ${EXPECTED}\n`);
    expect(results.notHdf5.stderr).toBe(`error: ${path.text} is not an HDF5 file ${EXPECTED}\n`);
    expect(results.truncated.stderr).toMatch(new RegExp(`^error: cannot read ${path.truncated} as HDF5: .+\\n$`));
    expect(results.noData.stderr).toBe(`error: ${fixture("instruments.h5")} has no /data tree ${EXPECTED}\n`);
  });

  it("a compression filter kite_app never used", () => {
    expect(results.unknownFilter.stderr).toBe(
      `error: ${path.lz4}: /data/NSE/M_M/day is compressed with HDF5 filter 32004 (lz4), which kite_app never used; only gzip, shuffle and Blosc are read ` +
        "(rewrite it with h5repack -f SHUF -f GZIP=4, or leave it out with --exchanges/--symbols/--intervals)\n",
    );
  });

  it("an unreachable target, named without its password", () => {
    expect(results.unreachable.stderr).toBe("error: cannot connect to PostgreSQL at 127.0.0.1:1/quant: connection refused (is the server running and listening there?)\n");
  });

  it("a selection the file lacks, and contradictory or invalid options", () => {
    expect(results.noSource.stderr).toBe("error: --source FILE.h5 is required; see --help\n");
    expect(results.badExchange.stderr).toBe(`error: --exchanges: NFO not in ${EQUITY} (exchanges with datasets: BSE, NSE)\n`);
    expect(results.badInterval.stderr).toBe("error: --intervals 2minute is not a Kite interval (minute, 3minute, 5minute, 10minute, 15minute, 30minute, 60minute, day)\n");
    expect(results.badSymbol.stderr).toBe(`error: --symbols: BAJAJ-AUTO not in ${EQUITY} under BSE\n`);
    expect(results.emptySelection.stderr).toBe(`error: no dataset of ${EQUITY} matches the selection (--exchanges, --intervals, --symbols)\n`);
    expect(results.notInstruments.stderr).toBe(`error: ${EQUITY} has no instrument list (/NSE/data, /BSE/data, /NFO/data, /BFO/data; expected kite_app's instruments.h5)\n`);
    expect(results.badBatch.stderr).toBe('error: --batch-size must be an integer ≥ 1, got "0"\n');
    expect(results.resumeWithOptions.stderr).toBe("error: --resume continues the interrupted run with its own options; drop --intervals\n");
  });

  it("left the embedded target uncreated in every case", () => {
    expect(existsSync(untouched)).toBe(false);
  });
});
