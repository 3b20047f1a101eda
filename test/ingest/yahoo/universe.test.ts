import { describe, expect, it } from "vitest";
import { parseRegionOverrides, parseSymbolsFlag, parseUniverse, symbolList } from "../../../src/ingest/yahoo/universe.ts";
import { InputError } from "../../../src/errors.ts";

describe("symbol lists", () => {
  it("reads a universe file with optional regions, comments and blank lines", () => {
    expect(parseUniverse("# KOSPI\n005930.KS\nVOD.L, GB\n\nBRK-B US  # class B\n", "u.txt")).toEqual([
      { symbol: "005930.KS" },
      { symbol: "VOD.L", region: "GB" },
      { symbol: "BRK-B", region: "US" },
    ]);
  });

  it("names the line of a malformed entry", () => {
    expect(() => parseUniverse("AAPL\nMSFT US extra\n", "u.txt")).toThrow(new InputError('u.txt line 2: expected "SYMBOL" or "SYMBOL,REGION", got "MSFT US extra"'));
    expect(() => parseUniverse("AAPL,us\n", "u.txt")).toThrow(new InputError('u.txt line 1: region "us" should be an upper-case code such as US, KR, JP'));
  });

  it("joins --symbols, the file and --region overrides, each symbol once in first-seen order", () => {
    const list = symbolList([parseSymbolsFlag("AAPL, 7203.T,,AAPL"), parseUniverse("VOD.L,GB\n7203.T\n", "u")], parseRegionOverrides(["7203.T=JP,VOD.L=UK"]));
    expect(list).toEqual([{ symbol: "AAPL" }, { symbol: "7203.T", region: "JP" }, { symbol: "VOD.L", region: "UK" }]);
  });

  it("refuses malformed symbols and overrides", () => {
    expect(() => parseSymbolsFlag("AAPL,MS FT")).toThrow('--symbols: "MS FT" is not a Yahoo symbol (letters, digits and . ^ = & -)');
    expect(() => parseRegionOverrides(["AAPL"])).toThrow('--region: expected SYMBOL=REGION, got "AAPL"');
    expect(() => symbolList([[{ symbol: "AAPL" }]], new Map([["MSFT", "US"]]))).toThrow("--region names MSFT, which is not among the symbols to fetch");
  });
});
