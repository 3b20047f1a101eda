/**
 * The sessions API on both engines, answered in process (`app.request`) over the fixture: every
 * endpoint with exact values, pages against a full scan (runs of equal timestamps across page
 * boundaries), candles against candles computed from the ticks, 400s with their messages, 404s for
 * an unknown session on every endpoint, and deletion (one transaction, refused while active).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Hono } from "hono";
import { createSessionsApp } from "../../src/server/app.ts";
import { tickSessionFiles } from "../../src/schema/index.ts";
import { formatInstant } from "../../src/util/instants.ts";
import { describeEachEngine } from "../engines.ts";
import { bookJson, candlesFromTicks, evenIndices, INTERVAL_SECONDS, tickJson } from "./expected.ts";
import {
  BTC_BOOKS, BTC_TICKS, ETH_BOOKS, ETH_TICKS, SESSION_A, SESSION_ACTIVE, SESSION_C, SESSION_D, seedTickSessions, us,
} from "./fixture.ts";

const A = `/api/data-collection/${SESSION_A}`;

describeEachEngine("sessions API", (db) => {
  let app: Hono;
  const logged: string[] = [];
  const get = async (path: string, method = "GET") => {
    const response = await app.request(path, { method });
    return { status: response.status, body: (await response.json()) as any };
  };

  beforeAll(async () => {
    await seedTickSessions(db());
    app = createSessionsApp(db(), (line) => logged.push(line));
  });

  describe("GET /api/data-collection/sessions", () => {
    it("lists sessions newest first with the original's fields", async () => {
      const { status, body } = await get("/api/data-collection/sessions");
      expect(status).toBe(200);
      expect(body.sessions.map((s: any) => s.session_id)).toEqual([SESSION_ACTIVE, SESSION_A, SESSION_C, SESSION_D]);
      expect(body.total_count).toBe(4);
      expect(body.limit).toBe(50);
      expect(body.sessions[1]).toEqual({
        session_id: SESSION_A,
        status: "completed",
        symbols: ["BTC_USDT", "ETH_USDT"],
        data_types: ["prices", "orderbook", "indicators"],
        start_time: "2025-10-07T12:00:00.000000Z",
        end_time: "2025-10-08T00:00:01.000000Z",
        duration_seconds: 43_201,
        records_collected: 2_817,
        prices_count: 2_512,
        orderbook_count: 305,
        trades_count: 2_512,
        errors_count: 0,
        exchange: "mexc",
        notes: "fixture",
        first_tick_at: "2025-10-07T12:00:00.000000Z",
        last_tick_at: "2025-10-08T00:00:01.000000Z",
        source_dir: "/data/session_exec_20251007_120000_ab12cd34",
        imported_at: "2025-11-01T00:00:00.000000Z",
        rejected_rows: 2,
        created_at: "2025-11-01T00:00:00.000000Z",
        updated_at: "2025-11-01T00:00:00.000000Z",
      });
    });

    it("filters by status and by exact symbol, limits, and counts all matches", async () => {
      const ids = async (query: string) => {
        const { body } = await get(`/api/data-collection/sessions?${query}`);
        return [body.sessions.map((s: any) => s.session_id), body.total_count];
      };
      expect(await ids("status=completed")).toEqual([[SESSION_A, SESSION_C], 2]);
      expect(await ids("status=active")).toEqual([[SESSION_ACTIVE], 1]);
      expect(await ids("symbol=BTC_USDT")).toEqual([[SESSION_A, SESSION_C], 2]);
      // The original matched symbols with LIKE '%BTC%'; a symbol is matched whole here.
      expect(await ids("symbol=BTC")).toEqual([[], 0]);
      expect(await ids("status=completed&symbol=ETH_USDT")).toEqual([[SESSION_A], 1]);
      expect(await ids("limit=1")).toEqual([[SESSION_ACTIVE], 4]);
    });

    it("include_stats adds each session's statistics", async () => {
      const { body } = await get("/api/data-collection/sessions?include_stats=true&status=completed");
      expect(body.sessions[1].stats).toEqual({
        session_id: SESSION_C,
        status: "completed",
        duration_seconds: 1800,
        total_records: 2,
        symbols: [{
          symbol: "BTC_USDT", price_records: 2, orderbook_records: 0, total_records: 2,
          first_tick: "2025-10-06T08:00:00.000000Z", last_tick: "2025-10-06T08:30:00.000000Z",
          first_price: 95, last_price: 96, min_price: 95, max_price: 96, total_volume: 2,
          first_snapshot: null, last_snapshot: null, indicators: [],
        }],
        created_at: "2025-11-01T00:00:00.000000Z",
        updated_at: "2025-11-01T00:00:00.000000Z",
      });
    });
  });

  it("GET /api/data-collection/{id}: metadata and per-symbol statistics", async () => {
    const { status, body } = await get(A);
    expect(status).toBe(200);
    expect(body.session_id).toBe(SESSION_A);
    expect(body.records_collected).toBe(2_817);
    const prices = ETH_TICKS.map((t) => t.price);
    expect(body.stats.symbols).toEqual([
      {
        symbol: "BTC_USDT", price_records: 9, orderbook_records: 4, total_records: 13,
        first_tick: "2025-10-07T12:00:05.000000Z", last_tick: "2025-10-08T00:00:01.000000Z",
        first_price: 100, last_price: 106, min_price: 98, max_price: 106, total_volume: 19,
        first_snapshot: "2025-10-07T12:00:01.250000Z", last_snapshot: "2025-10-07T12:10:00.000000Z", indicators: ["twpa_1"],
      },
      {
        symbol: "ETH_USDT", price_records: 2_503, orderbook_records: 301, total_records: 2_804,
        first_tick: formatInstant(ETH_TICKS[0].ts), last_tick: formatInstant(ETH_TICKS[2_502].ts),
        first_price: ETH_TICKS[0].price, last_price: ETH_TICKS[2_502].price, min_price: Math.min(...prices), max_price: Math.max(...prices),
        total_volume: ETH_TICKS.reduce((sum, t) => sum + (t.volume ?? 0), 0),
        first_snapshot: formatInstant(ETH_BOOKS[0].ts), last_snapshot: formatInstant(ETH_BOOKS[300].ts), indicators: [],
      },
    ]);
    expect(body.stats.total_records).toBe(2_817);
  });

  describe("GET /api/data-collection/{id}/ticks", () => {
    /** Every page of `query` from the first, following next_cursor. */
    async function allPages(query: string) {
      const pages: any[] = [];
      let cursor: string | null = null;
      do {
        const { status, body } = await get(`${A}/ticks?${query}${cursor === null ? "" : `&cursor=${cursor}`}`);
        expect(status).toBe(200);
        pages.push(body);
        cursor = body.next_cursor;
      } while (cursor !== null && pages.length < 10_000);
      return pages;
    }

    it("a page: the first ticks in (ts, seq) order, two with one timestamp both kept", async () => {
      const { body } = await get(`${A}/ticks?symbol=BTC_USDT&limit=3`);
      expect(body).toEqual({
        session_id: SESSION_A, symbol: "BTC_USDT", count: 3, limit: 3,
        ticks: [
          { timestamp: "2025-10-07T12:00:05.000000Z", seq: 1, price: 100, volume: 1, quote_volume: 100 },
          { timestamp: "2025-10-07T12:00:05.000000Z", seq: 2, price: 101, volume: 2, quote_volume: 202 },
          { timestamp: "2025-10-07T12:00:59.999999Z", seq: 3, price: 99, volume: 3, quote_volume: 297 },
        ],
        next_cursor: `${us("2025-10-07T12:00:59.999999Z")}_3`,
      });
      const last = await allPages("symbol=BTC_USDT&limit=3");
      expect(last.map((p) => p.count)).toEqual([3, 3, 3]);
      expect(last[2].next_cursor).toBeNull();
      expect(last[1].ticks[0]).toEqual({ timestamp: "2025-10-07T12:01:00.000000Z", seq: 4, price: 102, volume: null, quote_volume: null });
    });

    for (const limit of [1, 2, 3, 7, 99, 1000, 10_000]) {
      it(`pages of ${limit} equal a full scan, with no tick skipped or repeated`, async () => {
        const pages = await allPages(`symbol=ETH_USDT&limit=${limit}`);
        expect(pages.flatMap((p) => p.ticks)).toEqual(ETH_TICKS.map(tickJson));
        expect(pages.length).toBe(Math.ceil(ETH_TICKS.length / limit));
        expect(pages.map((p) => p.count)).toEqual(pages.map((_, i) => Math.min(limit, ETH_TICKS.length - i * limit)));
        if (limit > 1 && limit < 1000) {
          // Some page boundary falls inside a run of equal timestamps: the case the cursor is for.
          const split = pages.slice(1).filter((p, i) => p.ticks[0].timestamp === pages[i].ticks[pages[i].ticks.length - 1].timestamp);
          expect(split.length).toBeGreaterThan(0);
        }
      });
    }

    it("from and to bound the pages inclusively", async () => {
      const from = ETH_TICKS[500].ts;
      const to = ETH_TICKS[1200].ts;
      const inside = ETH_TICKS.filter((t) => t.ts >= from && t.ts <= to);
      // `to` as epoch seconds with six decimals, `from` as ISO: both forms are exact to the microsecond.
      const toSeconds = `${Math.floor(to / 1e6)}.${String(to % 1e6).padStart(6, "0")}`;
      const pages = await allPages(`symbol=ETH_USDT&limit=64&from=${formatInstant(from)}&to=${toSeconds}`);
      expect(pages.flatMap((p) => p.ticks)).toEqual(inside.map(tickJson));
      const [day] = await allPages("symbol=BTC_USDT&from=2025-10-08");
      expect(day.ticks.map((t: any) => t.seq)).toEqual([9]);
    });
  });

  describe("GET /api/data-collection/{id}/orderbook", () => {
    it("bids and asks as [price, qty], best bid, best ask and spread; pages by cursor", async () => {
      const first = await get(`${A}/orderbook?symbol=BTC_USDT&limit=2`);
      expect(first.body).toEqual({
        session_id: SESSION_A, symbol: "BTC_USDT", count: 2, limit: 2,
        snapshots: [
          { timestamp: "2025-10-07T12:00:01.250000Z", seq: 1, bids: [[99.5, 1], [99.4, 2], [99.3, 3]], asks: [[100.5, 4], [100.6, 5], [100.7, 6]], best_bid: 99.5, best_ask: 100.5, spread: 1 },
          { timestamp: "2025-10-07T12:00:01.250000Z", seq: 2, bids: [[99.75, 1.5], [null, null], [99.25, 2.5]], asks: [[100.25, 7]], best_bid: 99.75, best_ask: 100.25, spread: 0.5 },
        ],
        next_cursor: `${us("2025-10-07T12:00:01.25Z")}_2`,
      });
      const second = await get(`${A}/orderbook?symbol=BTC_USDT&limit=2&cursor=${first.body.next_cursor}`);
      expect(second.body.snapshots).toEqual([
        { timestamp: "2025-10-07T12:03:00.000000Z", seq: 3, bids: [[98, 1]], asks: [], best_bid: 98, best_ask: null, spread: null },
        { timestamp: "2025-10-07T12:10:00.000000Z", seq: 4, bids: [[103.5, 2], [103, 2]], asks: [[104.5, 1], [105, 1]], best_bid: 103.5, best_ask: 104.5, spread: 1 },
      ]);
      expect(second.body.next_cursor).toBeNull();
      expect(BTC_BOOKS.map(bookJson)).toEqual([...first.body.snapshots, ...second.body.snapshots]);
    });

    it("pages of ETH order books equal a full scan", async () => {
      const seen: any[] = [];
      let cursor = "";
      for (;;) {
        const { body } = await get(`${A}/orderbook?symbol=ETH_USDT&limit=9${cursor}`);
        seen.push(...body.snapshots);
        if (body.next_cursor === null) break;
        cursor = `&cursor=${body.next_cursor}`;
      }
      expect(seen).toEqual(ETH_BOOKS.map(bookJson));
    });

    it("max_points: snapshots spread evenly, the first and the last included", async () => {
      const { body } = await get(`${A}/orderbook?symbol=ETH_USDT&max_points=10`);
      expect(body.snapshots).toEqual(evenIndices(301, 10).map((i) => bookJson(ETH_BOOKS[i])));
      expect(evenIndices(301, 10)).toEqual([0, 33, 66, 100, 133, 166, 200, 233, 266, 300]);
      expect(body.next_cursor).toBeNull();
      const bounded = await get(`${A}/orderbook?symbol=BTC_USDT&max_points=2&from=2025-10-07T12:00:02Z`);
      expect(bounded.body.snapshots.map((s: any) => s.seq)).toEqual([3, 4]);
    });
  });

  it("GET /api/data-collection/{id}/chart-data: points spread evenly over the trades", async () => {
    const { body } = await get(`${A}/chart-data?symbol=ETH_USDT&max_points=100`);
    expect(body.data_points).toBe(100);
    expect(body.total_ticks).toBe(2_503);
    expect(body.data).toEqual(
      evenIndices(2_503, 100).map((i) => ({ timestamp: formatInstant(ETH_TICKS[i].ts), price: ETH_TICKS[i].price, volume: ETH_TICKS[i].volume, symbol: "ETH_USDT" })),
    );
    expect(body.data[99].timestamp).toBe(formatInstant(ETH_TICKS[2_502].ts));
    const all = await get(`${A}/chart-data?symbol=BTC_USDT`);
    expect(all.body).toEqual({
      session_id: SESSION_A, symbol: "BTC_USDT", data_points: 9, total_ticks: 9,
      data: BTC_TICKS.map((t) => ({ timestamp: formatInstant(t.ts), price: t.price, volume: t.volume, symbol: "BTC_USDT" })),
    });
  });

  describe("GET /api/chart/ohlcv", () => {
    it("5-minute candles by hand: first, max, min, last, summed volume, trades; empty buckets absent", async () => {
      const { status, body } = await get(`/api/chart/ohlcv?session_id=${SESSION_A}&symbol=BTC_USDT&interval=5m`);
      expect(status).toBe(200);
      const at = (iso: string) => us(iso) / 1e6;
      expect(body).toEqual({
        session_id: SESSION_A, symbol: "BTC_USDT", interval: "5m", total_count: 5, version: "1.0",
        candles: [
          { time: at("2025-10-07T12:00:00Z"), open: 100, high: 102, low: 98, close: 98, volume: 11, trades: 5 },
          { time: at("2025-10-07T12:05:00Z"), open: 103, high: 103, low: 103, close: 103, volume: 1, trades: 1 },
          { time: at("2025-10-07T12:15:00Z"), open: 104, high: 104, low: 104, close: 104, volume: 2, trades: 1 },
          { time: at("2025-10-07T13:55:00Z"), open: 105, high: 105, low: 105, close: 105, volume: 1, trades: 1 },
          { time: at("2025-10-08T00:00:00Z"), open: 106, high: 106, low: 106, close: 106, volume: 4, trades: 1 },
        ],
      });
      const minute = await get(`/api/chart/ohlcv?session_id=${SESSION_A}&symbol=BTC_USDT`);
      expect(minute.body.candles[1]).toEqual({ time: at("2025-10-07T12:01:00Z"), open: 102, high: 102, low: 102, close: 102, volume: null, trades: 1 });
    });

    for (const interval of Object.keys(INTERVAL_SECONDS) as (keyof typeof INTERVAL_SECONDS)[]) {
      it(`${interval} candles equal candles computed from the ticks (both symbols), the last \`limit\``, async () => {
        for (const [symbol, ticks] of [["BTC_USDT", BTC_TICKS], ["ETH_USDT", ETH_TICKS]] as const) {
          const expected = candlesFromTicks(ticks, INTERVAL_SECONDS[interval]);
          const { body } = await get(`/api/chart/ohlcv?session_id=${SESSION_A}&symbol=${symbol}&interval=${interval}&limit=1000`);
          expect(body.candles).toEqual(expected.slice(-1000));
          const last = await get(`/api/chart/ohlcv?session_id=${SESSION_A}&symbol=${symbol}&interval=${interval}&limit=2`);
          expect(last.body.candles).toEqual(expected.slice(-2));
        }
      });
    }
  });

  it("GET /api/indicators/…/history: the most recent `limit` values, oldest first, with the original's envelope", async () => {
    const path = `/api/indicators/sessions/${SESSION_A}/symbols/BTC_USDT/indicators/twpa_1/history`;
    const meta = (confidence: number | null, stored: unknown) => ({ session_id: SESSION_A, symbol: "BTC_USDT", indicator_id: "twpa_1", confidence, stored });
    const two = await get(`${path}?limit=2`);
    expect(two.body).toEqual({
      type: "response",
      version: "1.0",
      data: {
        session_id: SESSION_A, symbol: "BTC_USDT", indicator_id: "twpa_1",
        history: [
          { timestamp: 1_759_838_404.5, value: 100.125, metadata: meta(0.75, null) },
          { timestamp: 1_759_838_405, value: 101, metadata: meta(1, { note: "last" }) },
        ],
        limit: 2, total_count: 2, total_available: 5, limited: true, source: "database",
      },
    });
    const four = await get(`${path}?limit=4`);
    expect(four.body.data.history.map((h: any) => [h.timestamp, h.value])).toEqual([
      [1_759_838_402, null], [1_759_838_403, 100.25], [1_759_838_404.5, 100.125], [1_759_838_405, 101],
    ]);
    expect((await get(`${path}?limit=5`)).body.data.limited).toBe(false);
    const all = await get(path);
    expect(all.body.data.history.map((h: any) => [h.timestamp, h.value])).toEqual([
      [1_759_838_401, 100.5], [1_759_838_402, null], [1_759_838_403, 100.25], [1_759_838_404.5, 100.125], [1_759_838_405, 101],
    ]);
    expect(all.body.data.history[2].metadata).toEqual(meta(0.5, { window: [60, 0] }));
    expect([all.body.data.limit, all.body.data.total_count, all.body.data.limited]).toEqual([null, 5, false]);
  });

  describe("bad input is a 400 naming the parameter", () => {
    const cases: [string, string][] = [
      ["/api/data-collection/sessions?limit=0", 'parameter "limit" must be a whole number from 1 to 200, got "0"'],
      ["/api/data-collection/sessions?limit=201", 'parameter "limit" must be a whole number from 1 to 200, got "201"'],
      ["/api/data-collection/sessions?limit=1.5", 'parameter "limit" must be a whole number from 1 to 200, got "1.5"'],
      ["/api/data-collection/sessions?status=running", 'parameter "status" must be one of active, completed, failed, stopped, got "running"'],
      ["/api/data-collection/sessions?symbol=BTC%20USDT", 'symbol "BTC USDT" is not valid: use letters, digits, "_", "." and "-" (at most 128)'],
      ["/api/data-collection/sessions?include_stats=yes", 'parameter "include_stats" must be true or false, got "yes"'],
      ["/api/data-collection/sessions?page=2", 'unknown parameter "page": this endpoint takes limit, status, symbol, include_stats'],
      ["/api/data-collection/sessions?limit=1&limit=2", 'parameter "limit" is given more than once'],
      [`${A}/ticks`, 'parameter "symbol" is required'],
      [`${A}/ticks?symbol=BTC_USDT&limit=10001`, 'parameter "limit" must be a whole number from 1 to 10000, got "10001"'],
      [`${A}/ticks?symbol=BTC_USDT&cursor=abc`, 'parameter "cursor" is not a cursor: pass the next_cursor of the previous page unchanged, got "abc"'],
      [`${A}/ticks?symbol=BTC_USDT&cursor=1_2_3`, 'parameter "cursor" is not a cursor: pass the next_cursor of the previous page unchanged, got "1_2_3"'],
      [`${A}/ticks?symbol=BTC_USDT&cursor=99999999999999999_1`, 'parameter "cursor" is not a cursor: pass the next_cursor of the previous page unchanged, got "99999999999999999_1"'],
      [`${A}/ticks?symbol=BTC_USDT&cursor=1759838405000000_3000000000`, 'parameter "cursor" is not a cursor: pass the next_cursor of the previous page unchanged, got "1759838405000000_3000000000"'],
      [`${A}/ticks?symbol=BTC_USDT&from=2025-10-07T12:00:00`, 'parameter "from" must be an instant: ISO 8601 with a zone (2025-10-07T12:49:02.46Z), a date (2025-10-07) or epoch seconds (1759841342.46); got "2025-10-07T12:00:00"'],
      [`${A}/ticks?symbol=BTC_USDT&to=2025-02-30`, 'parameter "to" must be an instant: ISO 8601 with a zone (2025-10-07T12:49:02.46Z), a date (2025-10-07) or epoch seconds (1759841342.46); got "2025-02-30"'],
      [`${A}/ticks?symbol=BTC_USDT&from=2025-10-08&to=2025-10-07`, 'parameter "from" (2025-10-08) is after "to" (2025-10-07)'],
      [`${A}/ticks?symbol=BTC_USDT&sort=desc`, 'unknown parameter "sort": this endpoint takes symbol, from, to, limit, cursor'],
      [`${A}/orderbook?symbol=BTC_USDT&max_points=10&limit=5`, 'parameter "max_points" asks for an evenly spread sample; it does not combine with "limit" or "cursor" (pages)'],
      [`${A}/orderbook?symbol=BTC_USDT&max_points=1`, 'parameter "max_points" must be a whole number from 2 to 50000, got "1"'],
      [`${A}/chart-data?symbol=BTC_USDT&max_points=99`, 'parameter "max_points" must be a whole number from 100 to 50000, got "99"'],
      [`${A}/chart-data?symbol=BTC_USDT&max_points=50001`, 'parameter "max_points" must be a whole number from 100 to 50000, got "50001"'],
      [`${A}?verbose=1`, 'unknown parameter "verbose": this endpoint takes none'],
      [`/api/chart/ohlcv?symbol=BTC_USDT`, 'parameter "session_id" is required'],
      [`/api/chart/ohlcv?session_id=${SESSION_A}&symbol=BTC_USDT&interval=2m`, 'parameter "interval" must be one of 1m, 5m, 15m, 30m, 1h, 4h, 1d, got "2m"'],
      [`/api/chart/ohlcv?session_id=${SESSION_A}&symbol=BTC_USDT&limit=1001`, 'parameter "limit" must be a whole number from 1 to 1000, got "1001"'],
      [`/api/indicators/sessions/${SESSION_A}/symbols/BTC_USDT/indicators/twpa_1/history?limit=0`, 'parameter "limit" must be a whole number from 1 to 1000000, got "0"'],
      ["/api/data-collection/bad%20id!/ticks?symbol=BTC_USDT", 'session id "bad id!" is not valid: use letters, digits, "_", "." and "-" (at most 128)'],
    ];
    for (const [path, detail] of cases) {
      it(path, async () => {
        const { status, body } = await get(path);
        expect(status).toBe(400);
        expect(body).toEqual({ detail });
      });
    }
  });

  describe("an unknown session is a 404 on every endpoint", () => {
    const id = "exec_20250101_000000_00000000";
    for (const [method, path] of [
      ["GET", `/api/data-collection/${id}`],
      ["GET", `/api/data-collection/${id}/ticks?symbol=BTC_USDT`],
      ["GET", `/api/data-collection/${id}/orderbook?symbol=BTC_USDT`],
      ["GET", `/api/data-collection/${id}/chart-data?symbol=BTC_USDT`],
      ["GET", `/api/chart/ohlcv?session_id=${id}&symbol=BTC_USDT`],
      ["GET", `/api/indicators/sessions/${id}/symbols/BTC_USDT/indicators/twpa_1/history`],
      ["DELETE", `/api/data-collection/sessions/${id}`],
    ]) {
      it(`${method} ${path}`, async () => {
        expect(await get(path, method)).toEqual({ status: 404, body: { detail: `session ${id} not found` } });
      });
    }

    it("a symbol or indicator the session lacks is a 404 too", async () => {
      expect(await get(`${A}/ticks?symbol=DOGE_USDT`)).toEqual({ status: 404, body: { detail: `session ${SESSION_A} has no symbol DOGE_USDT (it has BTC_USDT, ETH_USDT)` } });
      expect(await get(`/api/chart/ohlcv?session_id=${SESSION_D}&symbol=BTC_USDT`)).toEqual({ status: 404, body: { detail: `session ${SESSION_D} has no symbol BTC_USDT (it has none)` } });
      expect(await get(`/api/indicators/sessions/${SESSION_A}/symbols/ETH_USDT/indicators/twpa_1/history`)).toEqual({
        status: 404,
        body: { detail: `session ${SESSION_A} has no values of indicator twpa_1 for ETH_USDT` },
      });
      expect(await get("/api/nothing-here")).toEqual({ status: 404, body: { detail: "no such endpoint: GET /api/nothing-here" } });
    });
  });

  describe("DELETE /api/data-collection/sessions/{id}", () => {
    const count = async (table: string, column: string, id: string) =>
      (await db().query<{ n: number }>(`SELECT count(*)::int8 AS n FROM ${table} WHERE ${column} = $1`, [id]))[0].n;

    it("refuses an active session (409) and leaves it whole", async () => {
      const { status, body } = await get(`/api/data-collection/sessions/${SESSION_ACTIVE}`, "DELETE");
      expect([status, body]).toEqual([409, { detail: `session ${SESSION_ACTIVE} is active: stop it before deleting it` }]);
      expect(await count("tick_prices", "session_id", SESSION_ACTIVE)).toBe(3);
      expect((await get(`/api/data-collection/${SESSION_ACTIVE}`)).status).toBe(200);
    });

    it("a failure part-way deletes nothing: one transaction", async () => {
      await db().query(`CREATE FUNCTION refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$`);
      await db().query(`CREATE TRIGGER refuse_delete BEFORE DELETE ON tick_sessions FOR EACH ROW EXECUTE FUNCTION refuse_delete()`);
      try {
        const { status, body } = await get(`/api/data-collection/sessions/${SESSION_C}`, "DELETE");
        expect([status, body]).toEqual([500, { detail: "internal error" }]);
        expect(logged.at(-1)).toMatch(/^DELETE http:\/\/localhost\/api\/data-collection\/sessions\/exec_20251006_080000_cafe0001: .*refused by test/);
      } finally {
        await db().query("DROP TRIGGER refuse_delete ON tick_sessions");
        await db().query("DROP FUNCTION refuse_delete()");
      }
      expect(await count("tick_prices", "session_id", SESSION_C)).toBe(2);
      expect(await count("tick_sessions", "session_id", SESSION_C)).toBe(1);
    });

    it("deletes a session's trades, books, indicator values, file records and row, and its candles; then 404", async () => {
      await db().copyRows(tickSessionFiles, [{
        sessionId: SESSION_A, path: "BTC_USDT/prices.csv", symbol: "BTC_USDT", kind: "prices", indicatorId: null, size: 100, mtimeMs: 1, sha256: "0".repeat(64),
        source: 9, loaded: 9, merged: 0, rejected: 0, runId: 1, importedAt: new Date("2025-11-01T00:00:00Z"),
      }]);
      const { status, body } = await get(`/api/data-collection/sessions/${SESSION_A}`, "DELETE");
      expect(status).toBe(200);
      expect(body).toEqual({
        success: true,
        message: `Successfully deleted session ${SESSION_A} and 2824 related records`,
        session_id: SESSION_A,
        deleted_counts: { tick_prices: 2_512, tick_orderbook: 305, indicators: 5, session_files: 1, data_collection_sessions: 1, total: 2_824 },
      });
      for (const [table, column] of [["tick_prices", "session_id"], ["tick_orderbook", "session_id"], ["indicator_values", "series"], ["tick_session_files", "session_id"], ["tick_sessions", "session_id"], ["tick_candles_1m", "session_id"]]) {
        expect([table, await count(table, column, SESSION_A)]).toEqual([table, 0]);
      }
      expect(await count("tick_candles_1m", "session_id", SESSION_C)).toBe(2);
      expect(await get(`/api/data-collection/sessions/${SESSION_A}`, "DELETE")).toEqual({ status: 404, body: { detail: `session ${SESSION_A} not found` } });
      expect((await get(A)).status).toBe(404);
      const { body: list } = await get("/api/data-collection/sessions");
      expect(list.sessions.map((s: any) => s.session_id)).toEqual([SESSION_ACTIVE, SESSION_C, SESSION_D]);
    });
  });
});
