/** copyRows/copyBatch with `distinctKeys`: the client-side merge of repeats is skipped, and a repeat that does occur is still merged, by the server. */
import { expect, test } from "vitest";
import { ohlcvData } from "../../src/schema/index.ts";
import { describeEachEngine } from "../engines.ts";
import { bar } from "../fixtures.ts";

describeEachEngine("copyRows with distinctKeys", (db) => {
  const closes = async (ticker: string) => db().query<{ date: string; close: number }>("SELECT date, close FROM ohlcv_data WHERE ticker = $1 ORDER BY date", [ticker]);

  test("distinct keys load straight in", async () => {
    const rows = [bar("DK1", "US", "2024-03-01", 1), bar("DK1", "US", "2024-03-04", 2)];
    expect(await db().copyRows(ohlcvData, rows, { distinctKeys: true })).toEqual({ loaded: 2, merged: 0 });
    expect(await closes("DK1")).toEqual([{ date: "2024-03-01", close: 1 }, { date: "2024-03-04", close: 2 }]);
  });

  test("a repeat the caller did not expect is merged by the server: the last row wins, counted as merged", async () => {
    const rows = [bar("DK2", "US", "2024-03-01", 1), bar("DK2", "US", "2024-03-01", 5), bar("DK2", "US", "2024-03-04", 2)];
    expect(await db().copyRows(ohlcvData, rows, { distinctKeys: true })).toEqual({ loaded: 2, merged: 1 });
    expect(await closes("DK2")).toEqual([{ date: "2024-03-01", close: 5 }, { date: "2024-03-04", close: 2 }]);
    expect(await db().copyRows(ohlcvData, rows.slice(2), { distinctKeys: true })).toEqual({ loaded: 0, merged: 1 });
  });
});
