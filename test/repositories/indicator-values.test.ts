/** The indicator values repository on both engines: save modes, atomic overwrite, load bounds, info, series keys, refusals. */
import { expect, test } from "vitest";
import { InputError } from "../../src/errors.ts";
import { indicatorValuesRepository, type IndicatorSeriesKey, type IndicatorValue } from "../../src/repositories/indicator-values.ts";
import { describeEachEngine } from "../engines.ts";

const T0 = 1_759_841_342_000_000; // 2025-10-07T12:49:02Z in epoch microseconds
const second = 1_000_000;

/** `n` values one second apart from `start`, each `marker`, with a microsecond offset so precision shows. */
const values = (n: number, marker: number, start = T0): IndicatorValue[] =>
  Array.from({ length: n }, (_, i) => ({ ts: start + i * second + 7, value: marker, confidence: null, metadata: null }));

const message = async (f: () => Promise<unknown>) => {
  try {
    await f();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  return "accepted";
};

describeEachEngine("indicator values", (db, engine) => {
  const repo = () => indicatorValuesRepository(db());
  const twpa: IndicatorSeriesKey = { session: "exec_20251007_124902_ab12cd34", symbol: "BTC_USDT", indicator: "twpa_1a2b3c4d" };

  test("saves and loads values exactly, in time order, with confidence and metadata; info summarises", async () => {
    const saved: IndicatorValue[] = [
      { ts: T0 + 2 * second + 999_999, value: -0.5, confidence: 0.25, metadata: { window: [30, 0], note: "a \"quoted\" \\ text" } },
      { ts: T0, value: 62000.123456789, confidence: null, metadata: null },
      { ts: T0 + 1, value: null, confidence: 1, metadata: [1, "two"] },
    ];
    expect(await repo().save(twpa, saved, { mode: "append" })).toEqual({ loaded: 3, merged: 0, replaced: 0 });
    expect(await repo().load(twpa)).toEqual([saved[1], saved[2], saved[0]]);
    expect(await repo().info(twpa)).toEqual({ exists: true, count: 3, first: T0, last: T0 + 2 * second + 999_999 });
    expect(await repo().info({ ...twpa, indicator: "none" })).toEqual({ exists: false, count: 0, first: null, last: null });
    expect(await repo().load({ ...twpa, symbol: "ETH_USDT" })).toEqual([]);
  });

  test("append: a time already stored takes the new value; a time given twice in one save keeps its last", async () => {
    const key = { ...twpa, indicator: "append" };
    await repo().save(key, values(5, 1), { mode: "append" });
    const more = [...values(3, 2, T0 + 3 * second), { ts: T0 + 5 * second + 7, value: 3 }];
    expect(await repo().save(key, more, { mode: "append" })).toEqual({ loaded: 1, merged: 3, replaced: 0 });
    expect((await repo().load(key)).map((v) => v.value)).toEqual([1, 1, 1, 2, 2, 3]);
  });

  test("overwrite replaces the whole set", async () => {
    const key = { ...twpa, indicator: "overwrite" };
    await repo().save(key, values(10, 1), { mode: "append" });
    expect(await repo().save(key, values(4, 2, T0 + 100 * second), { mode: "overwrite" })).toEqual({ loaded: 4, merged: 0, replaced: 10 });
    expect(await repo().load(key)).toEqual(values(4, 2, T0 + 100 * second));
    expect(await repo().save(key, [], { mode: "overwrite" })).toEqual({ loaded: 0, merged: 0, replaced: 4 });
    expect(await repo().info(key)).toEqual({ exists: false, count: 0, first: null, last: null });
  });

  test("overwrite is atomic: readers during it see the old set or the new one, never a mix", async () => {
    const key = { ...twpa, indicator: "atomic" };
    await repo().save(key, values(20_000, 1), { mode: "append" });
    const seen: string[] = [];
    let done = false;
    const writing = repo()
      .save(key, values(30_000, 2, T0 + 5 * second), { mode: "overwrite" })
      .finally(() => (done = true));
    const read = () =>
      db().query<{ n: number; lo: number; hi: number }>(
        "SELECT count(*)::int AS n, min(value) AS lo, max(value) AS hi FROM indicator_values WHERE series = $1 AND symbol = $2 AND indicator_id = $3",
        [twpa.session, twpa.symbol, "atomic"],
      );
    while (!done) seen.push(JSON.stringify((await read())[0]));
    expect(await writing).toEqual({ loaded: 30_000, merged: 0, replaced: 20_000 });
    seen.push(JSON.stringify((await read())[0]));
    const sets = new Set(seen);
    expect([...sets].filter((s) => s !== '{"n":20000,"lo":1,"hi":1}' && s !== '{"n":30000,"lo":2,"hi":2}')).toEqual([]);
    expect(seen.at(-1)).toBe('{"n":30000,"lo":2,"hi":2}');
    // The server reads on other connections while the write is under way; the embedded engine has one
    // connection, so there a read waits for the write.
    if (engine.name === "postgres") expect(seen.filter((s) => s === '{"n":20000,"lo":1,"hi":1}').length).toBeGreaterThan(0);
  });

  test("an overwrite racing another writer of the series ends with exactly its own set", async () => {
    const key = { ...twpa, indicator: "race" };
    await repo().save(key, values(3, 1), { mode: "append" });
    // The other writer updates two stored times and adds eight, and holds its transaction open while
    // the overwrite starts: on the server the overwrite's DELETE waits for it and cannot see the eight.
    let written!: () => void;
    let release!: () => void;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    const held = new Promise<void>((resolve) => (release = resolve));
    const other = db().transaction(async (tx) => {
      await indicatorValuesRepository(tx).save(key, values(10, 2, T0 + second), { mode: "append" });
      written();
      await held;
    });
    await wrote;
    const overwriting = repo().save(key, values(4, 9, T0 + 3 * second), { mode: "overwrite" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await other;
    expect(await overwriting).toEqual({ loaded: 4, merged: 0, replaced: 11 });
    expect(await repo().load(key)).toEqual(values(4, 9, T0 + 3 * second));
  });

  test("a save inside a transaction that rolls back leaves the stored set as it was", async () => {
    const key = { ...twpa, indicator: "rollback" };
    await repo().save(key, values(3, 1), { mode: "append" });
    await expect(
      db().transaction(async (tx) => {
        await indicatorValuesRepository(tx).save(key, values(5, 2), { mode: "overwrite" });
        throw new Error("after the save");
      }),
    ).rejects.toThrow("after the save");
    expect(await repo().load(key)).toEqual(values(3, 1));
  });

  test("load: from and to are inclusive, limit takes the first values", async () => {
    const key = { ...twpa, indicator: "bounds" };
    await repo().save(key, values(10, 1), { mode: "append" });
    const at = (i: number) => T0 + i * second + 7;
    expect((await repo().load(key, { from: at(2), to: at(5) })).map((v) => v.ts)).toEqual([at(2), at(3), at(4), at(5)]);
    expect((await repo().load(key, { from: at(2) + 1, to: at(5) - 1 })).map((v) => v.ts)).toEqual([at(3), at(4)]);
    expect((await repo().load(key, { from: at(7) })).map((v) => v.ts)).toEqual([at(7), at(8), at(9)]);
    expect((await repo().load(key, { to: at(1), limit: 5 })).map((v) => v.ts)).toEqual([at(0), at(1)]);
    expect((await repo().load(key, { from: at(4), limit: 2 })).map((v) => v.ts)).toEqual([at(4), at(5)]);
  });

  test("load: last takes the most recent values within the bounds, still oldest first", async () => {
    const key = { ...twpa, indicator: "tail" };
    await repo().save(key, values(10, 1), { mode: "append" });
    const at = (i: number) => T0 + i * second + 7;
    expect((await repo().load(key, { last: 3 })).map((v) => v.ts)).toEqual([at(7), at(8), at(9)]);
    expect((await repo().load(key, { to: at(5), last: 2 })).map((v) => v.ts)).toEqual([at(4), at(5)]);
    expect((await repo().load(key, { from: at(8), last: 5 })).map((v) => v.ts)).toEqual([at(8), at(9)]);
    expect(await repo().load(key, { last: 1 })).toEqual(values(10, 1).slice(9));
  });

  test("a bar series is its own key: series bars/<region>/<timeframe>, symbol the ticker", async () => {
    const bars: IndicatorSeriesKey = { ticker: "AAPL", region: "US", timeframe: "1d", indicator: "sma(30).value" };
    const day = Date.UTC(2025, 0, 2) * 1000;
    await repo().save(bars, [{ ts: day, value: 185.5 }], { mode: "overwrite" });
    expect(await repo().load(bars)).toEqual([{ ts: day, value: 185.5, confidence: null, metadata: null }]);
    const [row] = await db().query("SELECT series, symbol, indicator_id, ts::text AS ts FROM indicator_values WHERE indicator_id = 'sma(30).value'");
    expect(row).toEqual({ series: "bars/US/1d", symbol: "AAPL", indicator_id: "sma(30).value", ts: "2025-01-02 00:00:00+00" });
    expect(await repo().info({ ...bars, region: "KR" })).toEqual({ exists: false, count: 0, first: null, last: null });
  });

  test("refuses bad keys, modes, values and bounds with one clear line each, writing nothing", async () => {
    const key = { ...twpa, indicator: "refused" };
    expect(await message(() => repo().save({ ...twpa, session: "a/b" }, values(1, 1), { mode: "append" }))).toBe('session id "a/b" contains "/"; session ids never do');
    expect(await message(() => repo().save({ ...twpa, symbol: " " }, values(1, 1), { mode: "append" }))).toBe("the symbol must be non-empty text");
    expect(await message(() => repo().info({ ticker: "AAPL", region: "", timeframe: "1d", indicator: "x" }))).toBe("the region must be non-empty text");
    expect(await message(() => repo().save(key, values(1, 1), { mode: "replace" as "append" }))).toBe('mode must be append or overwrite, got "replace"');
    expect(await message(() => repo().save(key, [...values(2, 1), { ts: T0, value: Number.NaN }], { mode: "append" }))).toBe(`value at ${T0} must be a finite number or null, got NaN`);
    expect(await message(() => repo().save(key, [{ ts: T0, value: 1, confidence: Infinity }], { mode: "append" }))).toBe(`confidence at ${T0} must be a finite number or null, got Infinity`);
    expect(await message(() => repo().save(key, [{ ts: 1.5, value: 1 }], { mode: "append" }))).toBe("a value's time must be whole epoch microseconds, got 1.5");
    expect(await message(() => repo().load(key, { from: T0 + 1, to: T0 }))).toBe(`from ${T0 + 1} is after to ${T0}`);
    expect(await message(() => repo().load(key, { limit: 0 }))).toBe("limit must be a positive integer, got 0");
    expect(await message(() => repo().load(key, { last: 1.5 }))).toBe("last must be a positive integer, got 1.5");
    expect(await message(() => repo().load(key, { limit: 1, last: 1 }))).toBe("give limit (the first values) or last (the last values), not both");
    expect(await repo().info(key)).toEqual({ exists: false, count: 0, first: null, last: null });
  });
});
