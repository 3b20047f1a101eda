/**
 * scripts/export-hdf5.ts as a user runs it, on an embedded database holding the h5py EQUITY sample
 * (with its instruments.h5):
 * the --json document, progress lines with rows/s, the table; bad input as one line on stderr, exit
 * code 2 and no file written (the library's own checks of the selection: generated.test.ts).
 */
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../../src/db/index.ts";
import { migrateFromHdf5 } from "../../../src/ingest/hdf5/index.ts";
import { runCli, type CliResult } from "../../ingest/sqlite/cli.ts";
import { scratchDir } from "../../ingest/sqlite/targets.ts";
import { readKiteFile } from "./kite-file.ts";

const EQUITY = fileURLToPath(new URL("../../fixtures/kite_hdf5/EQUITY.h5", import.meta.url));
const INSTRUMENTS = fileURLToPath(new URL("../../fixtures/kite_hdf5/instruments.h5", import.meta.url));

describe("export-hdf5 on the command line", () => {
  const dir = scratchDir("export-cli-");
  const store = join(dir, "db");
  const env = { PGLITE_DIR: store };
  const out = (name: string) => join(dir, name);
  let json: CliResult;
  let text: CliResult;
  const bad: Record<string, CliResult> = {};

  beforeAll(async () => {
    const db = await openDatabase({ dir: store });
    try {
      // instruments.h5 lists M&M on NSE and BSE: --symbols M&M below names both.
      await migrateFromHdf5({ source: EQUITY, instruments: INSTRUMENTS, database: db });
    } finally {
      await db.close();
    }
    writeFileSync(out("taken.h5"), "an earlier export");
    json = await runCli("export-hdf5.ts", ["--out", out("EQUITY.h5"), "--json", "--progress-every", "0"], env);
    text = await runCli("export-hdf5.ts", ["--out", out("mm.h5"), "--symbols", "M&M", "--intervals", "day,60minute", "--from", "2025-10-16", "--to", "2025-10-20"], env);
    const cases: Record<string, [string[], Record<string, string>]> = {
      noOut: [["--json"], env],
      taken: [["--out", out("taken.h5")], env],
      twoSegments: [["--out", out("both.h5"), "--exchanges", "NSE,BFO"], env],
      unreachable: [["--out", out("server.h5")], { DATABASE_URL: "postgres://postgres:secret@127.0.0.1:1/quant" }],
    };
    for (const [name, [args, caseEnv]] of Object.entries(cases)) bad[name] = await runCli("export-hdf5.ts", args, caseEnv);
  }, 300_000); // six processes, each starting tsx and the embedded engine

  it("--json prints exactly { out, segment, datasets, rows, bytes, seconds, notes } and writes the file", async () => {
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(Object.keys(doc)).toEqual(["out", "segment", "datasets", "rows", "bytes", "seconds", "notes"]);
    const written = await readKiteFile(out("EQUITY.h5"));
    expect([doc.out, doc.segment, doc.datasets.length, doc.rows, doc.notes]).toEqual([out("EQUITY.h5"), "EQUITY", 26, 4028, {}]);
    expect(doc.datasets[0]).toEqual({ exchange: "BSE", symbol: "M_M", interval: "15minute", rows: 125, checksum: written.datasets.get("/data/BSE/M_M/15minute")!.attrs.checksum });
    expect([written.datasets.size, doc.bytes > 0, doc.seconds > 0]).toEqual([26, true, true]);
  });

  it("reports progress with rows/s on stderr, a line per dataset with --progress-every 0", () => {
    const lines = json.stderr.split("\n").filter((l) => l !== "");
    expect(lines.length).toBe(26);
    expect(lines[0]).toMatch(/^1\/26 datasets, 125 rows, \d+ rows\/s: \/data\/BSE\/M_M\/15minute$/);
    expect(lines[25]).toMatch(/^26\/26 datasets, 4028 rows, \d+ rows\/s: \/data\/NSE\/RELIANCE\/day$/);
  });

  it("prints a table of what it wrote", () => {
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(`${out("mm.h5")} (EQUITY)`);
    expect(lines.slice(1, 6).map((l) => l.replace(/ [0-9a-f]{64}$/, " <sha256>"))).toEqual([
      "exchange symbol                interval       rows  checksum (sha256)",
      "BSE      M_M                   60minute         21  <sha256>",
      "BSE      M_M                   day               3  <sha256>",
      "NSE      M_M                   60minute         21  <sha256>",
      "NSE      M_M                   day               3  <sha256>",
    ]);
    expect(lines[6]).toMatch(/^4 datasets, 48 rows, \d+ bytes in \d+\.\d\d s$/);
  });

  it("refuses bad input with one line on stderr and exit code 2, writing nothing", () => {
    const line = (r: CliResult) => ({ code: r.code, stdout: r.stdout, stderr: r.stderr.trimEnd().split("\n") });
    const one = (message: string) => ({ code: 2, stdout: "", stderr: [`error: ${message}`] });
    expect(line(bad.noOut)).toEqual(one("--out FILE.h5 is required; see --help"));
    expect(line(bad.taken)).toEqual(one(`--out ${out("taken.h5")} exists; choose another name or pass --overwrite to replace it`));
    expect(line(bad.twoSegments)).toEqual(one("--exchanges NSE,BFO spans two segments, and a kite_app file holds one: export them separately, --exchanges NSE --out EQUITY.h5 and --exchanges BFO --out DERIVATIVES.h5"));
    expect(line(bad.unreachable).code).toBe(2);
    expect(line(bad.unreachable).stderr).toEqual([expect.stringMatching(/^error: .*127\.0\.0\.1:1/)]);
    expect(readdirSync(dir).filter((f) => f.endsWith(".h5") || f.includes(".partial")).sort()).toEqual(["EQUITY.h5", "mm.h5", "taken.h5"]);
    expect(existsSync(out("server.h5"))).toBe(false);
  });
});
