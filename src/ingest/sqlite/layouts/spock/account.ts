/**
 * Spock's live book: `trades` → `portfolio_transactions`, `portfolio` → `portfolio_holdings`, both
 * under the portfolio name `spock`.
 *
 * - A trade keeps its identity as `source_key` = `spock:trades:<id>`, so reloading is idempotent.
 * - Trade times are the application's wall-clock times (written with a space, not Spock's database
 *   default), so they are read in the source's local zone like its `T` timestamps.
 * - A position is dated by its `last_updated` day (`as_of_date`); Spock holds one row per ticker.
 */
import { portfolioHoldings, portfolioTransactions } from "../../../../schema/index.ts";
import { defineTable, type LoadRow } from "../../table-spec.ts";
import {
  nonNegative, optionalDate, optionalNumber, optionalText, optionalTimestamp, reject, requiredDate, requiredNumber,
  requiredText, requiredTimestamp, type SqlValue,
} from "../../../core/values.ts";

export const SPOCK_PORTFOLIO = "spock";

function side(value: SqlValue): "BUY" | "SELL" {
  const text = requiredText(value, "side").trim().toUpperCase();
  if (text === "BUY" || text === "SELL") return text;
  return reject(`side: ${JSON.stringify(value)} is not BUY or SELL`);
}

export const spockTrades = defineTable({
  source: "trades",
  target: portfolioTransactions,
  required: ["id", "ticker", "region", "side", "quantity", "price", "amount", "order_time"],
  optional: [
    "order_type", "entry_price", "exit_price", "fee", "tax", "order_no", "execution_no", "entry_timestamp",
    "exit_timestamp", "execution_time", "trade_status", "sector", "position_size_percent", "reason", "created_at",
  ],
  key: ["sourceKey"],
  transform(r, c): LoadRow<typeof portfolioTransactions.$inferInsert> {
    const ticker = requiredText(r.ticker, "ticker");
    const local = { withT: c.zones.withT, withSpace: c.zones.withT };
    return {
      portfolio: SPOCK_PORTFOLIO,
      sourceKey: `spock:trades:${requiredText(r.id, "id")}`,
      ticker,
      region: c.resolver.region(ticker, optionalText(r.region, "region")),
      side: side(r.side),
      orderType: optionalText(r.order_type, "order_type"),
      quantity: nonNegative(requiredNumber(r.quantity, "quantity"), "quantity"),
      price: nonNegative(requiredNumber(r.price, "price"), "price"),
      amount: requiredNumber(r.amount, "amount"),
      fee: optionalNumber(r.fee, "fee"),
      tax: optionalNumber(r.tax, "tax"),
      entryPrice: optionalNumber(r.entry_price, "entry_price"),
      exitPrice: optionalNumber(r.exit_price, "exit_price"),
      orderNo: optionalText(r.order_no, "order_no"),
      executionNo: optionalText(r.execution_no, "execution_no"),
      status: optionalText(r.trade_status, "trade_status"),
      sector: optionalText(r.sector, "sector"),
      positionSizePct: optionalNumber(r.position_size_percent, "position_size_percent"),
      reason: optionalText(r.reason, "reason"),
      orderedAt: requiredTimestamp(r.order_time, "order_time", local),
      executedAt: optionalTimestamp(r.execution_time, "execution_time", local),
      entryAt: optionalTimestamp(r.entry_timestamp, "entry_timestamp", local),
      exitAt: optionalTimestamp(r.exit_timestamp, "exit_timestamp", local),
      createdAt: optionalTimestamp(r.created_at, "created_at", c.zones) ?? c.loadedAt,
    };
  },
});

export const spockPortfolio = defineTable({
  source: "portfolio",
  target: portfolioHoldings,
  required: ["ticker", "quantity", "last_updated"],
  optional: [
    "avg_price", "current_price", "market_value", "unrealized_pnl", "unrealized_pnl_pct", "stop_loss_price",
    "profit_target_price", "entry_date", "entry_score",
  ],
  key: ["portfolio", "ticker", "region", "asOfDate"],
  transform(r, c): LoadRow<typeof portfolioHoldings.$inferInsert> {
    const ticker = requiredText(r.ticker, "ticker");
    return {
      portfolio: SPOCK_PORTFOLIO,
      ticker,
      region: c.resolver.region(ticker, null),
      asOfDate: requiredDate(r.last_updated, "last_updated"),
      quantity: nonNegative(requiredNumber(r.quantity, "quantity"), "quantity"),
      avgPrice: optionalNumber(r.avg_price, "avg_price"),
      currentPrice: optionalNumber(r.current_price, "current_price"),
      marketValue: optionalNumber(r.market_value, "market_value"),
      unrealizedPnl: optionalNumber(r.unrealized_pnl, "unrealized_pnl"),
      unrealizedPnlPct: optionalNumber(r.unrealized_pnl_pct, "unrealized_pnl_pct"),
      stopLossPrice: optionalNumber(r.stop_loss_price, "stop_loss_price"),
      profitTargetPrice: optionalNumber(r.profit_target_price, "profit_target_price"),
      entryDate: optionalDate(r.entry_date, "entry_date"),
      entryScore: optionalNumber(r.entry_score, "entry_score"),
      updatedAt: requiredTimestamp(r.last_updated, "last_updated", c.zones),
    };
  },
});
