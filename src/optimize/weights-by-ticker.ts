/**
 * Portfolio weights keyed by ticker (`{ AAA: 0.4, BBB: 0.6 }`), the shape JSON output, the
 * optimization_history record and the whole-share allocation take.
 */
import type { PortfolioWeights } from "./types.ts";

export function weightsByTicker(portfolio: Pick<PortfolioWeights, "tickers" | "weights">): Record<string, number> {
  return Object.fromEntries(portfolio.tickers.map((ticker, i) => [ticker, portfolio.weights[i]]));
}
