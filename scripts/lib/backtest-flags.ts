/**
 * The flags scripts/backtest.ts and scripts/walk-forward.ts share (universe, period, execution,
 * costs), their help text, and their reading into a BacktestRequest's fields.
 */
import { InputError } from "../../src/errors.ts";
import type { BacktestRequest } from "../../src/backtest/run-backtest.ts";
import { type CliValues, numberOption, oneOf } from "./cli.ts";

export const BACKTEST_HELP = `Universe and period
  --tickers A,B.KR           instruments (TICKER or TICKER.REGION; bare tickers take --region, default US)
  --region R                 every instrument of region R with bars in the range
  --asset-types STOCK,ETF    with --region: only these asset types
  --universe FILE            a file listing instruments (one or more per line, # comments)
  --from D --to D            first and last simulated day, YYYY-MM-DD

Execution
  --cash N                   starting cash (default 1000000)
  --fill next-open|close     fill at the next bar's open (default) or, optimistically, the deciding close
  --shares whole|fractional  default whole
  --price-basis raw|total    raw prices with splits and dividends applied (default), or total-return prices
  --allow-leverage           let cash go below zero
  --borrow-fee-bps N         annual fee on short positions (long-short strategies)

Costs
  --commission-bps N         commission in bps of traded value
  --commission-per-share N   commission per share
  --commission-min N         minimum commission per order
  --slippage-bps N           slippage in bps, against the trade
  --impact K                 square-root market impact k·σ·√(shares / ADV20)
  --max-participation P      at most P of a bar's volume per order (0 < P ≤ 1); the rest is cancelled`;

export const BACKTEST_OPTIONS = {
  rebalance: { type: "string" },
  "drift-band": { type: "string" },
  tickers: { type: "string" },
  region: { type: "string" },
  "asset-types": { type: "string" },
  universe: { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  cash: { type: "string" },
  fill: { type: "string" },
  shares: { type: "string" },
  "price-basis": { type: "string" },
  "allow-leverage": { type: "boolean" },
  "borrow-fee-bps": { type: "string" },
  "commission-bps": { type: "string" },
  "commission-per-share": { type: "string" },
  "commission-min": { type: "string" },
  "slippage-bps": { type: "string" },
  impact: { type: "string" },
  "max-participation": { type: "string" },
} as const;

type BacktestFlags = CliValues<typeof BACKTEST_OPTIONS>;

/** The shared flags as the request fields runBacktest takes (undefined where not given). */
export function backtestOptions(flags: BacktestFlags) {
  if (flags.from === undefined || flags.to === undefined) throw new InputError("--from YYYY-MM-DD and --to YYYY-MM-DD are required");
  return {
    rebalance: flags.rebalance,
    driftBand: numberOption(flags["drift-band"], "--drift-band"),
    tickers: flags.tickers,
    region: flags.region,
    assetTypes: flags["asset-types"]?.split(",").map((t) => t.trim()).filter((t) => t !== ""),
    universeFile: flags.universe,
    from: flags.from,
    to: flags.to,
    cash: numberOption(flags.cash, "--cash"),
    fill: flags.fill === undefined ? undefined : oneOf(flags.fill, ["next-open", "close"], "--fill"),
    shares: flags.shares === undefined ? undefined : oneOf(flags.shares, ["whole", "fractional"], "--shares"),
    priceBasis: flags["price-basis"] === undefined ? undefined : oneOf(flags["price-basis"], ["raw", "total"], "--price-basis"),
    allowLeverage: flags["allow-leverage"],
    borrowFeeBps: numberOption(flags["borrow-fee-bps"], "--borrow-fee-bps"),
    commissionBps: numberOption(flags["commission-bps"], "--commission-bps"),
    commissionPerShare: numberOption(flags["commission-per-share"], "--commission-per-share"),
    commissionMin: numberOption(flags["commission-min"], "--commission-min"),
    slippageBps: numberOption(flags["slippage-bps"], "--slippage-bps"),
    impactK: numberOption(flags.impact, "--impact"),
    maxParticipation: numberOption(flags["max-participation"], "--max-participation"),
  } satisfies Partial<BacktestRequest>;
}

/** `key=value` pairs; values stay text, the strategy's parameter specs type them. */
export function parameters(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new InputError(`--param expects key=value, got "${pair}"`);
    const key = pair.slice(0, eq).trim();
    if (Object.hasOwn(out, key)) throw new InputError(`--param ${key} is given twice`);
    out[key] = pair.slice(eq + 1).trim();
  }
  return out;
}
