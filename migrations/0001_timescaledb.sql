-- TimescaleDB objects, written to succeed on plain PostgreSQL too.
--
-- With TimescaleDB: hypertables, compression with policies, continuous aggregates with refresh
-- policies. Without it: the same tables stay ordinary tables, and the aggregates are ordinary
-- materialized views under the same names, refreshed by refresh_ohlcv_aggregates().
--
-- Chunk intervals. ohlcv_data: daily bars add ~252 rows per instrument per year, about 4.7M rows a
-- year for a 18,700-instrument universe (~1 GB with indexes). One-year chunks keep a 10-year
-- single-ticker read to ~10 chunk index probes and a year's chunk index within memory; compression
-- after 365 days then turns whole past years into per-ticker segments. factor_scores: ~12 factors
-- per instrument per day is ~12x denser, so 90-day chunks hold about as many rows as an ohlcv year.
--
-- Continuous aggregates are created WITH NO DATA because Drizzle applies all pending migrations in
-- one transaction and a refresh cannot run inside one; they are real-time (materialized_only =
-- false) so fresh bars show up before the policy's next refresh.

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
    BEGIN
      CREATE EXTENSION IF NOT EXISTS timescaledb;
    EXCEPTION WHEN OTHERS THEN
      -- Installed but not preloaded (shared_preload_libraries): carry on as plain PostgreSQL.
      RAISE NOTICE 'timescaledb not enabled: %', SQLERRM;
    END;
  END IF;
END $$;
--> statement-breakpoint
DO $$
DECLARE
  agg record;
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM create_hypertable('ohlcv_data', by_range('date', INTERVAL '1 year'),
                              create_default_indexes => false, migrate_data => true);
    PERFORM create_hypertable('factor_scores', by_range('date', INTERVAL '90 days'),
                              create_default_indexes => false, migrate_data => true);

    ALTER TABLE ohlcv_data SET (timescaledb.compress,
      timescaledb.compress_segmentby = 'ticker, region, timeframe',
      timescaledb.compress_orderby = 'date DESC');
    PERFORM add_compression_policy('ohlcv_data', INTERVAL '365 days');

    ALTER TABLE factor_scores SET (timescaledb.compress,
      timescaledb.compress_segmentby = 'factor_name',
      timescaledb.compress_orderby = 'date DESC, ticker, region');
    PERFORM add_compression_policy('factor_scores', INTERVAL '180 days');

    FOR agg IN SELECT * FROM (VALUES
        ('ohlcv_monthly', '1 month', INTERVAL '3 months'),
        ('ohlcv_quarterly', '3 months', INTERVAL '9 months'),
        ('ohlcv_yearly', '1 year', INTERVAL '3 years')) AS a(name, width, lookback)
    LOOP
      EXECUTE format($q$
        CREATE MATERIALIZED VIEW %I
        WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
        SELECT ticker, region, time_bucket(INTERVAL %L, date) AS date,
               first(open, date) AS open, max(high) AS high, min(low) AS low,
               last(close, date) AS close, sum(volume) AS volume, count(*)::int AS bar_count
        FROM ohlcv_data WHERE timeframe = '1d'
        GROUP BY ticker, region, time_bucket(INTERVAL %L, date)
        WITH NO DATA $q$, agg.name, agg.width, agg.width);
      PERFORM add_continuous_aggregate_policy(agg.name::regclass, start_offset => agg.lookback,
        end_offset => INTERVAL '1 day', schedule_interval => INTERVAL '1 day');
    END LOOP;
  ELSE
    FOR agg IN SELECT * FROM (VALUES
        ('ohlcv_monthly', 'month'), ('ohlcv_quarterly', 'quarter'), ('ohlcv_yearly', 'year')) AS a(name, unit)
    LOOP
      EXECUTE format($q$
        CREATE MATERIALIZED VIEW %I AS
        SELECT ticker, region, date_trunc(%L, date)::date AS date,
               (array_agg(open ORDER BY date))[1] AS open, max(high) AS high, min(low) AS low,
               (array_agg(close ORDER BY date DESC))[1] AS close, sum(volume) AS volume,
               count(*)::int AS bar_count
        FROM ohlcv_data WHERE timeframe = '1d'
        GROUP BY ticker, region, date_trunc(%L, date)::date $q$, agg.name, agg.unit, agg.unit);
      EXECUTE format('CREATE UNIQUE INDEX %I ON %I (ticker, region, date)', agg.name || '_key', agg.name);
    END LOOP;
  END IF;
END $$;
--> statement-breakpoint
-- The plain-PostgreSQL refresh; on TimescaleDB the policies (or refresh_continuous_aggregate) do it.
CREATE OR REPLACE FUNCTION refresh_ohlcv_aggregates() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  REFRESH MATERIALIZED VIEW ohlcv_monthly;
  REFRESH MATERIALIZED VIEW ohlcv_quarterly;
  REFRESH MATERIALIZED VIEW ohlcv_yearly;
END $$;
