/**
 * scripts/migrate-from-hdf5.ts as a user runs it: the --json document in exactly the shape,
 * progress per dataset with rows/s, the table with rejected datasets, and --dry-run writing nothing.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, type CliResult } from "../sqlite/cli.ts";
import { scratchDir } from "../sqlite/targets.ts";

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/kite_hdf5/${name}`, import.meta.url));
const EQUITY = fixture("EQUITY.h5");
const dir = scratchDir("hdf5-cli-");

describe("migrate-from-hdf5 on the command line", () => {
  let json: CliResult;
  let text: CliResult;
  let dry: CliResult;
  const dryTarget = join(dir, "dry");

  beforeAll(async () => {
    const env = { PGLITE_DIR: join(dir, "db") };
    dry = await runCli("migrate-from-hdf5.ts", ["--source", EQUITY, "--dry-run", "--exchanges", "BSE"], { PGLITE_DIR: dryTarget });
    json = await runCli("migrate-from-hdf5.ts", ["--source", EQUITY, "--exchanges", "NSE", "--symbols", "M&M,RELIANCE", "--json", "--progress-every", "0"], env);
    text = await runCli("migrate-from-hdf5.ts", ["--source", EQUITY, "--exchanges", "NSE", "--symbols", "RELIANCE", "--intervals", "15minute,60minute"], env);
  });

  it("--json prints exactly { source, segment, datasets, rejectedDatasets, rows, seconds }", () => {
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(Object.keys(doc)).toEqual(["source", "segment", "datasets", "rejectedDatasets", "rows", "seconds"]);
    expect(doc.seconds).toBeGreaterThan(0);
    expect({ ...doc, seconds: 0 }).toEqual({
      source: EQUITY,
      segment: "EQUITY",
      datasets: [
        { exchange: "NSE", symbol: "M_M", interval: "15minute", source: 150, loaded: 150, merged: 0, rejected: 0, status: "loaded" },
        { exchange: "NSE", symbol: "M_M", interval: "5minute", source: 450, loaded: 450, merged: 0, rejected: 0, status: "loaded" },
        { exchange: "NSE", symbol: "M_M", interval: "60minute", source: 42, loaded: 42, merged: 0, rejected: 0, status: "loaded" },
        { exchange: "NSE", symbol: "M_M", interval: "day", source: 6, loaded: 6, merged: 0, rejected: 0, status: "loaded" },
        { exchange: "NSE", symbol: "RELIANCE", interval: "5minute", source: 450, loaded: 450, merged: 0, rejected: 0, status: "loaded" },
        { exchange: "NSE", symbol: "RELIANCE", interval: "60minute", source: 42, loaded: 42, merged: 0, rejected: 0, status: "loaded" },
        { exchange: "NSE", symbol: "RELIANCE", interval: "day", source: 6, loaded: 6, merged: 0, rejected: 0, status: "loaded" },
      ],
      rejectedDatasets: [{ path: "/data/NSE/RELIANCE/15minute", reason: expect.stringMatching(/^checksum mismatch: the records hash to [0-9a-f]{64}, the checksum attribute says [0-9a-f]{64}$/) }],
      rows: 1146,
      seconds: 0,
    });
  });

  it("reports progress per dataset with rows/s on stderr", () => {
    const lines = json.stderr.split("\n");
    expect(lines).toContain("/data/NSE/M_M/5minute: 450 source rows");
    expect(lines.some((l) => /^\/data\/NSE\/M_M\/5minute: 450\/450 rows \(100%\), \d+ rows\/s/.test(l))).toBe(true);
    expect(lines).toContain("instruments: 2 source rows");
  });

  it("prints a table of datasets, the rejected ones with their reasons, and merges on a reload", () => {
    expect(text.code).toBe(0);
    const lines = text.stdout.split("\n");
    expect(lines[0]).toMatch(new RegExp(`^${EQUITY} \\(EQUITY\\) → \\S+/db, run 2$`));
    expect(lines.slice(1, 3)).toEqual([
      "exchange symbol                interval     source   loaded   merged rejected  status",
      "NSE      RELIANCE              60minute         42        0       42        0  loaded",
    ]);
    expect(lines).toContain("instruments: 1 (0 new, 1 already present)");
    expect(lines.find((l) => l.startsWith("rejected dataset"))).toMatch(/^rejected dataset \/data\/NSE\/RELIANCE\/15minute: checksum mismatch: /);
    expect(lines.at(-2)).toMatch(/^42 rows in \d+\.\d\d s$/);
  });

  it("--dry-run reports what would load and writes nothing", () => {
    expect(dry.code).toBe(0);
    expect(dry.stdout.split("\n")[0]).toBe(`dry run (nothing written): ${EQUITY} (EQUITY) → memory:// (dry run: the target has no schema yet), run 1`);
    expect(dry.stdout).toContain("BSE      RELIANCE              60minute          0        0        0        0  empty");
    expect(existsSync(dryTarget)).toBe(false);
  });
});
