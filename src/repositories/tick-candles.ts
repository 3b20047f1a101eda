/**
 * 1-minute candles of tick sessions (`tick_candles_1m`, migrations/0006): first, max, min and last
 * trade price by (ts, seq), summed volume and trade count per session, symbol and minute.
 *
 * On TimescaleDB the view is a real-time continuous aggregate, but real-time aggregation only covers
 * ticks newer than its last refresh and imported ticks are old: every write or delete of ticks
 * refreshes the range it touched. On plain PostgreSQL it is a table whose candles are rebuilt per
 * session (migrations/0007): the sessions an import or deletion touched, not every tick stored.
 */
import type { Session } from "../db/index.ts";

/**
 * Refresh the candles of `sessions` over [from, to] (instants; both NULL and no sessions: everything).
 * TimescaleDB refreshes the time range, widened to whole minutes so the partial buckets at either end
 * are recomputed too; plain PostgreSQL rebuilds the sessions' candles. Inside a transaction it runs
 * once that commits (TimescaleDB refuses it inside one).
 */
export function refreshTickCandles(session: Session, span: { from: Date | null; to: Date | null; sessions?: readonly string[] }): Promise<void> {
  const { from, to, sessions } = span;
  return session.afterCommit(async (database) => {
    if (!database.capabilities.timescaledb) {
      await database.query("SELECT refresh_tick_candles($1::text[])", [sessions === undefined ? null : [...sessions]]);
      return;
    }
    const minute = 60_000;
    await database.query("CALL refresh_continuous_aggregate('tick_candles_1m', $1::timestamptz, $2::timestamptz)", [
      from && new Date(Math.floor(from.getTime() / minute) * minute).toISOString(),
      to && new Date((Math.floor(to.getTime() / minute) + 1) * minute).toISOString(),
    ]);
  });
}
