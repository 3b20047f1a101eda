import { describe, expect, it } from "vitest";
import { assetTypeOf, instrumentFor, UnmappedSymbolError } from "../../src/ingest/symbols.ts";

describe("Yahoo symbol → (ticker, region)", () => {
  it.each([
    ["005930.KS", "005930", "KR"],
    ["035720.KQ", "035720", "KR"],
    ["7203.T", "7203", "JP"],
    ["0700.HK", "0700", "HK"],
    ["600519.SS", "600519", "CN"],
    ["000001.SZ", "000001", "CN"],
    ["SAP.DE", "SAP", "DE"],
    ["AAPL", "AAPL", "US"],
    ["BRK-B", "BRK.B", "US"],
  ])("%s → %s in %s", (symbol, ticker, region) => {
    expect(instrumentFor(symbol)).toEqual({ symbol, ticker, region });
  });

  it("puts crypto pairs in region CRYPTO by Yahoo's instrument type, keeping the pair as ticker", () => {
    expect(instrumentFor("BTC-USD", { instrumentType: "CRYPTOCURRENCY" })).toEqual({ symbol: "BTC-USD", ticker: "BTC-USD", region: "CRYPTO" });
    expect(instrumentFor("BRK-B", { instrumentType: "EQUITY" })).toEqual({ symbol: "BRK-B", ticker: "BRK.B", region: "US" });
  });

  it("lets an explicit region win over the suffix and the instrument type", () => {
    expect(instrumentFor("7203.T", { region: "XJ" })).toEqual({ symbol: "7203.T", ticker: "7203", region: "XJ" });
    expect(instrumentFor("VOD.L", { region: "GB" })).toEqual({ symbol: "VOD.L", ticker: "VOD", region: "GB" });
    expect(instrumentFor("BTC-USD", { region: "US", instrumentType: "CRYPTOCURRENCY" })).toEqual({ symbol: "BTC-USD", ticker: "BTC.USD", region: "US" });
  });

  it("refuses a suffix it has no region for, naming the fix", () => {
    expect(() => instrumentFor("VOD.L")).toThrow(UnmappedSymbolError);
    expect(() => instrumentFor("VOD.L")).toThrow("no region for Yahoo suffix .L (symbol VOD.L); give one explicitly, e.g. --region VOD.L=GB");
  });

  it("names asset types in the platform's words", () => {
    expect([assetTypeOf("EQUITY"), assetTypeOf("ETF"), assetTypeOf("CRYPTOCURRENCY"), assetTypeOf("MUTUALFUND"), assetTypeOf("WARRANT"), assetTypeOf(undefined)]).toEqual([
      "STOCK",
      "ETF",
      "CRYPTO",
      "FUND",
      "WARRANT",
      null,
    ]);
  });
});
