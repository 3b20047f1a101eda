/**
 * `GET /api/chart/ohlcv?session_id&symbol&interval&limit`: a symbol's last `limit` candles (1 … 1,000,
 * default 500) of `interval` (1m 5m 15m 30m 1h 4h 1d, default 1m), oldest first, as the original's
 * chart route answered them (`time` in epoch seconds, the bucket's start in UTC); buckets without a
 * trade have no candle (tick-sessions.ts).
 */
import type { Hono } from "hono";
import { CANDLE_INTERVALS, type TickSessionsRepository } from "../repositories/tick-sessions.ts";
import { sessionSymbol, storedSession } from "./lookups.ts";
import { QueryParams } from "./params.ts";
import { candleJson } from "./shapes.ts";

export function chartRoutes(app: Hono, sessions: TickSessionsRepository): void {
  app.get("/api/chart/ohlcv", async (c) => {
    const q = new QueryParams(c.req.url, ["session_id", "symbol", "interval", "limit"]);
    const sessionId = q.required("session_id");
    const symbolText = q.required("symbol");
    const interval = q.oneOf("interval", CANDLE_INTERVALS, "1m");
    const limit = q.integer("limit", 1, 1_000, 500);
    const session = await storedSession(sessions, sessionId);
    const symbol = sessionSymbol(session, symbolText);
    const candles = await sessions.candles(session.sessionId, symbol, interval, limit);
    return c.json({ session_id: session.sessionId, symbol, interval, candles: candles.map(candleJson), total_count: candles.length, version: "1.0" });
  });
}
