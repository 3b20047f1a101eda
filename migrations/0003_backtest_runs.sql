CREATE TABLE "backtest_equity" (
	"backtest_id" integer NOT NULL,
	"date" date NOT NULL,
	"value" double precision NOT NULL,
	"cash" double precision NOT NULL,
	"gross_exposure" double precision NOT NULL,
	"net_exposure" double precision NOT NULL,
	CONSTRAINT "backtest_equity_backtest_id_date_pk" PRIMARY KEY("backtest_id","date")
);
--> statement-breakpoint
ALTER TABLE "backtest_results" ADD COLUMN "strategy_kind" text;--> statement-breakpoint
ALTER TABLE "backtest_results" ADD COLUMN "config" jsonb;--> statement-breakpoint
ALTER TABLE "backtest_results" ADD COLUMN "instruments" integer;--> statement-breakpoint
ALTER TABLE "backtest_results" ADD COLUMN "final_cash" numeric(24, 8);--> statement-breakpoint
ALTER TABLE "backtest_results" ADD COLUMN "optimistic" boolean;--> statement-breakpoint
ALTER TABLE "backtest_results" ADD COLUMN "data_from" date;--> statement-breakpoint
ALTER TABLE "backtest_results" ADD COLUMN "data_to" date;--> statement-breakpoint
ALTER TABLE "backtest_results" ADD COLUMN "rows_read" integer;--> statement-breakpoint
ALTER TABLE "backtest_results" ADD COLUMN "code_version" text;--> statement-breakpoint
ALTER TABLE "backtest_results" ADD COLUMN "notes" jsonb;--> statement-breakpoint
ALTER TABLE "portfolio_transactions" ADD COLUMN "slippage" numeric(24, 8);--> statement-breakpoint
ALTER TABLE "strategies" ADD COLUMN "kind" text;--> statement-breakpoint
ALTER TABLE "backtest_equity" ADD CONSTRAINT "backtest_equity_backtest_id_backtest_results_id_fk" FOREIGN KEY ("backtest_id") REFERENCES "public"."backtest_results"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "portfolio_holdings_backtest_idx" ON "portfolio_holdings" USING btree ("backtest_id","id");--> statement-breakpoint
CREATE INDEX "portfolio_transactions_backtest_idx" ON "portfolio_transactions" USING btree ("backtest_id","id");