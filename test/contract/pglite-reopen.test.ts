/**
 * The embedded engine keeps its data in a directory; a reopened directory must behave like the
 * session that created it (TimescaleDB and its TSL module loaded, hypertable inserts routed to
 * chunks, continuous aggregates maintained).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { openDatabase } from "../../src/db/index.ts";
import { pricesRepository } from "../../src/repositories/prices.ts";
import { bar } from "../fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "pglite-reopen-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("a reopened data directory keeps hypertables, compression and aggregates working", async () => {
  const first = await openDatabase({ dir });
  await pricesRepository(first).upsertBars([bar("RE", "US", "2020-01-02", 10)]);
  await first.close();

  const again = await openDatabase({ dir });
  try {
    expect(await again.query("SELECT _timescaledb_functions.tsl_loaded() AS tsl")).toEqual([{ tsl: true }]);
    const prices = pricesRepository(again);
    expect(await prices.upsertBars([bar("RE", "US", "2020-01-03", 12), bar("RE", "US", "2020-01-02", 11)])).toEqual({
      loaded: 1,
      merged: 1,
    });
    expect((await prices.aggregateBars("month", "RE", "US")).map((m) => [m.date, m.open, m.close, m.barCount])).toEqual([
      ["2020-01-01", 10, 12, 2],
    ]);
    const [{ n }] = await again.query<{ n: number }>("SELECT count(*)::int AS n FROM ONLY ohlcv_data");
    expect(n).toBe(0); // rows live in chunks, not in the hypertable's root table
  } finally {
    await again.close();
  }
});
