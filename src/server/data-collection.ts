/**
 * `/api/data-collection/…`: the sessions list, one session with per-symbol statistics, a symbol's
 * trades and order books page by page, downsampled chart points, and deleting a session.
 *
 * Pages: `limit` rows (1 … 10,000, default 1,000) after `cursor`, within the inclusive `from`/`to`;
 * `next_cursor` is the last row's key `(ts, seq)` while more rows follow, null on the last page.
 * Passing it back continues exactly after that row, also inside a run of equal timestamps.
 * Downsampling (`chart-data`, and `orderbook` with `max_points`): rows spread evenly over the whole
 * range, the first and the last always included; everything when there are no more than asked.
 */
import type { Hono } from "hono";
import { InputError, PlatformError } from "../errors.ts";
import { TICK_SESSION_STATUSES } from "../schema/index.ts";
import type { TickKey, TickSessionsRepository } from "../repositories/tick-sessions.ts";
import { sessionSymbol, storedSession, notFound } from "./lookups.ts";
import { cursorOf, nameParam, QueryParams } from "./params.ts";
import { chartPointJson, sessionJson, snapshotJson, statisticsJson, tickJson } from "./shapes.ts";

export const MAX_PAGE = 10_000;
const DEFAULT_PAGE = 1_000;

/** The fields after a page's rows: how many, the limit asked, and the cursor of the next page. */
function pageTail(rows: readonly TickKey[], limit: number, more: boolean) {
  return { count: rows.length, limit, next_cursor: more ? cursorOf(rows[rows.length - 1]) : null };
}

export function dataCollectionRoutes(app: Hono, sessions: TickSessionsRepository): void {
  app.get("/api/data-collection/sessions", async (c) => {
    const q = new QueryParams(c.req.url, ["limit", "status", "symbol", "include_stats"]);
    const limit = q.integer("limit", 1, 200, 50);
    const status = q.oneOf("status", TICK_SESSION_STATUSES);
    const symbol = q.has("symbol") ? nameParam("symbol", q.required("symbol")) : undefined;
    const withStats = q.boolean("include_stats");
    const { sessions: rows, total } = await sessions.list({ limit, status, symbol });
    const list = [];
    for (const row of rows) {
      const json = sessionJson(row);
      list.push(withStats ? { ...json, stats: statisticsJson(row, await sessions.symbolStatistics(row.sessionId, row.symbols)) } : json);
    }
    return c.json({ sessions: list, total_count: total, limit });
  });

  app.delete("/api/data-collection/sessions/:id", async (c) => {
    new QueryParams(c.req.url, []);
    const id = nameParam("session id", c.req.param("id"));
    const result = await sessions.deleteSession(id);
    if (result.outcome === "not-found") throw notFound(`session ${id} not found`, { sessionId: id });
    if (result.outcome === "active") {
      throw new PlatformError("conflict", `session ${id} is active: stop it before deleting it`, { context: { sessionId: id } });
    }
    const { tickPrices, tickOrderbook, indicators, sessionFiles, sessions: sessionRows } = result.counts;
    const total = tickPrices + tickOrderbook + indicators + sessionFiles + sessionRows;
    return c.json({
      success: true,
      message: `Successfully deleted session ${id} and ${total} related records`,
      session_id: id,
      deleted_counts: { tick_prices: tickPrices, tick_orderbook: tickOrderbook, indicators, session_files: sessionFiles, data_collection_sessions: sessionRows, total },
    });
  });

  app.get("/api/data-collection/:id", async (c) => {
    new QueryParams(c.req.url, []);
    const session = await storedSession(sessions, c.req.param("id"));
    return c.json({ ...sessionJson(session), stats: statisticsJson(session, await sessions.symbolStatistics(session.sessionId, session.symbols)) });
  });

  app.get("/api/data-collection/:id/ticks", async (c) => {
    const q = new QueryParams(c.req.url, ["symbol", "from", "to", "limit", "cursor"]);
    const symbolText = q.required("symbol");
    const page = { ...q.bounds(), limit: q.integer("limit", 1, MAX_PAGE, DEFAULT_PAGE), after: q.cursor("cursor") };
    const session = await storedSession(sessions, c.req.param("id"));
    const symbol = sessionSymbol(session, symbolText);
    const { rows, more } = await sessions.ticks(session.sessionId, symbol, page);
    return c.json({ session_id: session.sessionId, symbol, ticks: rows.map(tickJson), ...pageTail(rows, page.limit, more) });
  });

  app.get("/api/data-collection/:id/orderbook", async (c) => {
    const q = new QueryParams(c.req.url, ["symbol", "from", "to", "limit", "cursor", "max_points"]);
    const symbolText = q.required("symbol");
    const bounds = q.bounds();
    const maxPoints = q.integer("max_points", 2, 50_000);
    if (maxPoints !== undefined && (q.has("limit") || q.has("cursor"))) {
      throw new InputError(`parameter "max_points" asks for an evenly spread sample; it does not combine with "limit" or "cursor" (pages)`);
    }
    const page = { ...bounds, limit: q.integer("limit", 1, MAX_PAGE, DEFAULT_PAGE), after: q.cursor("cursor") };
    const session = await storedSession(sessions, c.req.param("id"));
    const symbol = sessionSymbol(session, symbolText);
    const { rows, more } =
      maxPoints === undefined
        ? await sessions.snapshots(session.sessionId, symbol, page)
        : { rows: await sessions.sampledSnapshots(session.sessionId, symbol, bounds, maxPoints), more: false };
    return c.json({ session_id: session.sessionId, symbol, snapshots: rows.map(snapshotJson), ...pageTail(rows, maxPoints ?? page.limit, more) });
  });

  app.get("/api/data-collection/:id/chart-data", async (c) => {
    const q = new QueryParams(c.req.url, ["symbol", "max_points"]);
    const symbolText = q.required("symbol");
    const maxPoints = q.integer("max_points", 100, 50_000, 10_000);
    const session = await storedSession(sessions, c.req.param("id"));
    const symbol = sessionSymbol(session, symbolText);
    const { ticks, total } = await sessions.sampledTicks(session.sessionId, symbol, maxPoints);
    return c.json({
      session_id: session.sessionId,
      symbol,
      data_points: ticks.length,
      total_ticks: total,
      data: ticks.map((t) => chartPointJson(t, symbol)),
    });
  });
}
