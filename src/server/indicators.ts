/**
 * `GET /api/indicators/sessions/{sid}/symbols/{sym}/indicators/{id}/history?limit`: one indicator's
 * stored values for a session's symbol, the most recent `limit` (1 … 1,000,000; all when absent) in
 * time order, oldest first, as the original answered (its history was the tail of the series), read
 * through the indicator-values repository, in the original's envelope and fields (`timestamp` in epoch
 * seconds). Indicator ids are those the importer and computeSessionIndicators store
 * (`twpa_1a2b3c4d`, `twpa(300,0).value`, `sma(30)@1m.value`). An indicator with no stored value for
 * that symbol is a 404, as the original answered an unknown indicator.
 */
import type { Hono } from "hono";
import type { IndicatorValuesRepository } from "../repositories/indicator-values.ts";
import type { TickSessionsRepository } from "../repositories/tick-sessions.ts";
import { notFound, sessionSymbol, storedSession } from "./lookups.ts";
import { indicatorIdParam, QueryParams } from "./params.ts";
import { indicatorValueJson } from "./shapes.ts";

export function indicatorRoutes(app: Hono, sessions: TickSessionsRepository, indicators: IndicatorValuesRepository): void {
  app.get("/api/indicators/sessions/:sid/symbols/:sym/indicators/:id/history", async (c) => {
    const q = new QueryParams(c.req.url, ["limit"]);
    const limit = q.integer("limit", 1, 1_000_000);
    const indicatorId = indicatorIdParam(c.req.param("id"));
    const session = await storedSession(sessions, c.req.param("sid"));
    const symbol = sessionSymbol(session, c.req.param("sym"));
    const series = { session: session.sessionId, symbol, indicator: indicatorId };
    const { count: total } = await indicators.info(series);
    if (total === 0) throw notFound(`session ${session.sessionId} has no values of indicator ${indicatorId} for ${symbol}`, { indicatorId });
    const values = await indicators.load(series, { last: limit });
    const key = { sessionId: session.sessionId, symbol, indicatorId };
    return c.json({
      type: "response",
      data: {
        session_id: session.sessionId,
        symbol,
        indicator_id: indicatorId,
        history: values.map((v) => indicatorValueJson(v, key)),
        limit: limit ?? null,
        total_count: values.length,
        total_available: total,
        limited: values.length < total,
        source: "database",
      },
      version: "1.0",
    });
  });
}
