/** Bulk path contract: COPY + merge accounting, idempotence, conflict policies, value fidelity. */
import { expect, test } from "vitest";
import { ohlcvData, tickers } from "../../src/schema/index.ts";
import { describeEachEngine } from "../engines.ts";
import { bar, days } from "../fixtures.ts";

describeEachEngine("bulk copyRows", (db) => {
  const closes = async (ticker: string) =>
    (await db().query<{ date: string; close: number }>(
      "SELECT date, close FROM ohlcv_data WHERE ticker = $1 ORDER BY date",
      [ticker],
    ));

  test("a first load reports every row loaded; reloading reports every row merged and changes values only", async () => {
    const rows = days("2024-01-01", 300).map((d, i) => bar("005930", "KR", d, 100 + i));
    expect(await db().copyRows(ohlcvData, rows, { batchSize: 128 })).toEqual({ loaded: 300, merged: 0 });
    const again = rows.map((r) => ({ ...r, close: r.close + 0.5 }));
    expect(await db().copyRows(ohlcvData, again, { batchSize: 128 })).toEqual({ loaded: 0, merged: 300 });
    const stored = await closes("005930");
    expect(stored).toHaveLength(300);
    expect(stored[0]).toEqual({ date: "2024-01-01", close: 100.5 });
    expect(stored[299]).toEqual({ date: "2024-10-26", close: 399.5 });
  });

  test("a batch that partly overlaps stored rows loads the new keys and merges the rest", async () => {
    const rows = days("2024-01-01", 10).map((d, i) => bar("PARTIAL", "US", d, i));
    await db().copyRows(ohlcvData, rows.slice(0, 6));
    expect(await db().copyRows(ohlcvData, rows)).toEqual({ loaded: 4, merged: 6 });
    expect(await closes("PARTIAL")).toHaveLength(10);
  });

  test("duplicates inside one batch: update keeps the last row, ignore keeps the first", async () => {
    const dup = [bar("DUP", "US", "2024-02-01", 1), bar("DUP", "US", "2024-02-01", 2), bar("DUP", "US", "2024-02-02", 3)];
    expect(await db().copyRows(ohlcvData, dup)).toEqual({ loaded: 2, merged: 1 });
    expect(await closes("DUP")).toEqual([{ date: "2024-02-01", close: 2 }, { date: "2024-02-02", close: 3 }]);

    const first = [bar("DUP2", "US", "2024-02-01", 1), bar("DUP2", "US", "2024-02-01", 2)];
    expect(await db().copyRows(ohlcvData, first, { onConflict: "ignore" })).toEqual({ loaded: 1, merged: 1 });
    expect(await closes("DUP2")).toEqual([{ date: "2024-02-01", close: 1 }]);
    expect(await db().copyRows(ohlcvData, [bar("DUP2", "US", "2024-02-01", 9)], { onConflict: "ignore" })).toEqual({ loaded: 0, merged: 1 });
    expect(await closes("DUP2")).toEqual([{ date: "2024-02-01", close: 1 }]);
  });

  test("the same code in two regions is two instruments; tickers stay text", async () => {
    const codes = ["005930", "0000D0", "BRK.B", "600000"];
    await db().copyRows(tickers, [
      ...codes.map((ticker) => ({ ticker, region: "KR", name: `kr ${ticker}` })),
      { ticker: "600000", region: "CN", name: "cn 600000" },
    ]);
    const rows = await db().query<{ ticker: string; region: string }>("SELECT ticker, region FROM tickers ORDER BY region, ticker");
    expect(rows).toEqual([
      { ticker: "600000", region: "CN" },
      { ticker: "0000D0", region: "KR" },
      { ticker: "005930", region: "KR" },
      { ticker: "600000", region: "KR" },
      { ticker: "BRK.B", region: "KR" },
    ]);
  });

  test("values survive the trip: NULL vs empty string, quotes, commas, newlines, booleans, jsonb", async () => {
    await db().copyRows(tickers, [
      { ticker: "Q1", region: "US", name: 'He said "hi", then\nleft', nameEng: "", exchange: null, isActive: false },
    ]);
    const [row] = await db().query<Record<string, unknown>>(
      "SELECT name, name_eng, exchange, is_active, is_inferred FROM tickers WHERE ticker = 'Q1'",
    );
    expect(row).toEqual({ name: 'He said "hi", then\nleft', name_eng: "", exchange: null, is_active: false, is_inferred: false });
  });

  test("a close a little outside [low, high] loads as it is", async () => {
    await db().copyRows(ohlcvData, [bar("OUT", "KR", "2024-03-04", 102, { high: 101, low: 99 })]);
    expect(await closes("OUT")).toEqual([{ date: "2024-03-04", close: 102 }]);
  });

  test("non-finite numbers are refused before anything is written", async () => {
    await expect(db().copyRows(ohlcvData, [bar("NAN", "US", "2024-01-02", 1), { ...bar("NAN", "US", "2024-01-03", 1), close: NaN }])).rejects.toThrow(
      "column close: non-finite number NaN",
    );
    expect(await closes("NAN")).toEqual([]);
  });

  test("a COPY the server rejects fails with the server's error and leaves the database usable", async () => {
    const broken = { ...bar("NULLV", "US", "2024-01-02", 1), volume: null } as unknown as ReturnType<typeof bar>;
    await expect(db().copyRows(ohlcvData, [broken])).rejects.toMatchObject({ code: "23502" });
    expect(await closes("NULLV")).toEqual([]);
  });

  test("rows far beyond the 65,534 bind-parameter limit load in one call", async () => {
    const rows = days("1990-01-01", 12_000).flatMap((d, i) => [bar("BIG1", "US", d, i + 1), bar("BIG2", "US", d, i + 1)]);
    expect(await db().copyRows(ohlcvData, rows)).toEqual({ loaded: 24_000, merged: 0 });
    const [{ n }] = await db().query<{ n: number }>("SELECT count(*)::int AS n FROM ohlcv_data WHERE ticker IN ('BIG1', 'BIG2')");
    expect(n).toBe(24_000);
  });
});
