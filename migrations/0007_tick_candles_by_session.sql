-- On plain PostgreSQL, tick_candles_1m becomes a table refreshed session by session: as the
-- materialized view of 0006, every import and session deletion re-aggregated every tick ever stored
-- (0.6 s at 500,000 ticks, growing with the store). refresh_tick_candles(sessions) now rebuilds the
-- candles of the given sessions only (NULL: all), from their ticks found through the primary key,
-- under a lock that lets readers read and keeps two refreshes from inserting the same candle. The
-- candles are 0006's (first and last price by (ts, seq)), computed as a hashed aggregate of each
-- minute's first and last instant whose prices are then looked up by key, lowest or highest seq
-- first: 224 ms instead of 838 ms for 500,000 ticks, where array_agg(… ORDER BY) sorted every minute. On TimescaleDB nothing changes: tick_candles_1m is a continuous
-- aggregate, refreshed over the time range an import or deletion touched.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
    DROP MATERIALIZED VIEW tick_candles_1m;
    CREATE TABLE tick_candles_1m (
      session_id text NOT NULL,
      symbol text NOT NULL,
      bar_start timestamptz NOT NULL,
      open double precision NOT NULL,
      high double precision NOT NULL,
      low double precision NOT NULL,
      close double precision NOT NULL,
      volume double precision,
      trade_count integer NOT NULL,
      PRIMARY KEY (session_id, symbol, bar_start)
    );
  END IF;
END $$;
--> statement-breakpoint
DROP FUNCTION refresh_tick_candles();
--> statement-breakpoint
-- EXECUTE plans each statement with the argument's value, so the key index serves a list of sessions
-- (a cached generic plan of "IS NULL OR = ANY" would scan every tick).
CREATE FUNCTION refresh_tick_candles(only_sessions text[] DEFAULT NULL) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE tick_candles_1m IN SHARE ROW EXCLUSIVE MODE;
  EXECUTE 'DELETE FROM tick_candles_1m WHERE $1 IS NULL OR session_id = ANY ($1)' USING only_sessions;
  EXECUTE $sql$
    WITH buckets AS (
      SELECT session_id, symbol, date_bin(INTERVAL '1 minute', ts, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bar_start,
             min(ts) AS first_ts, max(ts) AS last_ts, max(price) AS high, min(price) AS low, sum(volume) AS volume, count(*)::int AS trade_count
        FROM tick_prices
       WHERE $1 IS NULL OR session_id = ANY ($1)
       GROUP BY 1, 2, 3
    )
    INSERT INTO tick_candles_1m (session_id, symbol, bar_start, open, high, low, close, volume, trade_count)
    SELECT b.session_id, b.symbol, b.bar_start,
           (SELECT p.price FROM tick_prices p WHERE p.session_id = b.session_id AND p.symbol = b.symbol AND p.ts = b.first_ts ORDER BY p.seq LIMIT 1),
           b.high, b.low,
           (SELECT p.price FROM tick_prices p WHERE p.session_id = b.session_id AND p.symbol = b.symbol AND p.ts = b.last_ts ORDER BY p.seq DESC LIMIT 1),
           b.volume, b.trade_count
      FROM buckets b
  $sql$ USING only_sessions;
END $$;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM refresh_tick_candles();
  END IF;
END $$;
