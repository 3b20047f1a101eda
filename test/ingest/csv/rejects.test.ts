import { beforeAll, expect, it } from "vitest";
import { importCsv, type CsvImportReport } from "../../../src/ingest/csv/index.ts";
import { describeEachEngine } from "../../engines.ts";
import { fixture } from "./fixtures.ts";

const FILE = fixture("rejects/MSFT.csv");

describeEachEngine("import-csv: rows that cannot load are rejected whole, with their reasons", (db) => {
  let report: CsvImportReport;

  beforeAll(async () => {
    report = await importCsv({ file: FILE, database: db() });
  });

  it("balances exactly: 15 rows = 6 loaded + 9 rejected", () => {
    expect(report.files[0]).toMatchObject({ source: 15, loaded: 6, merged: 0, rejected: 9 });
  });

  it("loads the good rows, an empty Adj Close as NULL", async () => {
    expect(await db().query("SELECT date::text AS date, close, adj_close FROM ohlcv_data ORDER BY date")).toEqual([
      { date: "2024-02-26", close: 407.540009, adj_close: 404.893585 },
      { date: "2024-02-27", close: 407.480011, adj_close: 404.833984 },
      { date: "2024-02-28", close: 407.720001, adj_close: 405.072418 },
      { date: "2024-02-29", close: 413.640015, adj_close: 410.954041 },
      { date: "2024-03-12", close: 415.279999, adj_close: 412.584198 },
      { date: "2024-03-13", close: 415.100006, adj_close: null },
    ]);
  });

  it("names each rejected row by its line, with why: impossible date, text in a number, negatives, missing close, short row", async () => {
    const rejects = await db().query("SELECT source_row_id, reason FROM migration_rejects WHERE source_table = 'MSFT.csv' ORDER BY source_row_id::int");
    expect(rejects).toEqual([
      { source_row_id: "4", reason: 'Date: impossible date "2024-02-30"' },
      { source_row_id: "7", reason: 'Close: "abc" where a number belongs' },
      { source_row_id: "8", reason: "Volume: negative value -17596900" },
      { source_row_id: "9", reason: "Open: negative value -413.959991" },
      { source_row_id: "10", reason: 'Volume: "0x10" where a number belongs' },
      { source_row_id: "11", reason: 'Adj Close: "1e" where a number belongs' },
      { source_row_id: "12", reason: "Close: missing required value" },
      { source_row_id: "13", reason: "expected 7 cells as in the header, found 6" },
      { source_row_id: "16", reason: "Close: missing required value" },
    ]);
  });

  it("keeps the rejected rows whole, cell by cell as written", async () => {
    const kept = await db().query("SELECT source_row_id, row FROM migration_rejects WHERE source_row_id IN ('10', '13') ORDER BY source_row_id");
    expect(kept).toEqual([
      { source_row_id: "10", row: { Date: "2024-03-06", Open: "402.970001", High: "405.160004", Low: "398.390015", Close: "402.089996", "Adj Close": "399.479645", Volume: "0x10" } },
      { source_row_id: "13", row: { Date: "2024-03-11", Open: "403.760010", High: "405.679993", Low: "401.260010", Close: "404.519989", "Adj Close": "401.894012" } },
    ]);
  });
});
