/**
 * replaySession on both engines: events of all symbols merged by time with ties ordered by symbol,
 * kind (trade first) and seq, every event's fields exact (microsecond instants, missing volumes and
 * book levels), the same sequence at every batch size, bounds, symbol and kind choices, progress,
 * pacing on an injected clock (no wall-clock waits), and refusals.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { BinaryCopyReader } from "../../src/db/copy-out.ts";
import { InputError } from "../../src/errors.ts";
import { replaySession, type BookEvent, type ReplayClock, type ReplayEvent, type ReplayOptions, type ReplayProgress } from "../../src/replay/index.ts";
import { tickPrices, tickSessions } from "../../src/schema/index.ts";
import { describeEachEngine } from "../engines.ts";
import { BTC_BOOKS, BTC_TICKS, ETH_BOOKS, ETH_TICKS, SESSION_A, SESSION_D, seedTickSessions, us } from "../tick-sessions/fixture.ts";
import { seedTinySession, T0, TINY } from "./tiny-session.ts";

const key = (e: ReplayEvent) => `${e.ts} ${e.symbol} ${e.kind} ${e.seq}`;

async function collect(iterable: AsyncIterable<ReplayEvent>): Promise<ReplayEvent[]> {
  const out: ReplayEvent[] = [];
  for await (const event of iterable) out.push(event);
  return out;
}

/** A virtual clock: time moves only when the replay sleeps or the test says so; sleeps are recorded. */
function virtualClock() {
  let now = 1_000;
  const sleeps: number[] = [];
  const clock: ReplayClock = {
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
  return { clock, sleeps, advance: (ms: number) => (now += ms) };
}

describeEachEngine("replaySession", (db) => {
  beforeAll(async () => {
    await seedTickSessions(db());
    await seedTinySession(db());
  });

  it("merges symbols and kinds by time; ties by symbol, then trade before book, then seq", async () => {
    const events = await collect(replaySession(db(), TINY));
    expect((await collect(replaySession(db(), TINY, { batchSize: 1 }))).map(key)).toEqual(events.map(key));
    const s = (second: number) => T0 + second * 1_000_000;
    expect(events.map((e) => [e.ts, e.symbol, e.kind, e.seq])).toEqual([
      [s(0), "X_USDT", "price", 1],
      [s(0), "Y_USDT", "orderbook", 1],
      [s(1), "X_USDT", "price", 2],
      [s(1), "X_USDT", "orderbook", 1],
      [s(1), "Y_USDT", "price", 1],
      [s(2), "X_USDT", "price", 3],
      [s(3), "X_USDT", "price", 4],
      [s(3), "Y_USDT", "price", 2],
      [s(4), "X_USDT", "price", 5],
    ]);
    expect(events[5]).toEqual({ kind: "price", symbol: "X_USDT", ts: s(2), seq: 3, price: 102, volume: null, quoteVolume: null });
    expect(events[3]).toEqual({
      kind: "orderbook", symbol: "X_USDT", ts: s(1), seq: 1,
      bidPrices: [100.5, NaN, 100.3], bidQtys: [1, NaN, 3], askPrices: [101.5], askQtys: [2],
    });
    expect(events[1]).toMatchObject({ bidPrices: [49.5], askPrices: [] });
    expect(Number.isNaN((events[3] as BookEvent).bidPrices[1])).toBe(true);
  });

  it("a whole session equals the rows sorted by (ts, symbol, kind, seq), at every batch size", async () => {
    const rows = [
      ...BTC_TICKS.map((t) => ({ ...t, symbol: "BTC_USDT", kind: 0 })),
      ...BTC_BOOKS.map((b) => ({ ...b, symbol: "BTC_USDT", kind: 1 })),
      ...ETH_TICKS.map((t) => ({ ...t, symbol: "ETH_USDT", kind: 0 })),
      ...ETH_BOOKS.map((b) => ({ ...b, symbol: "ETH_USDT", kind: 1 })),
    ].sort((a, b) => a.ts - b.ts || a.symbol.localeCompare(b.symbol) || a.kind - b.kind || a.seq - b.seq);
    const expected = rows.map((r) => `${r.ts} ${r.symbol} ${r.kind === 0 ? "price" : "orderbook"} ${r.seq}`);
    // Runs of equal instants across symbols and kinds are in this session: the tie rule is exercised.
    expect(rows.some((r, i) => i > 0 && r.ts === rows[i - 1].ts && r.kind !== rows[i - 1].kind)).toBe(true);
    for (const batchSize of [7, 100, 10_000]) {
      const events = await collect(replaySession(db(), SESSION_A, { batchSize }));
      expect([batchSize, events.map(key)]).toEqual([batchSize, expected]);
    }
    const events = await collect(replaySession(db(), SESSION_A));
    const eth = events.filter((e) => e.kind === "price" && e.symbol === "ETH_USDT");
    expect(eth.map((e) => e.kind === "price" && [e.ts, e.seq, e.price, e.volume, e.quoteVolume])).toEqual(ETH_TICKS.map((t) => [t.ts, t.seq, t.price, t.volume, t.quoteVolume]));
  });

  it("from and to (inclusive), a symbol subset and kinds choose the events", async () => {
    const from = "2025-10-07T12:00:05Z";
    const to = new Date("2025-10-07T12:05:00Z");
    const events = await collect(replaySession(db(), SESSION_A, { symbols: ["BTC_USDT"], from, to }));
    expect(events.map((e) => `${e.kind} ${e.seq}`)).toEqual(["price 1", "price 2", "price 3", "price 4", "orderbook 3", "price 5", "price 6"]);
    const to2 = us("2025-10-07T12:00:01.25Z");
    const books = await collect(replaySession(db(), SESSION_A, { kinds: ["orderbook"], to: "2025-10-07T12:00:01.25Z" }));
    const expected = [...BTC_BOOKS.map((b) => ({ ...b, symbol: "BTC_USDT" })), ...ETH_BOOKS.map((b) => ({ ...b, symbol: "ETH_USDT" }))]
      .filter((b) => b.ts <= to2)
      .sort((a, b) => a.ts - b.ts || a.symbol.localeCompare(b.symbol) || a.seq - b.seq);
    expect(books.map(key)).toEqual(expected.map((b) => `${b.ts} ${b.symbol} orderbook ${b.seq}`));
    expect(books.map(key).slice(-2)).toEqual([`${to2} BTC_USDT orderbook 1`, `${to2} BTC_USDT orderbook 2`]);
  });

  it("reads 50,000 rows a batch by default, fewer when many symbols share 400,000, and the batch given", async () => {
    // The row limit is the last parameter of each stream's read (streams.ts).
    const limits = async (sessionId: string, options: ReplayOptions = {}) => {
      const seen = new Set<number>();
      const database = db();
      const recording = {
        query: database.query,
        copyFrom: database.copyFrom,
        copyTo: database.copyTo,
        copyToChunks: (select: string, params: readonly unknown[], settings: Readonly<Record<string, string>>, onChunk: (chunk: Buffer) => void) => {
          seen.add(Number(params.at(-1)));
          return database.copyToChunks(select, params, settings, onChunk);
        },
      };
      await collect(replaySession(recording, sessionId, options));
      return [...seen];
    };
    expect(await limits(TINY)).toEqual([50_000]);
    expect(await limits(TINY, { batchSize: 3 })).toEqual([3]);
    // 12 symbols × 2 kinds: 400,000 / 24 = 16,666 rows a batch.
    const many = "exec_20251010_100000_3a4b5c6d";
    const symbols = Array.from({ length: 12 }, (_, i) => `S${String(i).padStart(2, "0")}_USDT`);
    await db().copyRows(tickSessions, [{
      sessionId: many, status: "completed", symbols, dataTypes: ["prices"], recordsCollected: 12,
      pricesCount: 12, orderbookCount: 0, tradesCount: 12, errorsCount: 0, exchange: "mexc", rejectedRows: 0,
    }]);
    await db().copyRows(tickPrices, symbols.map((symbol, i) => ({ sessionId: many, symbol, ts: new Date(Date.UTC(2025, 9, 10, 10, 0, i)), seq: 1, price: 100 + i, volume: 1, quoteVolume: 100 + i })));
    expect(await limits(many)).toEqual([16_666]);
    expect(await limits(many, { kinds: ["price"] })).toEqual([33_333]);
  });

  it("progress: the total counted at the start, reports every progressEvery events and at the end", async () => {
    const reports: ReplayProgress[] = [];
    const replay = replaySession(db(), TINY, { progressEvery: 4, onProgress: (p) => reports.push(p) });
    expect(replay.progress).toEqual({ emitted: 0, total: 0, ts: null, fraction: 0 });
    const seen: number[] = [];
    for await (const _ of replay) seen.push(replay.progress.emitted);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(reports).toEqual([
      { emitted: 4, total: 9, ts: T0 + 1_000_000, fraction: 4 / 9 },
      { emitted: 8, total: 9, ts: T0 + 3_000_000, fraction: 8 / 9 },
      { emitted: 9, total: 9, ts: T0 + 4_000_000, fraction: 1 },
    ]);
    expect(replay.symbols).toEqual(["X_USDT", "Y_USDT"]);
  });

  it("stops when the consumer breaks; overlapping next() calls are answered in order", async () => {
    const replay = replaySession(db(), TINY);
    let n = 0;
    for await (const _ of replay) if (++n === 3) break;
    expect(replay.progress.emitted).toBe(3);
    const iterator = replay[Symbol.asyncIterator]();
    const results = await Promise.all(Array.from({ length: 11 }, () => iterator.next()));
    expect(results.map((r) => (r.done ? "done" : key(r.value)))).toEqual([...(await collect(replaySession(db(), TINY))).map(key), "done", "done"]);
  });

  describe("pacing", () => {
    it("waits the recorded gaps divided by the acceleration", async () => {
      const { clock, sleeps } = virtualClock();
      const events = await collect(replaySession(db(), TINY, { acceleration: 2, clock }));
      expect(events).toHaveLength(9);
      // Instants 0 0 1 1 1 2 3 3 4 s: a wait of 500 ms before the first event of each new second.
      expect(sleeps).toEqual([500, 500, 500, 500]);
    });

    it("keeps an absolute schedule: time the consumer spends is not waited again", async () => {
      const { clock, sleeps, advance } = virtualClock();
      const replay = replaySession(db(), TINY, { acceleration: 4, clock, symbols: ["X_USDT"], kinds: ["price"] });
      let n = 0;
      for await (const _ of replay) if (++n === 1) advance(400); // the consumer spends 400 ms on the first trade
      // Trades at 0, 1, 2, 3, 4 s are due at 0, 250, 500, 750, 1000 ms: the first two are late already.
      expect(sleeps).toEqual([100, 250, 250]);
    });

    it("Infinity or no acceleration is unpaced", async () => {
      const { clock, sleeps } = virtualClock();
      expect(await collect(replaySession(db(), TINY, { acceleration: Number.POSITIVE_INFINITY, clock }))).toHaveLength(9);
      expect(await collect(replaySession(db(), TINY, { clock }))).toHaveLength(9);
      expect(sleeps).toEqual([]);
    });
  });

  describe("refusals", () => {
    const refused = async (options: ReplayOptions, message: string, session = TINY) => {
      const attempt = async () => collect(replaySession(db(), session, options));
      await expect(attempt()).rejects.toThrow(InputError);
      await expect(attempt()).rejects.toThrow(message);
    };
    it("bad options are refused when the replay is made", () => {
      const made = (options: ReplayOptions) => () => replaySession(db(), TINY, options);
      expect(made({ acceleration: 0 })).toThrow("replay acceleration must be a number > 0 (or Infinity: unpaced), got 0");
      expect(made({ acceleration: -2 })).toThrow("replay acceleration must be a number > 0 (or Infinity: unpaced), got -2");
      expect(made({ acceleration: Number.NaN })).toThrow("replay acceleration must be a number > 0 (or Infinity: unpaced), got NaN");
      expect(made({ batchSize: 0 })).toThrow("replay batchSize must be a whole number from 1 to 1000000, got 0");
      expect(made({ from: "2025-10-09 10:00" })).toThrow("replay from must be an instant (ISO 8601 with a zone, e.g. 2025-10-07T12:00:00Z, or a Date), got 2025-10-09 10:00");
      expect(made({ from: "2025-10-10", to: "2025-10-09" })).toThrow("replay from (2025-10-10) is after to (2025-10-09)");
      expect(made({ kinds: [] })).toThrow('replay kinds must be some of price, orderbook, got []');
      expect(made({ kinds: ["trades" as never] })).toThrow('replay kinds must be some of price, orderbook, got ["trades"]');
    });
    it("an unknown session or symbol is refused when iteration starts", async () => {
      await refused({}, "session exec_20200101_000000_00000000 not found", "exec_20200101_000000_00000000");
      await refused({ symbols: ["X_USDT", "Z_USDT"] }, "session exec_20251009_100000_bac4e575 has no symbol Z_USDT (it has X_USDT, Y_USDT)");
      await refused({}, "replay of session exec_20251005_070000_deadbeef has no symbols to play", SESSION_D);
    });
  });
});

describeEachEngine("BinaryCopyReader.epochMicros", (db) => {
  it("reads timestamptz to the microsecond, before and after 2000 and 1970", async () => {
    const instants = ["2025-10-07 12:49:02.460123+00", "1999-12-31 23:59:59.999999+00", "1969-12-31 23:59:59.000001+00", "2255-01-01 00:00:00.000001+00"];
    const bytes = await db().copyTo("SELECT t::timestamptz FROM unnest($1::text[]) WITH ORDINALITY AS u(t, i) ORDER BY i", [`{${instants.map((t) => `"${t}"`).join(",")}}`]);
    const reader = new BinaryCopyReader(bytes);
    const read: number[] = [];
    while (reader.nextRow()) read.push(reader.epochMicros());
    expect(read).toEqual([1_759_841_342_460_123, 946_684_799_999_999, -999_999, Date.UTC(2255, 0, 1) * 1000 + 1]);
    expect(Date.UTC(2255, 0, 1) * 1000 + 1).toBeLessThan(Number.MAX_SAFE_INTEGER);
  });
});
