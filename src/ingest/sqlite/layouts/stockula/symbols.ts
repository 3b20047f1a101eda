/**
 * The platform instrument of a Stockula row. Stockula keys every table by a Yahoo Finance symbol
 * (yfinance), so the instrument is the one the Yahoo ingest maps that symbol to (src/ingest/symbols.ts):
 * `BRK-B` → (`BRK.B`, US), `005930.KS` → (`005930`, KR), `FXAIX` → (`FXAIX`, US), and an index keeps
 * its caret, `^IRX` → (`^IRX`, US), as the Yahoo ingest stores it (indices are told apart by
 * `asset_type`, not by region). yfinance's quoteType from `stock_info` plays the part of the chart's
 * instrumentType: a CRYPTOCURRENCY symbol (`BTC-USD`) goes to region CRYPTO, unchanged; a crypto
 * pair with no stock_info row cannot be told from a US class share and maps as one. Data from both
 * sources thus lands on the same instruments.
 *
 * A symbol the mapping cannot place (a suffix with no region, e.g. `VOD.L`) rejects its row with the
 * reason: there is no override here as there is on the fetch CLI.
 */
import type { TransformContext } from "../../table-spec.ts";
import { reject, requiredText, type SqlValue } from "../../../core/values.ts";
import { type Instrument, instrumentFor, UnmappedSymbolError } from "../../../symbols.ts";

export function stockulaInstrument(value: SqlValue, context: TransformContext): Instrument {
  const symbol = requiredText(value, "symbol");
  try {
    return instrumentFor(symbol, { instrumentType: context.instrumentTypes.get(symbol) });
  } catch (err) {
    if (err instanceof UnmappedSymbolError) reject(`symbol: ${err.reason}; add the suffix's region to SUFFIX_REGIONS in src/ingest/symbols.ts to load it`);
    throw err;
  }
}
