/**
 * kite_app's names, checked and resolved one way for the bar-store API (bar-store.ts) and the HDF5
 * export (src/export/hdf5/selection.ts), so both accept and refuse the same names with the same line.
 *
 * - Exchanges (NSE, BSE, NFO, BFO) and intervals (`minute` … `60minute`, `day`) as Kite names them;
 *   anything else is an InputError naming the flag and what Kite has.
 * - A symbol on an exchange means the instrument of that name (its path symbol, `M_M`; instruments
 *   are `(ticker, region)` = (symbol, exchange), src/kite/instruments.ts), else the one instruments.h5
 *   listed under that Kite trading symbol (`M&M`, `kite_instruments`); a name that is both an
 *   instrument's symbol and another's trading symbol means the first. Names are looked up in
 *   `tickers` and `kite_instruments`, never in the bars, and never guessed by kite_app's path rule
 *   (`M&M` and `M-M` both become `M_M`): a name only that rule maps to an instrument is refused with
 *   the instrument's name as the hint.
 */
import type { Session } from "../db/index.ts";
import { InputError } from "../errors.ts";
import { isKiteExchange, KITE_EXCHANGES, pathSymbol, type KiteExchange } from "../kite/instruments.ts";
import { isKiteInterval, KITE_INTERVALS, type KiteInterval } from "../kite/intervals.ts";

/** `names` without repeats, or an InputError naming those not in `all`. */
function known<T extends string>(names: readonly string[], flag: string, what: string, all: readonly T[], is: (name: string) => name is T): T[] {
  const unknown = names.filter((n) => !is(n));
  const hint = `(${all.join(", ")})`;
  if (unknown.length === 1) throw new InputError(`${flag} ${unknown[0]} is not a Kite ${what} ${hint}`);
  if (unknown.length > 1) throw new InputError(`${flag} ${unknown.join(", ")} are not Kite ${what}s ${hint}`);
  return [...new Set(names as T[])];
}

/** The exchanges named, or an InputError. */
export const kiteExchanges = (names: readonly string[], flag = "--exchanges") => known(names, flag, "exchange", KITE_EXCHANGES, isKiteExchange);
/** The intervals named, or an InputError. */
export const kiteIntervals = (names: readonly string[], flag = "--intervals") => known(names, flag, "interval", KITE_INTERVALS, isKiteInterval);
/** The exchange named, or an InputError. */
export const kiteExchange = (name: string): KiteExchange => kiteExchanges([name], "--exchange")[0];
/** The interval named, or an InputError. */
export const kiteInterval = (name: string): KiteInterval => kiteIntervals([name], "--interval")[0];

export interface ResolvedSymbol {
  /** The name as given. */
  given: string;
  exchange: KiteExchange;
  /** The instrument's path symbol (its ticker). */
  symbol: string;
}

/**
 * The instrument each of `names` means on each of `exchanges` where it means one, in the order
 * given; an InputError for the first name meaning none on any of them, with the path form of the
 * name as the hint when that is an instrument there.
 */
export async function resolveSymbols(session: Session, exchanges: readonly KiteExchange[], names: readonly string[]): Promise<ResolvedSymbol[]> {
  const given = [...new Set(names)];
  // Rank 0: an instrument of that name; 1: listed under that trading symbol; 2: the path rule's guess (a hint only).
  const rows = await session.query<{ given: string; exchange: KiteExchange; ticker: string; rank: number }>(
    `SELECT n.given, t.region AS exchange, t.ticker, 0 AS rank
       FROM unnest($2::text[]) AS n(given) JOIN tickers t ON t.region = ANY($1::text[]) AND t.ticker = n.given
     UNION ALL
     SELECT n.given, k.region, k.ticker, 1
       FROM unnest($2::text[]) AS n(given) JOIN kite_instruments k ON k.region = ANY($1::text[]) AND k.trading_symbol = n.given
     UNION ALL
     SELECT n.given, t.region, t.ticker, 2
       FROM unnest($2::text[], $3::text[]) AS n(given, path) JOIN tickers t ON t.region = ANY($1::text[]) AND t.ticker = n.path`,
    [exchanges, given, given.map(pathSymbol)],
  );
  const resolved: ResolvedSymbol[] = [];
  for (const name of given) {
    const named = rows.filter((r) => r.given === name);
    const found = exchanges.flatMap((exchange) => {
      const best = named.filter((r) => r.exchange === exchange && r.rank < 2).sort((a, b) => a.rank - b.rank)[0];
      return best ? [{ given: name, exchange, symbol: best.ticker }] : [];
    });
    if (found.length === 0) throw noSymbol(exchanges, name, named.length > 0);
    resolved.push(...found);
  }
  return resolved;
}

/** The instrument `given` means on `exchange` (its path symbol), or an InputError. */
export async function resolveSymbol(session: Session, exchange: KiteExchange, given: string): Promise<string> {
  return (await resolveSymbols(session, [exchange], [given]))[0].symbol;
}

function noSymbol(exchanges: readonly KiteExchange[], given: string, pathFormExists: boolean): InputError {
  const has = `${exchanges.join(", ")} ${exchanges.length === 1 ? "has" : "have"} no symbol ${given}`;
  if (pathFormExists) {
    return new InputError(`${has}: give it as kite_app's path names it, ${pathSymbol(given)} (a Kite trading symbol is known only where instruments.h5 was imported)`);
  }
  return new InputError(`${has} (a symbol is named as kite_app's paths name it, or as Kite trades it where instruments.h5 was imported)`);
}
