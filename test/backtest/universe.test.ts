/**
 * The universe a backtest trades, both engines: a file listing instruments, a region narrowed by
 * asset type, and the one-line refusals of a universe that is missing, doubled or empty.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, expect, it } from "vitest";
import { resolveUniverse } from "../../src/backtest/market/universe.ts";
import { repositories } from "../../src/repositories/index.ts";
import { describeEachEngine } from "../engines.ts";
import { clearTables, dayBar, storeBars } from "./ledger.ts";

describeEachEngine("backtest universe", (db) => {
  beforeEach(async () => {
    await clearTables(db());
    await storeBars(db(), [
      dayBar("AAA", "2024-01-02", 10),
      dayBar("BBB", "2024-01-02", 20),
      dayBar("SPY", "2024-01-02", 400),
      { ...dayBar("005930", "2024-01-02", 70_000), region: "KR" },
    ]);
    await repositories(db()).instruments.upsert([
      { ticker: "AAA", region: "US", assetType: "STOCK" },
      { ticker: "BBB", region: "US", assetType: "stock" },
      { ticker: "SPY", region: "US", assetType: "ETF" },
    ]);
  });

  const resolve = (spec: Parameters<typeof resolveUniverse>[1]) => resolveUniverse(db(), spec, "2024-01-01", "2024-01-31");

  it("reads a universe file: entries by line or comma, comments and blank lines skipped, duplicates once", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "universe-")), "universe.txt");
    writeFileSync(file, "# my book\nAAA, 005930.KR\n\nBBB # the second\nAAA\n");
    expect(await resolve({ universeFile: file })).toEqual([
      { ticker: "AAA", region: "US" },
      { ticker: "005930", region: "KR" },
      { ticker: "BBB", region: "US" },
    ]);
  });

  it("takes a region's instruments with bars, narrowed by asset type in any case", async () => {
    expect(await resolve({ region: "US" })).toEqual([
      { ticker: "AAA", region: "US" },
      { ticker: "BBB", region: "US" },
      { ticker: "SPY", region: "US" },
    ]);
    expect(await resolve({ region: "US", assetTypes: ["Stock"] })).toEqual([
      { ticker: "AAA", region: "US" },
      { ticker: "BBB", region: "US" },
    ]);
  });

  it("refuses a missing, doubled or empty universe in one line", async () => {
    await expect(resolve({})).rejects.toThrow("no universe: give --tickers A,B.KR, --region R or --universe FILE");
    await expect(resolve({ tickers: "AAA", universeFile: "x.txt" })).rejects.toThrow("give one universe: --tickers or --universe, not both");
    await expect(resolve({ tickers: "AAA", assetTypes: ["ETF"] })).rejects.toThrow(
      "--asset-types narrows a --region universe, not a list of instruments; drop one of them",
    );
    await expect(resolve({ region: "US", assetTypes: ["FUND"] })).rejects.toThrow(
      "empty universe: no instrument of region US of asset types FUND has daily bars in 2024-01-01..2024-01-31",
    );
    await expect(resolve({ tickers: "AAA,ZZZ" })).rejects.toThrow(
      "no daily bars in 2024-01-01..2024-01-31 for ZZZ.US: check the tickers and range, or import their bars",
    );
    await expect(resolve({ universeFile: "/nonexistent/universe.txt" })).rejects.toThrow(
      "cannot read universe file /nonexistent/universe.txt (ENOENT); give a file listing TICKER or TICKER.REGION entries",
    );
  });
});
