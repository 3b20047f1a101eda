/**
 * A key repeated across a batch boundary: Spock's legacy rows (no region; the master gives it) may
 * name one bar twice, and the NULL-region pass loads them first row winning. On the server two batches
 * are written on two connections; when the later one wrote the key first and then waited for the
 * earlier one's commit, the earlier one's write of the key waited for the later one's transaction, and
 * the run hung for ever. The later batch now writes its rows only once the earlier one's are written.
 */
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateFromSqlite, type MigrateReport } from "../../../src/ingest/sqlite/migrate.ts";
import { SPOCK_DDL } from "../../../src/synthetic/spock-ddl.ts";
import { scratchDir, targetKinds, type Target } from "./targets.ts";

const BATCH = 20_000;
const DAY = 86_400_000;
const date = (i: number) => new Date(Date.UTC(1960, 0, 1) + i * DAY).toISOString().slice(0, 10);

/**
 * BATCH + 100 legacy daily bars of one ticker; row BATCH + 1 repeats row BATCH's date with close 107
 * and opens the last, short batch. Before them a bar with its region (close 106) for the first legacy
 * date: the first legacy batch meets that stored row at once and merges, slower than a plain COPY,
 * while the short batch is written at once; on the old code it wrote the repeated key first.
 */
function writeSource(path: string): void {
  const db = new Sqlite(path);
  db.exec(SPOCK_DDL);
  db.exec("INSERT INTO tickers (ticker, name, exchange, region, currency, asset_type, created_at, last_updated) VALUES ('005930', 'Samsung', 'KOSPI', 'KR', 'KRW', 'STOCK', '2025-10-14T17:55:51', '2025-10-14 08:55:51')");
  const insert = db.prepare("INSERT INTO ohlcv_data (ticker, region, timeframe, date, open, high, low, close, volume, created_at) VALUES ('005930', NULL, 'D', ?, 100, 110, 90, ?, 1000, '2025-10-14T17:55:51')");
  db.prepare("INSERT INTO ohlcv_data (ticker, region, timeframe, date, open, high, low, close, volume, created_at) VALUES ('005930', 'KR', 'D', ?, 100, 110, 90, 106, 1000, '2025-10-14T17:55:51')").run(date(0));
  db.transaction(() => {
    for (let i = 0; i < BATCH; i++) insert.run(date(i), 105);
    insert.run(date(BATCH - 1), 107);
    for (let i = BATCH; i < BATCH + 99; i++) insert.run(date(i), 105);
  })();
  db.close();
}

const source = join(scratchDir("adjacent-duplicates-"), "spock.db");
writeSource(source);

for (const kind of targetKinds) {
  describe(`a key repeated across a batch boundary [${kind.name}]`, () => {
    let target: Target;
    let report: MigrateReport;

    beforeAll(async () => {
      target = await kind.create();
      report = await migrateFromSqlite({ source, target: target.options, batchSize: BATCH, tables: ["tickers", "ohlcv_data"] });
    }, 60_000);
    afterAll(async () => {
      await target?.drop();
    });

    it("loads every other row and counts the two repeats", () => {
      expect(report.tables.ohlcv_data).toEqual({ source: BATCH + 101, loaded: BATCH + 99, merged: 2, rejected: 0 });
    });

    it("keeps the first row, as legacy pairs do", async () => {
      const database = await target.open();
      try {
        const rows = await database.query<{ date: string; close: number }>(
          "SELECT date::text, close::float8 AS close FROM ohlcv_data WHERE date IN ($1, $2, $3, $4) ORDER BY date",
          [date(0), date(BATCH - 2), date(BATCH - 1), date(BATCH)],
        );
        expect(rows).toEqual([
          { date: date(0), close: 106 },
          { date: date(BATCH - 2), close: 105 },
          { date: date(BATCH - 1), close: 105 },
          { date: date(BATCH), close: 105 },
        ]);
      } finally {
        await database.close();
      }
    });
  });
}
