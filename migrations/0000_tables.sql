CREATE TABLE "etf_details" (
	"ticker" text NOT NULL,
	"region" text NOT NULL,
	"issuer" text,
	"inception_date" date,
	"underlying_asset_class" text,
	"tracking_index" text,
	"geographic_region" text,
	"sector_theme" text,
	"fund_type" text,
	"aum" double precision,
	"listed_shares" double precision,
	"underlying_asset_count" integer,
	"expense_ratio" double precision,
	"ter" double precision,
	"leverage_text" text,
	"leverage_ratio" double precision,
	"currency_hedged" boolean,
	"tracking_error_20d" double precision,
	"tracking_error_60d" double precision,
	"tracking_error_120d" double precision,
	"tracking_error_250d" double precision,
	"week_52_high" double precision,
	"week_52_low" double precision,
	"pension_eligible" boolean,
	"investment_strategy" text,
	"data_source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	CONSTRAINT "etf_details_ticker_region_pk" PRIMARY KEY("ticker","region")
);
--> statement-breakpoint
CREATE TABLE "etf_holdings" (
	"etf_ticker" text NOT NULL,
	"region" text NOT NULL,
	"stock_ticker" text NOT NULL,
	"as_of_date" date NOT NULL,
	"weight" double precision NOT NULL,
	"shares" double precision,
	"market_value" double precision,
	"rank_in_etf" integer,
	"weight_change_from_prev" double precision,
	"data_source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "etf_holdings_etf_ticker_region_stock_ticker_as_of_date_pk" PRIMARY KEY("etf_ticker","region","stock_ticker","as_of_date")
);
--> statement-breakpoint
CREATE TABLE "exchange_rate_history" (
	"currency" text NOT NULL,
	"quote_currency" text DEFAULT 'KRW' NOT NULL,
	"rate_date" date NOT NULL,
	"rate" double precision NOT NULL,
	"observed_at" timestamp with time zone,
	"source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_rate_history_currency_quote_currency_rate_date_pk" PRIMARY KEY("currency","quote_currency","rate_date")
);
--> statement-breakpoint
CREATE TABLE "global_market_indices" (
	"symbol" text NOT NULL,
	"date" date NOT NULL,
	"index_name" text NOT NULL,
	"region" text NOT NULL,
	"open" double precision,
	"high" double precision,
	"low" double precision,
	"close" double precision,
	"volume" double precision,
	"change_percent" double precision,
	"trend_5d" text,
	"consecutive_days" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "global_market_indices_symbol_date_pk" PRIMARY KEY("symbol","date")
);
--> statement-breakpoint
CREATE TABLE "instrument_info" (
	"ticker" text NOT NULL,
	"region" text NOT NULL,
	"info" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	CONSTRAINT "instrument_info_ticker_region_pk" PRIMARY KEY("ticker","region")
);
--> statement-breakpoint
CREATE TABLE "market_sentiment" (
	"date" date PRIMARY KEY NOT NULL,
	"vix" double precision,
	"fear_greed_index" double precision,
	"kospi_index" double precision,
	"kosdaq_index" double precision,
	"foreign_net_buying" double precision,
	"institution_net_buying" double precision,
	"usd_krw" double precision,
	"jpy_krw" double precision,
	"oil_price" double precision,
	"gold_price" double precision,
	"market_regime" text,
	"sentiment_score" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "option_quotes" (
	"ticker" text NOT NULL,
	"region" text NOT NULL,
	"option_type" text NOT NULL,
	"expiration_date" date NOT NULL,
	"strike" double precision NOT NULL,
	"contract_symbol" text DEFAULT '' NOT NULL,
	"last_price" double precision,
	"bid" double precision,
	"ask" double precision,
	"volume" bigint,
	"open_interest" bigint,
	"implied_volatility" double precision,
	"in_the_money" boolean,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	CONSTRAINT "option_quotes_ticker_region_option_type_expiration_date_strike_contract_symbol_pk" PRIMARY KEY("ticker","region","option_type","expiration_date","strike","contract_symbol")
);
--> statement-breakpoint
CREATE TABLE "stock_details" (
	"ticker" text NOT NULL,
	"region" text NOT NULL,
	"sector" text,
	"sector_code" text,
	"industry" text,
	"industry_code" text,
	"is_spac" boolean,
	"is_preferred" boolean,
	"par_value" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	"enriched_at" timestamp with time zone,
	CONSTRAINT "stock_details_ticker_region_pk" PRIMARY KEY("ticker","region")
);
--> statement-breakpoint
CREATE TABLE "tickers" (
	"ticker" text NOT NULL,
	"region" text NOT NULL,
	"name" text,
	"name_eng" text,
	"exchange" text,
	"currency" text,
	"asset_type" text,
	"listing_date" date,
	"delisting_date" date,
	"lot_size" integer,
	"sector" text,
	"sector_code" text,
	"industry" text,
	"market_tier" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"yahoo_symbol" text,
	"data_source" text,
	"is_inferred" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	"enriched_at" timestamp with time zone,
	CONSTRAINT "tickers_ticker_region_pk" PRIMARY KEY("ticker","region")
);
--> statement-breakpoint
CREATE TABLE "dividends" (
	"ticker" text NOT NULL,
	"region" text NOT NULL,
	"ex_date" date NOT NULL,
	"amount" double precision NOT NULL,
	"source" text NOT NULL,
	"fetched_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dividends_ticker_region_ex_date_pk" PRIMARY KEY("ticker","region","ex_date")
);
--> statement-breakpoint
CREATE TABLE "factor_scores" (
	"ticker" text NOT NULL,
	"region" text NOT NULL,
	"date" date NOT NULL,
	"factor_name" text NOT NULL,
	"raw_value" double precision,
	"z_score" double precision,
	"percentile" double precision,
	"score" double precision,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "factor_scores_factor_name_date_ticker_region_pk" PRIMARY KEY("factor_name","date","ticker","region")
);
--> statement-breakpoint
CREATE TABLE "ohlcv_data" (
	"ticker" text NOT NULL,
	"region" text NOT NULL,
	"timeframe" text NOT NULL,
	"date" date NOT NULL,
	"open" double precision,
	"high" double precision,
	"low" double precision,
	"close" double precision NOT NULL,
	"adj_close" double precision,
	"volume" double precision NOT NULL,
	"ma5" double precision,
	"ma20" double precision,
	"ma60" double precision,
	"ma120" double precision,
	"ma200" double precision,
	"rsi_14" double precision,
	"macd" double precision,
	"macd_signal" double precision,
	"macd_hist" double precision,
	"bb_upper" double precision,
	"bb_middle" double precision,
	"bb_lower" double precision,
	"atr_14" double precision,
	"atr" double precision,
	"volume_ma20" double precision,
	"volume_ratio" double precision,
	"source" text NOT NULL,
	"price_basis" text NOT NULL,
	"fetched_at" timestamp with time zone,
	CONSTRAINT "ohlcv_data_ticker_region_timeframe_date_pk" PRIMARY KEY("ticker","region","timeframe","date")
);
--> statement-breakpoint
CREATE TABLE "splits" (
	"ticker" text NOT NULL,
	"region" text NOT NULL,
	"date" date NOT NULL,
	"numerator" double precision NOT NULL,
	"denominator" double precision NOT NULL,
	"ratio" double precision NOT NULL,
	"source" text NOT NULL,
	"fetched_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "splits_ticker_region_date_pk" PRIMARY KEY("ticker","region","date")
);
--> statement-breakpoint
CREATE TABLE "technical_analysis" (
	"ticker" text NOT NULL,
	"region" text NOT NULL,
	"analysis_date" date NOT NULL,
	"stage" integer,
	"stage_confidence" double precision,
	"layer1_macro_score" double precision,
	"layer2_structural_score" double precision,
	"layer3_micro_score" double precision,
	"total_score" double precision,
	"signal" text,
	"signal_strength" double precision,
	"gpt_pattern" text,
	"gpt_confidence" double precision,
	"gpt_analysis" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "technical_analysis_ticker_region_analysis_date_pk" PRIMARY KEY("ticker","region","analysis_date")
);
--> statement-breakpoint
CREATE TABLE "ticker_fundamentals" (
	"ticker" text NOT NULL,
	"region" text NOT NULL,
	"period_type" text NOT NULL,
	"period_end" date NOT NULL,
	"known_date" date NOT NULL,
	"fiscal_year" integer,
	"shares_outstanding" double precision,
	"market_cap" double precision,
	"close_price" double precision,
	"per" double precision,
	"pbr" double precision,
	"psr" double precision,
	"pcr" double precision,
	"ev" double precision,
	"ev_ebitda" double precision,
	"dividend_yield" double precision,
	"dividend_per_share" double precision,
	"total_assets" double precision,
	"total_liabilities" double precision,
	"total_equity" double precision,
	"revenue" double precision,
	"operating_profit" double precision,
	"net_income" double precision,
	"ebitda" double precision,
	"cogs" double precision,
	"gross_profit" double precision,
	"depreciation" double precision,
	"interest_expense" double precision,
	"current_assets" double precision,
	"current_liabilities" double precision,
	"inventory" double precision,
	"accounts_receivable" double precision,
	"cash_and_equivalents" double precision,
	"operating_cash_flow" double precision,
	"capital_expenditure" double precision,
	"data_source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticker_fundamentals_ticker_region_period_type_period_end_known_date_pk" PRIMARY KEY("ticker","region","period_type","period_end","known_date")
);
--> statement-breakpoint
CREATE TABLE "backtest_results" (
	"id" serial PRIMARY KEY NOT NULL,
	"strategy_id" integer,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"initial_capital" numeric(24, 8) NOT NULL,
	"final_value" numeric(24, 8),
	"total_return" double precision,
	"annual_return" double precision,
	"annual_volatility" double precision,
	"sharpe" double precision,
	"sortino" double precision,
	"max_drawdown" double precision,
	"calmar" double precision,
	"win_rate" double precision,
	"turnover" double precision,
	"trade_count" integer,
	"metrics" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"equity_curve" jsonb,
	"parameters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "optimization_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"strategy_id" integer,
	"method" text NOT NULL,
	"returns_model" text,
	"risk_model" text,
	"tickers" text[] NOT NULL,
	"from_date" date,
	"to_date" date,
	"parameters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"weights" jsonb NOT NULL,
	"expected_return" double precision,
	"volatility" double precision,
	"sharpe" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portfolio_holdings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"portfolio" text NOT NULL,
	"backtest_id" integer,
	"ticker" text NOT NULL,
	"region" text NOT NULL,
	"as_of_date" date NOT NULL,
	"quantity" double precision NOT NULL,
	"avg_price" numeric(24, 8),
	"current_price" double precision,
	"market_value" numeric(24, 8),
	"unrealized_pnl" numeric(24, 8),
	"unrealized_pnl_pct" double precision,
	"weight" double precision,
	"stop_loss_price" double precision,
	"profit_target_price" double precision,
	"entry_date" date,
	"entry_score" double precision,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "portfolio_transactions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"portfolio" text NOT NULL,
	"backtest_id" integer,
	"source_key" text,
	"ticker" text NOT NULL,
	"region" text NOT NULL,
	"side" text NOT NULL,
	"order_type" text,
	"quantity" double precision NOT NULL,
	"price" numeric(24, 8) NOT NULL,
	"amount" numeric(24, 8) NOT NULL,
	"fee" numeric(24, 8),
	"tax" numeric(24, 8),
	"entry_price" numeric(24, 8),
	"exit_price" numeric(24, 8),
	"order_no" text,
	"execution_no" text,
	"status" text,
	"sector" text,
	"position_size_pct" double precision,
	"reason" text,
	"ordered_at" timestamp with time zone NOT NULL,
	"executed_at" timestamp with time zone,
	"entry_at" timestamp with time zone,
	"exit_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "portfolio_transactions_source_key_unique" UNIQUE("source_key")
);
--> statement-breakpoint
CREATE TABLE "strategies" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"factor_weights" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"parameters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	CONSTRAINT "strategies_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "walk_forward_results" (
	"id" serial PRIMARY KEY NOT NULL,
	"strategy_id" integer,
	"window_index" integer NOT NULL,
	"train_start" date NOT NULL,
	"train_end" date NOT NULL,
	"test_start" date NOT NULL,
	"test_end" date NOT NULL,
	"parameters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"in_sample_sharpe" double precision,
	"out_of_sample_sharpe" double precision,
	"in_sample_return" double precision,
	"out_of_sample_return" double precision,
	"metrics" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fetch_coverage" (
	"vendor" text NOT NULL,
	"symbol" text NOT NULL,
	"interval" text NOT NULL,
	"ticker" text NOT NULL,
	"region" text NOT NULL,
	"covered_from" date NOT NULL,
	"covered_to" date NOT NULL,
	"last_split_date" date,
	"last_fetched_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fetch_coverage_vendor_symbol_interval_pk" PRIMARY KEY("vendor","symbol","interval")
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job" text NOT NULL,
	"status" text NOT NULL,
	"from_date" date,
	"to_date" date,
	"rows" integer,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "migration_rejects" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" bigint NOT NULL,
	"source_table" text NOT NULL,
	"source_row_id" text NOT NULL,
	"reason" text NOT NULL,
	"row" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "migration_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source_path" text NOT NULL,
	"source_layout" text NOT NULL,
	"status" text NOT NULL,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"tables" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"checkpoint" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"inferred_instruments" integer DEFAULT 0 NOT NULL,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "backtest_results" ADD CONSTRAINT "backtest_results_strategy_id_strategies_id_fk" FOREIGN KEY ("strategy_id") REFERENCES "public"."strategies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "optimization_history" ADD CONSTRAINT "optimization_history_strategy_id_strategies_id_fk" FOREIGN KEY ("strategy_id") REFERENCES "public"."strategies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_holdings" ADD CONSTRAINT "portfolio_holdings_backtest_id_backtest_results_id_fk" FOREIGN KEY ("backtest_id") REFERENCES "public"."backtest_results"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_transactions" ADD CONSTRAINT "portfolio_transactions_backtest_id_backtest_results_id_fk" FOREIGN KEY ("backtest_id") REFERENCES "public"."backtest_results"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "walk_forward_results" ADD CONSTRAINT "walk_forward_results_strategy_id_strategies_id_fk" FOREIGN KEY ("strategy_id") REFERENCES "public"."strategies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "migration_rejects" ADD CONSTRAINT "migration_rejects_run_id_migration_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."migration_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "factor_scores_ticker_idx" ON "factor_scores" USING btree ("ticker","region","date");--> statement-breakpoint
CREATE INDEX "ohlcv_data_timeframe_date_idx" ON "ohlcv_data" USING btree ("timeframe","date");--> statement-breakpoint
CREATE INDEX "ticker_fundamentals_known_idx" ON "ticker_fundamentals" USING btree ("ticker","region","known_date");--> statement-breakpoint
CREATE INDEX "backtest_results_strategy_idx" ON "backtest_results" USING btree ("strategy_id");--> statement-breakpoint
CREATE UNIQUE INDEX "portfolio_holdings_key" ON "portfolio_holdings" USING btree ("portfolio","ticker","region","as_of_date");--> statement-breakpoint
CREATE INDEX "portfolio_transactions_ticker_idx" ON "portfolio_transactions" USING btree ("ticker","region","ordered_at");--> statement-breakpoint
CREATE INDEX "walk_forward_results_strategy_idx" ON "walk_forward_results" USING btree ("strategy_id","window_index");--> statement-breakpoint
CREATE INDEX "job_runs_job_idx" ON "job_runs" USING btree ("job","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "migration_rejects_row_key" ON "migration_rejects" USING btree ("run_id","source_table","source_row_id");