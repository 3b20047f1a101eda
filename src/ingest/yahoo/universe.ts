/**
 * The symbol list of a fetch run, from `--symbols`, a universe file and `--region` overrides.
 *
 * Universe file: one Yahoo symbol per line, optionally followed by a region (`005930.KS,KR` or
 * `VOD.L GB`); blank lines and `#` comments are ignored. Symbols keep their first occurrence's
 * position; an override from `--region SYMBOL=REGION` wins over the file. Anything malformed is a
 * InputError naming the line or entry.
 */
import type { SymbolRequest } from "./ingest.ts";
import { InputError } from "../../errors.ts";

const YAHOO_SYMBOL = /^[A-Za-z0-9^][A-Za-z0-9.^=&-]*$/;
const REGION = /^[A-Z]{2,8}$/;

function checkSymbol(symbol: string, where: string): string {
  if (!YAHOO_SYMBOL.test(symbol)) throw new InputError(`${where}: "${symbol}" is not a Yahoo symbol (letters, digits and . ^ = & -)`);
  return symbol;
}

function checkRegion(region: string, where: string): string {
  if (!REGION.test(region)) throw new InputError(`${where}: region "${region}" should be an upper-case code such as US, KR, JP`);
  return region;
}

export function parseUniverse(text: string, name: string): SymbolRequest[] {
  return text.split(/\r?\n/).flatMap((raw, i) => {
    const line = raw.replace(/#.*/, "").trim();
    if (line === "") return [];
    const where = `${name} line ${i + 1}`;
    const fields = line.split(/[\s,]+/);
    if (fields.length > 2) throw new InputError(`${where}: expected "SYMBOL" or "SYMBOL,REGION", got "${line}"`);
    const symbol = checkSymbol(fields[0], where);
    return [fields[1] === undefined ? { symbol } : { symbol, region: checkRegion(fields[1], where) }];
  });
}

/** Symbols given as a list or as one comma-separated string; blanks are skipped. */
export function parseSymbolsFlag(value: string | readonly string[]): SymbolRequest[] {
  return (typeof value === "string" ? [value] : value)
    .flatMap((entry) => entry.split(","))
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((symbol) => ({ symbol: checkSymbol(symbol, "--symbols") }));
}

/** `SYMBOL=REGION` entries (each flag value may hold several, comma-separated). */
export function parseRegionOverrides(values: readonly string[]): Map<string, string> {
  const overrides = new Map<string, string>();
  for (const entry of values.flatMap((v) => v.split(",")).map((e) => e.trim()).filter(Boolean)) {
    const [symbol, region, extra] = entry.split("=");
    if (region === undefined || extra !== undefined) throw new InputError(`--region: expected SYMBOL=REGION, got "${entry}"`);
    overrides.set(checkSymbol(symbol, "--region"), checkRegion(region, "--region"));
  }
  return overrides;
}

/** Symbols in first-seen order, each once, with overrides applied. */
export function symbolList(lists: readonly SymbolRequest[][], overrides: ReadonlyMap<string, string>): SymbolRequest[] {
  const bySymbol = new Map<string, SymbolRequest>();
  for (const request of lists.flat()) if (!bySymbol.has(request.symbol)) bySymbol.set(request.symbol, request);
  for (const [symbol, region] of overrides) {
    if (!bySymbol.has(symbol)) throw new InputError(`--region names ${symbol}, which is not among the symbols to fetch`);
    bySymbol.set(symbol, { symbol, region });
  }
  return [...bySymbol.values()];
}
