/**
 * Spock's `spock_local.db` tables as Spock creates them (see docs/source-systems.md §1 of the shared project material),
 * for the sample generator. Types are SQLite's; BOOLEAN columns hold 0/1. `exchange_rate_history`
 * has no UNIQUE(currency, rate_date), as in older files. The last five tables are Spock's operational
 * tables, which have no home in the platform and are reported as skipped.
 */
export const SPOCK_DDL = `
CREATE TABLE tickers (
  ticker TEXT PRIMARY KEY, name TEXT NOT NULL, name_eng TEXT, exchange TEXT NOT NULL, region TEXT NOT NULL,
  currency TEXT NOT NULL, asset_type TEXT NOT NULL, listing_date TEXT, lot_size INTEGER, sector_code TEXT,
  is_active BOOLEAN, delisting_date TEXT, created_at TEXT NOT NULL, last_updated TEXT NOT NULL,
  enriched_at TEXT, data_source TEXT, market_tier TEXT);
CREATE TABLE stock_details (
  ticker TEXT PRIMARY KEY, sector TEXT, sector_code TEXT, industry TEXT, industry_code TEXT, is_spac BOOLEAN,
  is_preferred BOOLEAN, par_value REAL, region TEXT, created_at TEXT, last_updated TEXT, enriched_at TEXT);
CREATE TABLE etf_details (
  ticker TEXT PRIMARY KEY, issuer TEXT, inception_date TEXT, underlying_asset_class TEXT,
  tracking_index TEXT NOT NULL, geographic_region TEXT, sector_theme TEXT, fund_type TEXT, aum REAL,
  listed_shares BIGINT, underlying_asset_count INTEGER, expense_ratio REAL NOT NULL, ter REAL,
  leverage_ratio TEXT, currency_hedged BOOLEAN, tracking_error_20d REAL, tracking_error_60d REAL,
  tracking_error_120d REAL, tracking_error_250d REAL, week_52_high REAL, week_52_low REAL,
  pension_eligible BOOLEAN, investment_strategy TEXT, created_at TEXT, last_updated TEXT, data_source TEXT);
CREATE TABLE etf_holdings (
  id INTEGER PRIMARY KEY AUTOINCREMENT, etf_ticker TEXT NOT NULL, stock_ticker TEXT NOT NULL,
  weight REAL NOT NULL, shares BIGINT, market_value REAL, rank_in_etf INTEGER, weight_change_from_prev REAL,
  as_of_date TEXT NOT NULL, created_at TEXT, data_source TEXT, UNIQUE(etf_ticker, stock_ticker, as_of_date));
CREATE TABLE ticker_fundamentals (
  id INTEGER PRIMARY KEY AUTOINCREMENT, ticker TEXT NOT NULL, date TEXT NOT NULL, period_type TEXT NOT NULL,
  fiscal_year INTEGER, shares_outstanding BIGINT, market_cap BIGINT, close_price REAL, per REAL, pbr REAL,
  psr REAL, pcr REAL, ev BIGINT, ev_ebitda REAL, dividend_yield REAL, dividend_per_share REAL,
  created_at TEXT, data_source TEXT, total_assets REAL, total_liabilities REAL, total_equity REAL,
  revenue REAL, operating_profit REAL, net_income REAL, ebitda REAL, cogs REAL, gross_profit REAL,
  depreciation REAL, interest_expense REAL, current_assets REAL, current_liabilities REAL, inventory REAL,
  accounts_receivable REAL, cash_and_equivalents REAL, operating_cash_flow REAL, capital_expenditure REAL,
  UNIQUE(ticker, fiscal_year, period_type));
CREATE TABLE ohlcv_data (
  id INTEGER PRIMARY KEY AUTOINCREMENT, ticker TEXT NOT NULL, timeframe TEXT NOT NULL, date TEXT NOT NULL,
  region TEXT, open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL, close REAL NOT NULL,
  volume BIGINT NOT NULL, ma5 REAL, ma20 REAL, ma60 REAL, ma120 REAL, ma200 REAL, rsi_14 REAL, macd REAL,
  macd_signal REAL, macd_hist REAL, bb_upper REAL, bb_middle REAL, bb_lower REAL, atr_14 REAL, atr REAL,
  volume_ma20 REAL, volume_ratio REAL, created_at TEXT NOT NULL, UNIQUE(ticker, region, timeframe, date));
CREATE TABLE technical_analysis (
  id INTEGER PRIMARY KEY AUTOINCREMENT, ticker TEXT NOT NULL, analysis_date TEXT NOT NULL, stage INTEGER,
  stage_confidence REAL, layer1_macro_score REAL, layer2_structural_score REAL, layer3_micro_score REAL,
  total_score REAL, signal TEXT, signal_strength REAL, gpt_pattern TEXT, gpt_confidence REAL,
  gpt_analysis TEXT, created_at TEXT, UNIQUE(ticker, analysis_date));
CREATE TABLE trades (
  id INTEGER PRIMARY KEY AUTOINCREMENT, ticker TEXT NOT NULL, region TEXT NOT NULL, side TEXT,
  order_type TEXT, quantity INTEGER NOT NULL, entry_price REAL, exit_price REAL, price REAL NOT NULL,
  amount REAL NOT NULL, fee REAL, tax REAL, order_no TEXT, execution_no TEXT, entry_timestamp TEXT,
  exit_timestamp TEXT, order_time TEXT NOT NULL, execution_time TEXT, trade_status TEXT, sector TEXT,
  position_size_percent REAL, reason TEXT, created_at TEXT);
CREATE TABLE portfolio (
  ticker TEXT PRIMARY KEY, quantity INTEGER NOT NULL, avg_price REAL NOT NULL, current_price REAL,
  market_value REAL, unrealized_pnl REAL, unrealized_pnl_pct REAL, stop_loss_price REAL,
  profit_target_price REAL, entry_date TEXT NOT NULL, entry_score REAL, last_updated TEXT NOT NULL);
CREATE TABLE market_sentiment (
  id INTEGER PRIMARY KEY AUTOINCREMENT, date TEXT UNIQUE, vix REAL, fear_greed_index REAL, kospi_index REAL,
  kosdaq_index REAL, foreign_net_buying REAL, institution_net_buying REAL, usd_krw REAL, jpy_krw REAL,
  oil_price REAL, gold_price REAL, market_regime TEXT, sentiment_score REAL, created_at TEXT);
CREATE TABLE global_market_indices (
  id INTEGER PRIMARY KEY AUTOINCREMENT, date TEXT NOT NULL, symbol TEXT NOT NULL, index_name TEXT NOT NULL,
  region TEXT NOT NULL, close_price REAL, open_price REAL, high_price REAL, low_price REAL NOT NULL,
  volume BIGINT, change_percent REAL NOT NULL, trend_5d TEXT, consecutive_days INTEGER, created_at TEXT,
  UNIQUE(date, symbol));
CREATE TABLE exchange_rate_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT, currency TEXT NOT NULL, rate REAL NOT NULL, timestamp TEXT NOT NULL,
  rate_date TEXT NOT NULL, source TEXT, created_at TEXT);
CREATE TABLE kis_api_logs (
  id INTEGER PRIMARY KEY AUTOINCREMENT, endpoint TEXT NOT NULL, status_code INTEGER, response_time REAL,
  created_at TEXT DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE filter_cache_stage0 (
  ticker TEXT NOT NULL, region TEXT NOT NULL, passed BOOLEAN, cached_at TEXT, PRIMARY KEY (ticker, region));
CREATE TABLE kelly_sizing (
  id INTEGER PRIMARY KEY AUTOINCREMENT, ticker TEXT NOT NULL, win_rate REAL, kelly_fraction REAL,
  created_at TEXT DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE circuit_breaker_logs (
  id INTEGER PRIMARY KEY AUTOINCREMENT, breaker TEXT NOT NULL, state TEXT, reason TEXT,
  created_at TEXT DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE rebalancing_logs (
  id INTEGER PRIMARY KEY AUTOINCREMENT, run_date TEXT NOT NULL, orders INTEGER, notes TEXT,
  created_at TEXT DEFAULT CURRENT_TIMESTAMP);
`;
