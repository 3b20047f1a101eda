/**
 * Yahoo symbol ↔ platform instrument `(ticker, region)`.
 *
 * Region comes from the symbol's suffix: `.KS`/`.KQ` → KR, `.T` → JP, `.HK` → HK, `.SS`/`.SZ` → CN,
 * `.DE` → DE, no suffix → US. An explicit region (CLI `--region SYMBOL=REGION` or the universe file)
 * wins. Crypto pairs (`BTC-USD`) get region `CRYPTO`, decided by Yahoo's `instrumentType`
 * (CRYPTOCURRENCY) because their spelling cannot be told from a US class share (`BRK-B`); keeping
 * them out of `US` keeps them out of US equity cross-sections. A suffix not in the table is an error
 * naming the fix (an explicit region), never a guess.
 *
 * The ticker is the platform's own form: the symbol without its suffix (`005930.KS` → `005930`), and
 * for US listings Yahoo's class-share dash becomes the exchange's dot (`BRK-B` → `BRK.B`). The Yahoo
 * symbol itself is kept on the instrument (`tickers.yahoo_symbol`).
 */
import { PlatformError } from "../errors.ts";

export const SUFFIX_REGIONS: Readonly<Record<string, string>> = {
  KS: "KR",
  KQ: "KR",
  T: "JP",
  HK: "HK",
  SS: "CN",
  SZ: "CN",
  DE: "DE",
};

export const CRYPTO_REGION = "CRYPTO";

export interface Instrument {
  symbol: string;
  ticker: string;
  region: string;
}

/** A symbol whose suffix has no region; `reason` says so without the fetch CLI's remedy (the message adds it). */
export class UnmappedSymbolError extends PlatformError {
  override name = "UnmappedSymbolError";

  constructor(readonly reason: string, remedy: string) {
    super("unmapped-symbol", `${reason}; ${remedy}`);
  }
}

function splitSuffix(symbol: string): { base: string; suffix: string | undefined } {
  const dot = symbol.lastIndexOf(".");
  return dot <= 0 ? { base: symbol, suffix: undefined } : { base: symbol.slice(0, dot), suffix: symbol.slice(dot + 1) };
}

/**
 * The instrument a Yahoo symbol maps to. `instrumentType` (from chart meta) is optional so the
 * mapping can be checked before any request; `region` overrides the suffix rule.
 */
export function instrumentFor(symbol: string, options: { region?: string; instrumentType?: string } = {}): Instrument {
  const { base, suffix } = splitSuffix(symbol);
  const suffixRegion = suffix === undefined ? "US" : SUFFIX_REGIONS[suffix.toUpperCase()];
  if (options.region === undefined && suffixRegion === undefined) {
    throw new UnmappedSymbolError(`no region for Yahoo suffix .${suffix} (symbol ${symbol})`, `give one explicitly, e.g. --region ${symbol}=GB`);
  }
  const region = options.region ?? (options.instrumentType === "CRYPTOCURRENCY" ? CRYPTO_REGION : suffixRegion!);
  const ticker = suffix !== undefined ? base : region === "US" ? symbol.replaceAll("-", ".") : symbol;
  return { symbol, ticker, region };
}

/** Yahoo's `instrumentType` in the platform's asset-type words (tickers.asset_type); unknown ones pass through. */
const ASSET_TYPES: Readonly<Record<string, string>> = {
  EQUITY: "STOCK",
  ETF: "ETF",
  MUTUALFUND: "FUND",
  INDEX: "INDEX",
  CRYPTOCURRENCY: "CRYPTO",
  CURRENCY: "CURRENCY",
  FUTURE: "FUTURE",
};

export function assetTypeOf(instrumentType: string | undefined): string | null {
  if (!instrumentType) return null;
  return ASSET_TYPES[instrumentType] ?? instrumentType;
}
