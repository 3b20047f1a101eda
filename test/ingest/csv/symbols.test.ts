/**
 * A Yahoo download is named by its Yahoo symbol, so import-csv places it with the Yahoo ingest's
 * symbol mapping (src/ingest/symbols.ts); other layouts keep the file name as the ticker.
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { importCsv } from "../../../src/ingest/csv/index.ts";
import { describeEachEngine } from "../../engines.ts";
import { fixture, tableCounts } from "./fixtures.ts";

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "csv-symbols-"));
  for (const name of ["005930.KS.csv", "BRK-B.csv", "VOD.L.csv"]) copyFileSync(fixture("yahoo/AAPL.csv"), join(dir, name));
  copyFileSync(fixture("backtrader/2006-day-001.txt"), join(dir, "BRK-A.csv"));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const placed = (report: Awaited<ReturnType<typeof importCsv>>) => report.files.map((f) => `${f.file.split("/").pop()} → ${f.ticker}.${f.region}`);

describeEachEngine("import-csv: instruments from Yahoo symbols", (db) => {
  it("maps suffixes to regions and class-share dashes to dots; a backtrader file keeps its name", async () => {
    const one = async (name: string, options: { region?: string; ticker?: string } = {}) => placed(await importCsv({ file: join(dir, name), database: db(), ...options }));
    expect([
      ...(await one("005930.KS.csv")),
      ...(await one("BRK-B.csv")),
      ...(await one("BRK-A.csv")),
      ...(await one("VOD.L.csv", { region: "GB" })),
      ...(await one("BRK-B.csv", { ticker: "BRKB", region: "US" })),
    ]).toEqual(["005930.KS.csv → 005930.KR", "BRK-B.csv → BRK.B.US", "BRK-A.csv → BRK-A.US", "VOD.L.csv → VOD.GB", "BRK-B.csv → BRKB.US"]);
    expect(await db().query("SELECT ticker, region, currency FROM tickers ORDER BY region, ticker")).toEqual([
      { ticker: "VOD", region: "GB", currency: null },
      { ticker: "005930", region: "KR", currency: "KRW" },
      { ticker: "BRK-A", region: "US", currency: "USD" },
      { ticker: "BRK.B", region: "US", currency: "USD" },
      { ticker: "BRKB", region: "US", currency: "USD" },
    ]);
  });

  it("refuses a suffix with no region, naming the file and the fix, before writing anything", async () => {
    const before = await tableCounts(db());
    await expect(importCsv({ dir, database: db() })).rejects.toThrow("VOD.L.csv: no region for Yahoo suffix .L (symbol VOD.L); pass --region, e.g. --region GB");
    expect(await tableCounts(db())).toEqual(before);
  });
});
