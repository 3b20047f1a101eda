-- Intraday bars (issue 14): ohlcv_intraday, kite_instruments, ohlcv_data.open_interest, and the
-- TimescaleDB objects for intraday bars, written to succeed on plain PostgreSQL too (as 0001).
--
-- With TimescaleDB: ohlcv_intraday is a hypertable with compression and a policy, and 1-minute bars roll
-- up into the continuous aggregates ohlcv_intraday_hourly and ohlcv_intraday_daily with refresh
-- policies. Without it: an ordinary table, and the aggregates are ordinary materialized views under the
-- same names (same columns, same buckets via date_bin), refreshed by refresh_intraday_aggregates().
--
-- Chunk interval, 7 days. kite_app's whole store was 233M rows; a market day of its universe is about
-- 375 1-minute + 75 5-minute + 25 15-minute + 7 hourly bars per instrument, some 190k rows a day
-- across it, so a week is ~1M rows (~150 MB with the key index): a chunk and its index stay well
-- inside memory while loading, and a month of one instrument (the bar-store API's usual read) probes
-- 4-5 chunks. Compression after 30 days, segmented by (ticker, region, timeframe) and ordered by
-- bar_start DESC: every read is one instrument's one timeframe over a time range, so a segment is
-- exactly what a read decompresses, newest first; a week's 1-minute segment holds ~1,900 bars (above
-- the ~1,000 rows a segment needs to compress well), hourly ones fewer but those are small anyway.
--
-- Buckets: kite_app's bars are Indian exchange bars (IST, +05:30, no DST). Hourly buckets start at
-- :15 IST (origin 2000-01-03 09:15 IST = 03:45Z), so the 1-minute rollup reproduces Kite's 60minute
-- bars (09:15, 10:15, …, the last one 15:15-15:30); daily buckets are IST calendar days (origin IST
-- midnight = 18:30Z), the exchange's date as ohlcv_data uses for daily bars. `bar_start` of an
-- aggregate is its bucket's start. Only timeframe '1m' is rolled up (coarser source bars would double
-- count). The aggregates are created WITH NO DATA and real-time (materialized_only = false) for the
-- reasons 0001 gives; a load refreshes them over the range it wrote.
CREATE TABLE "ohlcv_intraday" (
	"ticker" text NOT NULL,
	"region" text NOT NULL,
	"timeframe" text NOT NULL,
	"bar_start" timestamp with time zone NOT NULL,
	"open" double precision NOT NULL,
	"high" double precision NOT NULL,
	"low" double precision NOT NULL,
	"close" double precision NOT NULL,
	"volume" bigint NOT NULL,
	"open_interest" bigint,
	"source" text NOT NULL,
	CONSTRAINT "ohlcv_intraday_ticker_region_timeframe_bar_start_pk" PRIMARY KEY("ticker","region","timeframe","bar_start")
);
--> statement-breakpoint
CREATE TABLE "kite_instruments" (
	"ticker" text NOT NULL,
	"region" text NOT NULL,
	"trading_symbol" text NOT NULL,
	"instrument_token" bigint NOT NULL,
	"exchange_token" bigint,
	"name" text,
	"instrument_type" text,
	"segment" text,
	"expiry" date,
	"strike" double precision,
	"tick_size" double precision,
	"lot_size" integer,
	"list_updated_at" timestamp with time zone,
	CONSTRAINT "kite_instruments_ticker_region_pk" PRIMARY KEY("ticker","region")
);
--> statement-breakpoint
ALTER TABLE "ohlcv_data" ADD COLUMN "open_interest" double precision;--> statement-breakpoint
CREATE INDEX "kite_instruments_trading_symbol_idx" ON "kite_instruments" USING btree ("region","trading_symbol");--> statement-breakpoint
DO $$
DECLARE
  agg record;
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM create_hypertable('ohlcv_intraday', by_range('bar_start', INTERVAL '7 days'),
                              create_default_indexes => false, migrate_data => true);
    ALTER TABLE ohlcv_intraday SET (timescaledb.compress,
      timescaledb.compress_segmentby = 'ticker, region, timeframe',
      timescaledb.compress_orderby = 'bar_start DESC');
    PERFORM add_compression_policy('ohlcv_intraday', INTERVAL '30 days');

    FOR agg IN SELECT * FROM (VALUES
        ('ohlcv_intraday_hourly', INTERVAL '1 hour', TIMESTAMPTZ '2000-01-03 03:45:00+00', INTERVAL '7 days', INTERVAL '1 hour', INTERVAL '1 hour'),
        ('ohlcv_intraday_daily', INTERVAL '1 day', TIMESTAMPTZ '2000-01-01 00:00:00+05:30', INTERVAL '30 days', INTERVAL '1 day', INTERVAL '1 day'))
        AS a(name, width, origin, lookback, lag, every)
    LOOP
      EXECUTE format($q$
        CREATE MATERIALIZED VIEW %I
        WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
        SELECT ticker, region, time_bucket(%L::interval, bar_start, %L::timestamptz) AS bar_start,
               first(open, bar_start) AS open, max(high) AS high, min(low) AS low,
               last(close, bar_start) AS close, sum(volume)::bigint AS volume,
               last(open_interest, bar_start) AS open_interest, count(*)::int AS bar_count
        FROM ohlcv_intraday WHERE timeframe = '1m'
        GROUP BY ticker, region, time_bucket(%L::interval, bar_start, %L::timestamptz)
        WITH NO DATA $q$, agg.name, agg.width, agg.origin, agg.width, agg.origin);
      PERFORM add_continuous_aggregate_policy(agg.name::regclass, start_offset => agg.lookback,
        end_offset => agg.lag, schedule_interval => agg.every);
    END LOOP;
  ELSE
    FOR agg IN SELECT * FROM (VALUES
        ('ohlcv_intraday_hourly', INTERVAL '1 hour', TIMESTAMPTZ '2000-01-03 03:45:00+00'),
        ('ohlcv_intraday_daily', INTERVAL '1 day', TIMESTAMPTZ '2000-01-01 00:00:00+05:30')) AS a(name, width, origin)
    LOOP
      EXECUTE format($q$
        CREATE MATERIALIZED VIEW %I AS
        SELECT ticker, region, date_bin(%L::interval, bar_start, %L::timestamptz) AS bar_start,
               (array_agg(open ORDER BY bar_start))[1] AS open, max(high) AS high, min(low) AS low,
               (array_agg(close ORDER BY bar_start DESC))[1] AS close, sum(volume)::bigint AS volume,
               (array_agg(open_interest ORDER BY bar_start DESC))[1] AS open_interest, count(*)::int AS bar_count
        FROM ohlcv_intraday WHERE timeframe = '1m'
        GROUP BY ticker, region, date_bin(%L::interval, bar_start, %L::timestamptz) $q$,
        agg.name, agg.width, agg.origin, agg.width, agg.origin);
      EXECUTE format('CREATE UNIQUE INDEX %I ON %I (ticker, region, bar_start)', agg.name || '_key', agg.name);
    END LOOP;
  END IF;
END $$;
--> statement-breakpoint
-- The plain-PostgreSQL refresh; on TimescaleDB the policies (or refresh_continuous_aggregate) do it.
CREATE OR REPLACE FUNCTION refresh_intraday_aggregates() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  REFRESH MATERIALIZED VIEW ohlcv_intraday_hourly;
  REFRESH MATERIALIZED VIEW ohlcv_intraday_daily;
END $$;
