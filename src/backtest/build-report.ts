/**
 * A simulated run as its report document (report.ts): typed-array logs become dated rows, money is
 * rounded to 8 decimals (the ledger's precision, so a saved run reads back identical), NaN metrics
 * become null, and the notes say what the user should know about the run.
 */
import type { BacktestConfig, BacktestReport } from "./report.ts";
import type { StrategyParameters } from "./strategies/types.ts";
import { TRADE_REASONS, type Market, type SimulationResult } from "./types.ts";

/** To the ledger's 8 decimals; −0 becomes 0, which a numeric column cannot tell apart. */
export function roundMoney(value: number): number {
  return Math.round(value * 1e8) / 1e8 + 0;
}

export interface ReportContext {
  readonly market: Market;
  readonly result: SimulationResult;
  readonly metrics: Readonly<Record<string, number>>;
  readonly config: BacktestConfig;
  readonly params: StrategyParameters;
  readonly rowsRead: number;
  readonly codeVersion: string;
  readonly notes: readonly string[];
}

export function buildReport(context: ReportContext): BacktestReport {
  const { market, result, config } = context;
  const { dates, instruments, startRow } = market;
  const { trades, holdings, equity } = result;
  const days = equity.value.length;
  const valueOn = (row: number) => equity.value[row - startRow];
  const delisted = new Set<string>();
  const tradeRows = Array.from({ length: trades.count }, (_, t) => {
    const { ticker, region } = instruments[trades.instrument[t]];
    const reason = TRADE_REASONS[trades.reason[t]];
    if (reason === "delisting") delisted.add(`${ticker}.${region} on ${dates[trades.row[t]]}`);
    return {
      date: dates[trades.row[t]],
      ticker,
      region,
      side: trades.shares[t] > 0 ? ("buy" as const) : ("sell" as const),
      shares: Math.abs(trades.shares[t]),
      price: roundMoney(trades.price[t]),
      commission: roundMoney(trades.commission[t]),
      slippage: roundMoney(trades.slippage[t] + trades.impact[t]),
      reason,
    };
  });
  const notes = [...context.notes];
  if (config.fill === "close") notes.push("fills at the deciding close (--fill close): optimistic, the decision's own price is traded");
  if (result.cancelledOrders > 0) {
    notes.push(`participation cap cancelled ${result.cancelledShares} shares over ${result.cancelledOrders} orders`);
  }
  if (result.belowOneShare > 0) {
    notes.push(`${result.belowOneShare} orders wanted less than one whole share and were not placed: raise --cash or use --shares fractional`);
  }
  if (delisted.size > 0) notes.push(`positions closed at the last close on delisting: ${[...delisted].join(", ")}`);
  return {
    strategy: config.strategy,
    params: context.params,
    from: dates[startRow],
    to: dates[dates.length - 1],
    instruments: instruments.length,
    initialCash: config.initialCash,
    finalValue: roundMoney(days === 0 ? config.initialCash : equity.value[days - 1]),
    finalCash: roundMoney(result.finalCash),
    optimistic: config.fill === "close",
    metrics: Object.fromEntries(Object.entries(context.metrics).map(([name, value]) => [name, Number.isFinite(value) ? value : null])),
    trades: tradeRows,
    equity: Array.from({ length: days }, (_, k) => ({
      date: dates[startRow + k],
      value: roundMoney(equity.value[k]),
      cash: roundMoney(equity.cash[k]),
      grossExposure: equity.gross[k] / equity.value[k],
      netExposure: equity.net[k] / equity.value[k],
    })),
    holdings: Array.from({ length: holdings.count }, (_, h) => {
      const { ticker, region } = instruments[holdings.instrument[h]];
      const value = holdings.shares[h] * holdings.price[h];
      return {
        date: dates[holdings.row[h]],
        ticker,
        region,
        shares: holdings.shares[h],
        price: roundMoney(holdings.price[h]),
        value: roundMoney(value),
        weight: value / valueOn(holdings.row[h]),
      };
    }),
    config,
    data: { from: dates[0], to: dates[dates.length - 1], rows: context.rowsRead },
    codeVersion: context.codeVersion,
    notes,
  };
}
