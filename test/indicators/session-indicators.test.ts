/**
 * computeSessionIndicators on both engines: exact values over the hand-made session (tick-session.ts:
 * tick-window indicators on the time grid, bar indicators on its candles, a symbol without data), a
 * generated session imported from its CSV folders against the kernels run over the replayed ticks,
 * saving in append and overwrite mode (and bars' saving under their series), the saved computed ids
 * read back through the sessions API's history (the most recent values), and bad input refused
 * before anything is written.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.ts";
import { migrateCsvSessions } from "../../src/ingest/sessions/index.ts";
import {
  computeIndicators,
  computeSessionIndicators,
  indicatorSeries,
  parseIndicators,
  parseSessionIndicators,
  tickIndicatorSeries,
  timeGrid,
  type BookColumns,
  type TickIndicatorSpec,
  type TradeColumns,
} from "../../src/indicators/index.ts";
import { replaySession, type BookEvent, type PriceEvent } from "../../src/replay/index.ts";
import { indicatorValuesRepository } from "../../src/repositories/indicator-values.ts";
import { createSessionsApp } from "../../src/server/app.ts";
import { generateTickSessions } from "../../src/synthetic/tick-sessions.ts";
import { formatInstant } from "../../src/util/instants.ts";
import { describeEachEngine } from "../engines.ts";
import { scratchDir } from "../ingest/sqlite/targets.ts";
import { candlesFromTicks } from "../tick-sessions/expected.ts";
import { DATES, storeMarket } from "./stored-bars.ts";
import { HAND, HAND_BAR_SERIES, HAND_TICK_SERIES, HAND_TICK_SPECS, iso, seedHandSession } from "./tick-session.ts";

const root = scratchDir("session-indicators-");

const refusal = async (work: Promise<unknown>) => {
  const err = await work.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(InputError);
  return (err as InputError).message;
};

describeEachEngine("computeSessionIndicators", (db, engine) => {
  const stored = async () => (await db().query<{ n: number }>("SELECT count(*)::int AS n FROM indicator_values"))[0].n;
  beforeAll(() => seedHandSession(db()));

  describe("a hand-made session, exact values", () => {
    it("tick-window indicators on a 1 s grid over the rows each reads", async () => {
      const { series, saved } = await computeSessionIndicators(db(), { session: HAND, symbol: "X_USDT", indicators: HAND_TICK_SPECS });
      expect(series).toEqual(HAND_TICK_SERIES);
      expect(Object.keys(series)).toEqual(Object.keys(HAND_TICK_SERIES));
      expect(saved).toBeUndefined();
    });

    it("a finer grid adds times and keeps the values at the shared ones", async () => {
      const { series } = await computeSessionIndicators(db(), { session: HAND, symbol: "X_USDT", indicators: "twpa(4,0)", every: 0.5 });
      // 4.5: 100×1.5 + 104×2.5 = 410 / 4; 5.5: 100×0.5 + 104×3 + 101×0.5 = 412.5 / 4.
      expect(series).toEqual({ "twpa(4,0).value": [[iso(4), 102], [iso(4.5), 102.5], [iso(5), 103], [iso(5.5), 103.125], [iso(6), 103.25]] });
    });

    it("bar indicators on the session's candles of the interval, dated by the candle's end, when its close is known", async () => {
      expect(await computeSessionIndicators(db(), { session: HAND, symbol: "Y_USDT", indicators: "sma(2),momentum(1)" })).toEqual({ series: HAND_BAR_SERIES });
      expect(await computeSessionIndicators(db(), { session: HAND, symbol: "Y_USDT", indicators: "sma(2),sma(1)", interval: "5m" })).toEqual({
        series: { "sma(2).value": [], "sma(1).value": [[iso(300), 13]] },
      });
    });

    it("both kinds in one call, in the order given; a symbol without trades or books has empty lines", async () => {
      const { series } = await computeSessionIndicators(db(), { session: HAND, symbol: "X_USDT", indicators: "spread_pct, sma(1), twpa(4,0)" });
      expect(series).toEqual({ "spread_pct(0).value": HAND_TICK_SERIES["spread_pct(0).value"], "sma(1).value": [[iso(60), 110]], "twpa(4,0).value": HAND_TICK_SERIES["twpa(4,0).value"] });
      expect(Object.keys(series)).toEqual(["spread_pct(0).value", "sma(1).value", "twpa(4,0).value"]);
      expect(await computeSessionIndicators(db(), { session: HAND, symbol: "Z_USDT", indicators: "sma(1),twpa,spread_pct" })).toEqual({
        series: { "sma(1).value": [], "twpa(300,0).value": [], "spread_pct(0).value": [] },
      });
    });
  });

  describe("saving", () => {
    const X = { session: HAND, symbol: "X_USDT" };
    const load = (indicator: string) => indicatorValuesRepository(db()).load({ ...X, indicator });

    it("append stores each line under <spec>.<line> (tick-window) or <spec>@<interval>.<line> (bars); again, every time is merged", async () => {
      const first = await computeSessionIndicators(db(), { ...X, indicators: "twpa(4,0),sma(1)", save: { mode: "append" } });
      expect(first.saved).toEqual([
        { indicator: "twpa(4,0).value", values: 3, loaded: 3, merged: 0, replaced: 0 },
        { indicator: "sma(1)@1m.value", values: 1, loaded: 1, merged: 0, replaced: 0 },
      ]);
      expect(await load("twpa(4,0).value")).toEqual([
        { ts: 1_760_004_004_000_000, value: 102, confidence: null, metadata: null },
        { ts: 1_760_004_005_000_000, value: 103, confidence: null, metadata: null },
        { ts: 1_760_004_006_000_000, value: 103.25, confidence: null, metadata: null },
      ]);
      expect(await load("sma(1)@1m.value")).toEqual([{ ts: 1_760_004_060_000_000, value: 110, confidence: null, metadata: null }]);
      const again = await computeSessionIndicators(db(), { ...X, indicators: "twpa(4,0)", every: 0.5, save: { mode: "append" } });
      expect(again.saved).toEqual([{ indicator: "twpa(4,0).value", values: 5, loaded: 2, merged: 3, replaced: 0 }]);
      expect((await load("twpa(4,0).value")).map((v) => v.value)).toEqual([102, 102.5, 103, 103.125, 103.25]);
    });

    it("overwrite replaces the stored values of each line, and leaves other lines alone", async () => {
      const { saved } = await computeSessionIndicators(db(), { ...X, indicators: "twpa(4,0)", every: 2, save: { mode: "overwrite" } });
      expect(saved).toEqual([{ indicator: "twpa(4,0).value", values: 2, loaded: 2, merged: 0, replaced: 5 }]);
      expect((await load("twpa(4,0).value")).map((v) => [formatInstant(v.ts), v.value])).toEqual([[iso(4), 102], [iso(6), 103.25]]);
      expect(await load("sma(1)@1m.value")).toHaveLength(1);
    });

    it("the sessions API serves computed ids, the most recent `limit` values oldest first", async () => {
      await computeSessionIndicators(db(), { session: HAND, symbol: "Y_USDT", indicators: "sma(2)", save: { mode: "overwrite" } });
      const app = createSessionsApp(db(), () => undefined);
      const history = async (id: string, limit: number) => {
        const response = await app.request(`/api/indicators/sessions/${HAND}/symbols/Y_USDT/indicators/${id}/history?limit=${limit}`);
        return { status: response.status, body: (await response.json()) as any };
      };
      const { status, body } = await history("sma(2)@1m.value", 2);
      expect(status).toBe(200);
      expect(body.data.history.map((h: any) => [h.timestamp, h.value])).toEqual([[1_760_004_180, 12.5], [1_760_004_240, 13.5]]);
      expect([body.data.indicator_id, body.data.total_count, body.data.total_available, body.data.limited]).toEqual(["sma(2)@1m.value", 2, 3, true]);
      // Percent-encoded as a client may send it.
      expect((await history("sma%282%29%401m.value", 1)).body.data.history.map((h: any) => h.value)).toEqual([13.5]);
      expect(await history("sma(2)%201m", 1)).toEqual({
        status: 400,
        body: { detail: 'indicator id "sma(2) 1m" is not valid: use letters, digits, "_", ".", "-", ",", "(", ")" and "@" (at most 128)' },
      });
    });

    it("bars save under their series: bars/<region>/<timeframe>, the ticker, <spec>.<line>, at the date's UTC midnight", async () => {
      await storeMarket(db());
      const result = await computeIndicators(db(), { ticker: "AAA", region: "US", from: DATES[55], to: DATES[59], indicators: "sma(5)", save: { mode: "append" } });
      expect(result.saved).toEqual([{ indicator: "sma(5).value", values: 5, loaded: 5, merged: 0, replaced: 0 }]);
      const values = await indicatorValuesRepository(db()).load({ ticker: "AAA", region: "US", timeframe: "1d", indicator: "sma(5).value" });
      expect(values.map((v) => [formatInstant(v.ts).slice(0, 10), v.value])).toEqual(result.series["sma(5).value"]);
      expect(formatInstant(values[0].ts)).toBe(`${DATES[55]}T00:00:00.000000Z`);
    });
  });

  describe("bad input is one line, before anything is read or written", () => {
    const cases: [string, Parameters<typeof computeSessionIndicators>[1], string][] = [
      ["an unknown session", { session: "exec_20250101_000000_00000000", symbol: "X_USDT", indicators: "twpa" }, "session exec_20250101_000000_00000000 not found"],
      ["a symbol the session lacks", { session: HAND, symbol: "BTC_USDT", indicators: "twpa" }, `session ${HAND} has no symbol BTC_USDT (it has X_USDT, Y_USDT, Z_USDT)`],
      ["no session id", { session: " ", symbol: "X_USDT", indicators: "twpa" }, "give a session id and a symbol, e.g. session exec_20251007_120000_ab12cd34, symbol BTC_USDT"],
      ["an interval", { session: HAND, symbol: "X_USDT", indicators: "sma", interval: "2m" as "1m" }, 'interval must be one of 1m, 5m, 15m, 30m, 1h, 4h, 1d; got "2m"'],
      ["a grid step of 0", { session: HAND, symbol: "X_USDT", indicators: "twpa", every: 0 }, "the grid step must be seconds > 0 with at most 6 decimals, got 0"],
      ["a grid step finer than a microsecond", { session: HAND, symbol: "X_USDT", indicators: "twpa", every: 1e-7 }, "the grid step must be seconds > 0 with at most 6 decimals, got 1e-7"],
      ["a save mode", { session: HAND, symbol: "X_USDT", indicators: "twpa", save: { mode: "replace" as "append" } }, 'the save mode must be one of append, overwrite, got "replace"'],
      ["an unknown indicator", { session: HAND, symbol: "X_USDT", indicators: "twpa,vwap(5)" }, 'unknown indicator "vwap" in "vwap(5)": use a bar indicator (sma, ema, wma, rsi, atr, bbands, macd, stochastic, williamsr, roc, momentum) or a tick-window indicator (twpa, twpa_ratio, price_velocity, volume_surge_ratio, bid_ask_imbalance, spread_pct)'],
      ["a window that ends before it starts", { session: HAND, symbol: "X_USDT", indicators: "twpa(60,300)" }, 'indicator "twpa(60,300)": the window from t1 = 60 s ago must start before its end t2 = 300 s ago'],
      ["a window in a time finer than microseconds", { session: HAND, symbol: "X_USDT", indicators: "twpa(1.0000001)" }, 'indicator "twpa(1.0000001)": t1 must be seconds from 0 to 604800 with at most 6 decimals, got "1.0000001"'],
      ["a zero velocity lag", { session: HAND, symbol: "X_USDT", indicators: "price_velocity(10,0)" }, 'indicator "price_velocity(10,0)": d must be more than 0 seconds, got 0'],
    ];
    for (const [what, request, message] of cases) {
      it(what, async () => {
        const before = await stored();
        expect(await refusal(computeSessionIndicators(db(), { ...request, save: request.save ?? { mode: "overwrite" } }))).toBe(message);
        expect(await stored()).toBe(before);
      });
    }

    it("a tick-window indicator is refused over stored bars", async () => {
      expect(await refusal(computeIndicators(db(), { ticker: "AAA", region: "US", from: DATES[0], to: DATES[9], indicators: "sma(5),twpa(300,0)" }))).toBe(
        'indicator "twpa(300,0)" is a tick-window indicator: compute it over a tick session, not over stored bars',
      );
    });
  });

  describe("a generated session imported from its CSV folders", () => {
    const SPECS = "sma(3),rsi(2),twpa(30,0),twpa_ratio(20,0,60,20),price_velocity(5,10),volume_surge_ratio(10,0,60,10),bid_ask_imbalance(5),spread_pct";
    let session: string;
    beforeAll(async () => {
      const sample = generateTickSessions(join(root, engine.name), { seed: 33, trades: 4_000, snapshots: 400 });
      await migrateCsvSessions({ dataDir: sample.dir, database: db(), sessions: [sample.sessions[0].sessionId] });
      session = sample.sessions[0].sessionId;
    });

    /** The symbol's trades and books as the replay yields them, into columns: a reader apart from the one under test. */
    async function replayed(symbol: string): Promise<{ trades: TradeColumns; books: BookColumns; prices: PriceEvent[] }> {
      const prices: PriceEvent[] = [];
      const snapshots: BookEvent[] = [];
      for await (const event of replaySession(db(), session, { symbols: [symbol] })) (event.kind === "price" ? prices : snapshots).push(event as never);
      const depth = Math.max(0, ...snapshots.flatMap((b) => [b.bidQtys.length, b.askQtys.length]));
      const side = (pick: (b: BookEvent) => readonly number[]) => {
        const out = new Float64Array(snapshots.length * depth).fill(NaN);
        snapshots.forEach((b, i) => out.set(pick(b), i * depth));
        return out;
      };
      return {
        prices,
        trades: { ts: Float64Array.from(prices, (p) => p.ts), price: Float64Array.from(prices, (p) => p.price), volume: Float64Array.from(prices, (p) => p.volume ?? NaN) },
        books: {
          ts: Float64Array.from(snapshots, (b) => b.ts), depth,
          bidPrices: side((b) => b.bidPrices), bidQtys: side((b) => b.bidQtys), askPrices: side((b) => b.askPrices), askQtys: side((b) => b.askQtys),
        },
      };
    }

    it("equals the kernels over the replayed ticks and the bar indicators over candles made from them", async () => {
      const { series } = await computeSessionIndicators(db(), { session, symbol: "BTC_USDT", indicators: SPECS });
      const { trades, books, prices } = await replayed("BTC_USDT");
      const candles = candlesFromTicks(prices.map((p) => ({ ts: p.ts, seq: p.seq, price: p.price, volume: p.volume, quoteVolume: p.quoteVolume })), 60);
      const column = (pick: (c: (typeof candles)[number]) => number) => Float64Array.from(candles, pick);
      const barSpecs = parseIndicators("sma(3),rsi(2)");
      const tickSpecs = parseSessionIndicators(SPECS).slice(2) as TickIndicatorSpec[];
      const onGrid = (reads: "trades" | "books") => {
        const { ts } = reads === "trades" ? trades : books;
        return tickIndicatorSeries({ trades, books }, timeGrid(ts[0], ts[ts.length - 1], 1_000_000), tickSpecs.filter((s) => s.definition.reads === reads));
      };
      expect(series).toEqual({
        ...indicatorSeries({ times: candles.map((c) => formatInstant((c.time + 60) * 1_000_000)), high: column((c) => c.high), low: column((c) => c.low), close: column((c) => c.close) }, barSpecs),
        ...onGrid("trades"),
        ...onGrid("books"),
      });
      for (const [key, points] of Object.entries(series)) expect(points.length, key).toBeGreaterThan(key.startsWith("sma") || key.startsWith("rsi") ? 2 : 50);
      expect(prices.length).toBeGreaterThan(3_990);
      expect(books.ts.length).toBeGreaterThan(390);
    });
  });
});
