/**
 * 1-minute candles of tick sessions (`tick_candles_1m`, migrations/0006): first, max, min and last
 * trade price by (ts, seq), summed volume and trade count per session, symbol and minute.
 *
 * On TimescaleDB the view is a real-time continuous aggregate, but real-time aggregation only covers
 * ticks newer than its last refresh and imported ticks are old: every write or delete of ticks
 * refreshes the range it touched. On plain PostgreSQL it is a materialized view, refreshed whole.
 */
import type { Session } from "../db/index.ts";

/**
 * Refresh the candles over [from, to] (instants; both NULL: everything), widened to whole minutes so
 * the partial buckets at either end are recomputed too. Inside a transaction it runs once that
 * commits (TimescaleDB refuses it inside one).
 */
export function refreshTickCandles(session: Session, from: Date | null, to: Date | null): Promise<void> {
  return session.afterCommit(async (database) => {
    if (!database.capabilities.timescaledb) {
      await database.query("SELECT refresh_tick_candles()");
      return;
    }
    const minute = 60_000;
    await database.query("CALL refresh_continuous_aggregate('tick_candles_1m', $1::timestamptz, $2::timestamptz)", [
      from && new Date(Math.floor(from.getTime() / minute) * minute).toISOString(),
      to && new Date((Math.floor(to.getTime() / minute) + 1) * minute).toISOString(),
    ]);
  });
}
