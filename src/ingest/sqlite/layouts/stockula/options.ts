/**
 * Stockula's `options_calls` and `options_puts` → `option_quotes` (`option_type` call / put; the
 * underlying's instrument from its Yahoo symbol, symbols.ts).
 *
 * A NULL `contract_symbol` becomes "" (the target's key cannot hold NULL), so two rows SQLite let
 * coexist under NULL merge into one. Volume and open interest are counts: a fraction is rejected.
 */
import { optionQuotes } from "../../../../schema/index.ts";
import { defineTable, type LoadRow, type TableSpec } from "../../table-spec.ts";
import {
  nonNegative, optionalBoolean, optionalInteger, optionalNumber, optionalText, optionalTimestamp, requiredDate,
  requiredNumber, type SqlValue,
} from "../../../core/values.ts";
import { stockulaInstrument } from "./symbols.ts";

const count = (value: SqlValue, column: string) => {
  const n = optionalInteger(value, column);
  return n === null ? null : nonNegative(n, column);
};

function optionsTable(source: string, optionType: "call" | "put"): TableSpec {
  return defineTable({
    source,
    target: optionQuotes,
    required: ["symbol", "expiration_date", "strike"],
    optional: ["contract_symbol", "last_price", "bid", "ask", "volume", "open_interest", "implied_volatility", "in_the_money", "created_at", "updated_at"],
    transform(r, c): LoadRow<typeof optionQuotes.$inferInsert> {
      const { ticker, region } = stockulaInstrument(r.symbol, c);
      return {
        ticker,
        region,
        optionType,
        expirationDate: requiredDate(r.expiration_date, "expiration_date"),
        strike: nonNegative(requiredNumber(r.strike, "strike"), "strike"),
        contractSymbol: optionalText(r.contract_symbol, "contract_symbol") ?? "",
        lastPrice: optionalNumber(r.last_price, "last_price"),
        bid: optionalNumber(r.bid, "bid"),
        ask: optionalNumber(r.ask, "ask"),
        volume: count(r.volume, "volume"),
        openInterest: count(r.open_interest, "open_interest"),
        impliedVolatility: optionalNumber(r.implied_volatility, "implied_volatility"),
        inTheMoney: optionalBoolean(r.in_the_money, "in_the_money"),
        createdAt: optionalTimestamp(r.created_at, "created_at", c.zones) ?? c.loadedAt,
        updatedAt: optionalTimestamp(r.updated_at, "updated_at", c.zones),
      };
    },
  });
}

export const stockulaCalls = optionsTable("options_calls", "call");
export const stockulaPuts = optionsTable("options_puts", "put");
