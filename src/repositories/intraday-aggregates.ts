/**
 * Bringing the hourly and daily bars rolled up from 1-minute bars (`ohlcv_intraday_hourly`,
 * `ohlcv_intraday_daily`, migrations/0005) up to date after a bulk load, as refreshOhlcvAggregates
 * does for the daily tables: real-time aggregation covers only bars newer than the last refresh.
 *
 * On TimescaleDB the continuous aggregates are refreshed over [from, to] (Unix seconds of the first
 * and last bar written) widened by a day on each side, since a refresh recomputes only the buckets
 * wholly inside its window; without bounds, everything. On plain PostgreSQL the materialized views
 * are recomputed whole (refresh_intraday_aggregates()). Inside a transaction the refresh runs once
 * it commits (TimescaleDB refuses it inside one).
 */
import type { Session } from "../db/index.ts";

export const INTRADAY_AGGREGATE_VIEWS = ["ohlcv_intraday_hourly", "ohlcv_intraday_daily"] as const;

const DAY_SECONDS = 86_400;

export function refreshIntradayAggregates(session: Session, window?: { from: number; to: number }): Promise<void> {
  return session.afterCommit(async (database) => {
    if (!database.capabilities.timescaledb) {
      await database.query("SELECT refresh_intraday_aggregates()");
      return;
    }
    const bound = (seconds: number) => new Date(seconds * 1000).toISOString();
    for (const view of INTRADAY_AGGREGATE_VIEWS) {
      await database.query("CALL refresh_continuous_aggregate($1::regclass, $2::timestamptz, $3::timestamptz)", [
        view,
        window ? bound(window.from - DAY_SECONDS) : null,
        window ? bound(window.to + 2 * DAY_SECONDS) : null,
      ]);
    }
  });
}
