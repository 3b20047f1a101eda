CREATE TABLE "walk_forward_sweeps" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"plan" jsonb NOT NULL,
	"tasks" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "walk_forward_task_results" (
	"sweep_id" bigint NOT NULL,
	"window_index" integer NOT NULL,
	"trial" integer NOT NULL,
	"result" jsonb NOT NULL,
	CONSTRAINT "walk_forward_task_results_sweep_id_window_index_trial_pk" PRIMARY KEY("sweep_id","window_index","trial")
);
--> statement-breakpoint
CREATE TABLE "walk_forward_trials" (
	"backtest_id" integer NOT NULL,
	"window_index" integer NOT NULL,
	"trial" integer NOT NULL,
	"parameters" jsonb NOT NULL,
	"in_sample_objective" double precision,
	"in_sample_sharpe" double precision,
	"in_sample_return" double precision,
	"out_of_sample_sharpe" double precision,
	"out_of_sample_return" double precision,
	"out_of_sample_returns" double precision[] NOT NULL,
	CONSTRAINT "walk_forward_trials_backtest_id_window_index_trial_pk" PRIMARY KEY("backtest_id","window_index","trial")
);
--> statement-breakpoint
ALTER TABLE "walk_forward_results" ADD COLUMN "backtest_id" integer;--> statement-breakpoint
ALTER TABLE "walk_forward_task_results" ADD CONSTRAINT "walk_forward_task_results_sweep_id_walk_forward_sweeps_id_fk" FOREIGN KEY ("sweep_id") REFERENCES "public"."walk_forward_sweeps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "walk_forward_trials" ADD CONSTRAINT "walk_forward_trials_backtest_id_backtest_results_id_fk" FOREIGN KEY ("backtest_id") REFERENCES "public"."backtest_results"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "walk_forward_results" ADD CONSTRAINT "walk_forward_results_backtest_id_backtest_results_id_fk" FOREIGN KEY ("backtest_id") REFERENCES "public"."backtest_results"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "walk_forward_results_backtest_idx" ON "walk_forward_results" USING btree ("backtest_id","window_index");