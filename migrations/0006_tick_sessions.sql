-- Tick-data sessions (issue 15): tick_sessions, tick_prices, tick_orderbook, tick_session_files,
-- indicator_values, and the TimescaleDB objects for them, written to succeed on plain PostgreSQL too
-- (as 0001). With TimescaleDB: the three time tables are hypertables with compression and policies,
-- and tick_prices rolls up into the continuous aggregate tick_candles_1m with a refresh policy.
-- Without it: ordinary tables, and tick_candles_1m is a materialized view with the same columns,
-- refreshed by refresh_tick_candles().
--
-- Volumes. A busy MEXC futures contract trades ~10-50 times a second, and the collector wrote an
-- order-book snapshot per update (several a second) for each of ~5-20 symbols: a day of collection
-- is ~5-40M price rows and as many snapshots, ~100 bytes a row with the key index.
-- Chunks of 1 day for tick_prices and tick_orderbook keep a chunk and its index (~1-4 GB at the top
-- of that range) in memory while a session loads, and a session of hours touches one or two. Compressed
-- after 7 days, segmented by (session_id, symbol) and ordered by (ts, seq): every read is one
-- session's symbol in time order (API pages, replay, candles), which is exactly a segment, and a
-- session's data no longer changes once collected (a re-import of a changed file is rare; it then
-- writes into compressed chunks, which TimescaleDB allows). Ticks compress ~10-20x this way.
-- indicator_values holds both tick-session indicators (one value a second per indicator and symbol,
-- over the hours of a session) and indicators of daily bars (one a day over decades): 30-day chunks
-- keep a session's values in one or two chunks and 20 years of a daily indicator in ~240, compressed
-- after 60 days by (series, symbol, indicator_id) ordered by ts, the key of every read and of an
-- overwrite's delete.
-- No retention policy: sessions are imported on purpose as research data, their ticks are old when
-- they arrive (a policy on ts would drop a session on import, or cut one in half), and deleting a
-- session is explicit (its rows go in one transaction).
--
-- Candles: first and last price by (ts, seq), so two trades with the same timestamp keep their file
-- order (on TimescaleDB first()/last() order by (ts, seq) as one exact numeric, epoch microseconds ×
-- 10^10 + seq: a row value there cannot be materialized); volume is NULL for a minute whose trades
-- all lack one. Created WITH NO DATA (migrations run in
-- one transaction, where a refresh cannot), real-time (materialized_only = false); since imported
-- ticks are older than any policy window, an import refreshes the candles over the range it wrote
-- (src/repositories/tick-candles.ts). The policy covers the last 7 days every hour for data written
-- live.
CREATE TABLE "indicator_values" (
	"series" text NOT NULL,
	"symbol" text NOT NULL,
	"indicator_id" text NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"value" double precision,
	"confidence" double precision,
	"metadata" jsonb,
	CONSTRAINT "indicator_values_series_symbol_indicator_id_ts_pk" PRIMARY KEY("series","symbol","indicator_id","ts")
);
--> statement-breakpoint
CREATE TABLE "tick_orderbook" (
	"session_id" text NOT NULL,
	"symbol" text NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"seq" integer NOT NULL,
	"bid_prices" double precision[] NOT NULL,
	"bid_qtys" double precision[] NOT NULL,
	"ask_prices" double precision[] NOT NULL,
	"ask_qtys" double precision[] NOT NULL,
	CONSTRAINT "tick_orderbook_session_id_symbol_ts_seq_pk" PRIMARY KEY("session_id","symbol","ts","seq")
);
--> statement-breakpoint
CREATE TABLE "tick_prices" (
	"session_id" text NOT NULL,
	"symbol" text NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"seq" integer NOT NULL,
	"price" double precision NOT NULL,
	"volume" double precision,
	"quote_volume" double precision,
	CONSTRAINT "tick_prices_session_id_symbol_ts_seq_pk" PRIMARY KEY("session_id","symbol","ts","seq")
);
--> statement-breakpoint
CREATE TABLE "tick_session_files" (
	"session_id" text NOT NULL,
	"path" text NOT NULL,
	"symbol" text NOT NULL,
	"kind" text NOT NULL,
	"indicator_id" text,
	"size" bigint NOT NULL,
	"mtime_ms" double precision NOT NULL,
	"sha256" text NOT NULL,
	"source" bigint NOT NULL,
	"loaded" bigint NOT NULL,
	"merged" bigint NOT NULL,
	"rejected" bigint NOT NULL,
	"run_id" bigint NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tick_session_files_session_id_path_pk" PRIMARY KEY("session_id","path")
);
--> statement-breakpoint
CREATE TABLE "tick_sessions" (
	"session_id" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"symbols" text[] NOT NULL,
	"data_types" text[] NOT NULL,
	"start_time" timestamp with time zone,
	"end_time" timestamp with time zone,
	"duration_seconds" double precision,
	"records_collected" bigint NOT NULL,
	"prices_count" bigint NOT NULL,
	"orderbook_count" bigint NOT NULL,
	"trades_count" bigint NOT NULL,
	"errors_count" integer NOT NULL,
	"exchange" text NOT NULL,
	"notes" text,
	"first_tick_at" timestamp with time zone,
	"last_tick_at" timestamp with time zone,
	"source_dir" text,
	"source_metadata" jsonb,
	"import_run_id" bigint,
	"imported_at" timestamp with time zone,
	"rejected_rows" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tick_session_files" ADD CONSTRAINT "tick_session_files_session_id_tick_sessions_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."tick_sessions"("session_id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM create_hypertable('tick_prices', by_range('ts', INTERVAL '1 day'),
                              create_default_indexes => false, migrate_data => true);
    PERFORM create_hypertable('tick_orderbook', by_range('ts', INTERVAL '1 day'),
                              create_default_indexes => false, migrate_data => true);
    PERFORM create_hypertable('indicator_values', by_range('ts', INTERVAL '30 days'),
                              create_default_indexes => false, migrate_data => true);

    ALTER TABLE tick_prices SET (timescaledb.compress,
      timescaledb.compress_segmentby = 'session_id, symbol',
      timescaledb.compress_orderby = 'ts, seq');
    PERFORM add_compression_policy('tick_prices', INTERVAL '7 days');
    ALTER TABLE tick_orderbook SET (timescaledb.compress,
      timescaledb.compress_segmentby = 'session_id, symbol',
      timescaledb.compress_orderby = 'ts, seq');
    PERFORM add_compression_policy('tick_orderbook', INTERVAL '7 days');
    ALTER TABLE indicator_values SET (timescaledb.compress,
      timescaledb.compress_segmentby = 'series, symbol, indicator_id',
      timescaledb.compress_orderby = 'ts');
    PERFORM add_compression_policy('indicator_values', INTERVAL '60 days');

    CREATE MATERIALIZED VIEW tick_candles_1m
    WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
    SELECT session_id, symbol, time_bucket(INTERVAL '1 minute', ts) AS bar_start,
           first(price, extract(epoch FROM ts) * 10000000000000000 + seq) AS open, max(price) AS high, min(price) AS low,
           last(price, extract(epoch FROM ts) * 10000000000000000 + seq) AS close, sum(volume) AS volume, count(*)::int AS trade_count
    FROM tick_prices
    GROUP BY session_id, symbol, time_bucket(INTERVAL '1 minute', ts)
    WITH NO DATA;
    PERFORM add_continuous_aggregate_policy('tick_candles_1m', start_offset => INTERVAL '7 days',
      end_offset => INTERVAL '1 minute', schedule_interval => INTERVAL '1 hour');
  ELSE
    CREATE MATERIALIZED VIEW tick_candles_1m AS
    SELECT session_id, symbol, date_bin(INTERVAL '1 minute', ts, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bar_start,
           (array_agg(price ORDER BY ts, seq))[1] AS open, max(price) AS high, min(price) AS low,
           (array_agg(price ORDER BY ts DESC, seq DESC))[1] AS close, sum(volume) AS volume, count(*)::int AS trade_count
    FROM tick_prices
    GROUP BY session_id, symbol, date_bin(INTERVAL '1 minute', ts, TIMESTAMPTZ '2000-01-01 00:00:00+00');
    CREATE UNIQUE INDEX tick_candles_1m_key ON tick_candles_1m (session_id, symbol, bar_start);
  END IF;
END $$;
--> statement-breakpoint
-- The plain-PostgreSQL refresh; on TimescaleDB the policy (or refresh_continuous_aggregate) does it.
CREATE OR REPLACE FUNCTION refresh_tick_candles() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  REFRESH MATERIALIZED VIEW tick_candles_1m;
END $$;
