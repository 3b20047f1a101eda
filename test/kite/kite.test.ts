/** kite_app's conventions in the platform: the instrument rule, interval names, IST time, records, the instrument list. */
import { describe, expect, it } from "vitest";
import { instrumentOf, kiteSymbolOf, pathSymbol } from "../../src/kite/instruments.ts";
import { intervalOf, KITE_INTERVALS, timeframeOf } from "../../src/kite/intervals.ts";
import { assetTypeOf, parseInstrumentList } from "../../src/kite/instrument-list.ts";
import { encodeRecords, RECORD_TYPES, RecordView, RecordWriter, recordChecksum, recordSegmentOf } from "../../src/kite/records.ts";
import { exchangeDate, exchangeLocalIso, exchangeMidnight, istNaiveTime, istWallTime } from "../../src/kite/time.ts";

const at = (iso: string) => Date.parse(iso) / 1000;

describe("instrument rule: (exchange, symbol) ↔ (ticker, region)", () => {
  it("maps the path symbol and exchange both ways", () => {
    expect(instrumentOf("NSE", "M_M")).toEqual({ ticker: "M_M", region: "NSE" });
    expect(kiteSymbolOf("M_M", "NSE")).toEqual({ exchange: "NSE", symbol: "M_M" });
    expect(kiteSymbolOf("NIFTY25OCTFUT", "NFO")).toEqual({ exchange: "NFO", symbol: "NIFTY25OCTFUT" });
  });

  it("never lets one symbol on NSE and BSE collide", () => {
    expect(instrumentOf("NSE", "M_M")).not.toEqual(instrumentOf("BSE", "M_M"));
  });

  it("mangles trading symbols as kite_app's paths do, and leaves path symbols alone", () => {
    expect(["M&M", "BAJAJ-AUTO", "NIFTY 50", "J&KBANK", "m&m", "M_M"].map(pathSymbol)).toEqual(["M_M", "BAJAJ_AUTO", "NIFTY_50", "J_KBANK", "M_M", "M_M"]);
  });

  it("refuses an instrument of another region", () => {
    expect(() => kiteSymbolOf("AAPL", "US")).toThrow("AAPL (US) is not a kite_app instrument: its region is not a Kite exchange (NSE, BSE, NFO, BFO)");
  });
});

it("interval names map to timeframes and back", () => {
  expect(KITE_INTERVALS.map(timeframeOf)).toEqual(["1m", "3m", "5m", "10m", "15m", "30m", "60m", "1d"]);
  expect(KITE_INTERVALS.map((i) => intervalOf(timeframeOf(i)))).toEqual([...KITE_INTERVALS]);
});

describe("IST and UTC", () => {
  it("dates a daily stamp at 18:30Z by the next calendar day, IST's", () => {
    expect(exchangeDate(at("2025-10-14T18:30:00Z"))).toBe("2025-10-15");
    expect(exchangeDate(at("2025-10-14T18:29:59Z"))).toBe("2025-10-14");
    expect(exchangeMidnight("2025-10-15")).toBe(at("2025-10-14T18:30:00Z"));
    expect(exchangeMidnight("2025-01-01")).toBe(at("2024-12-31T18:30:00Z"));
  });

  it("around midnight: UTC 23:59 is already the next IST day, IST 23:59 still the same", () => {
    expect(exchangeDate(at("2025-03-31T23:59:00Z"))).toBe("2025-04-01");
    expect(exchangeLocalIso(at("2025-03-31T23:59:00Z"))).toBe("2025-04-01T05:29:00+05:30");
    expect(exchangeDate(at("2025-03-31T18:29:00Z"))).toBe("2025-03-31");
    expect(exchangeLocalIso(at("2025-01-02T03:45:00Z"))).toBe("2025-01-02T09:15:00+05:30");
  });

  it("reads kite_app's naive local times as IST", () => {
    expect(istWallTime("2025-10-22T08:55:51.823271")).toBe("2025-10-22 08:55:51.823271+05:30");
    expect([istWallTime("yesterday"), istWallTime(undefined), istWallTime(5n)]).toEqual([null, null, null]);
  });

  it("writes an instant as kite_app's naive IST time, which reads back as the same instant", () => {
    expect(istNaiveTime(new Date("2025-10-22T03:25:51.823Z"))).toBe("2025-10-22T08:55:51.823000");
    expect(istNaiveTime(new Date("2025-12-31T18:30:00Z"))).toBe("2026-01-01T00:00:00.000000");
    expect(istWallTime(istNaiveTime(new Date("2025-10-22T03:25:51.823Z")))).toBe("2025-10-22 08:55:51.823000+05:30");
  });
});

describe("records", () => {
  const records = [
    { timestamp: 1_760_499_900, open: 1978.2, high: 1983.2333, low: 1976.7, close: 1981.2, volume: 20_480, oi: 7 },
    { timestamp: 1_760_500_200, open: Number.NaN, high: 1, low: 0, close: -1, volume: -5, oi: 0 },
  ];

  it("pack little-endian and read back with float32 prices exactly", () => {
    for (const segment of ["EQUITY", "DERIVATIVES"] as const) {
      const bytes = encodeRecords(records, segment);
      expect(bytes.length).toBe(2 * RECORD_TYPES[segment].size);
      const v = new RecordView(bytes, RECORD_TYPES[segment].size);
      expect([v.count, v.timestamp(0), v.open(0), v.high(0), v.volume(0)]).toEqual([2, 1_760_499_900, Math.fround(1978.2), Math.fround(1983.2333), 20_480]);
      expect([Number.isNaN(v.open(1)), v.close(1), v.volume(1), v.safeInt64(24)]).toEqual([true, -1, -5, true]);
      if (segment === "DERIVATIVES") expect(v.oi(0)).toBe(7);
    }
  });

  it("are written by RecordWriter with int64 fields exactly as BigInt writes them", () => {
    const writer = new RecordWriter("DERIVATIVES", 3);
    const ints = [[0, -1, 2 ** 53 - 1], [-(2 ** 53) + 1, 4_294_967_296, -4_294_967_297], [1_760_499_900, 4_294_967_295, -5]];
    ints.forEach(([a, b, c], i) => writer.set(i, a, 1.5, 2, 1, 1.25, b, c));
    const view = new DataView(writer.bytes.buffer);
    expect([0, 1, 2].map((i) => [0, 24, 32].map((at) => view.getBigInt64(i * 40 + at, true)))).toEqual(ints.map((r) => r.map(BigInt)));
    expect([view.getFloat32(8, true), view.getFloat32(20, true), writer.size, writer.bytes.length]).toEqual([1.5, 1.25, 40, 120]);
  });

  it("hash to kite_app's SHA-256 and recognise their layout from HDF5's description", () => {
    expect(recordChecksum(new Uint8Array())).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    const members = (segment: "EQUITY" | "DERIVATIVES") =>
      RECORD_TYPES[segment].members.map((m) => ({ name: m.name, offset: m.offset, size: (m.type as { size: number }).size, type: m.type.class === "int" ? 0 : 1, signed: true, littleEndian: true }));
    expect(recordSegmentOf(32, members("EQUITY"))).toBe("EQUITY");
    expect(recordSegmentOf(40, members("DERIVATIVES"))).toBe("DERIVATIVES");
    expect(recordSegmentOf(32, members("EQUITY").map((m, i) => (i === 5 ? { ...m, name: "vol" } : m)))).toBeUndefined();
  });
});

describe("Kite's instrument list", () => {
  const header = "instrument_token,exchange_token,tradingsymbol,name,last_price,expiry,strike,tick_size,lot_size,instrument_type,segment,exchange";

  it("reads quoted names, empty cells as null, and skips rows that do not read", () => {
    const csv = `${header}\n359169,1403,J&KBANK,"JAMMU & KASHMIR BANK, LTD.",0.0,,0.0,0.05,1,EQ,NSE,NSE\n393218,1536,NIFTY25OCT24950CE,NIFTY,0.0,2025-10-28,24950.0,0.05,75,CE,NFO-OPT,NFO\n,1,NOTOKEN,,,,,,,,,NSE\n5,1,BADDATE,,,2025-13-01,,,,FUT,NFO-FUT,NFO\n`;
    const { listings, skipped } = parseInstrumentList(csv, "test list");
    expect(skipped).toBe(2);
    expect(listings).toEqual([
      { instrumentToken: 359169, exchangeToken: 1403, tradingSymbol: "J&KBANK", symbol: "J_KBANK", name: "JAMMU & KASHMIR BANK, LTD.", expiry: null, strike: 0, tickSize: 0.05, lotSize: 1, instrumentType: "EQ", segment: "NSE", exchange: "NSE" },
      { instrumentToken: 393218, exchangeToken: 1536, tradingSymbol: "NIFTY25OCT24950CE", symbol: "NIFTY25OCT24950CE", name: "NIFTY", expiry: "2025-10-28", strike: 24950, tickSize: 0.05, lotSize: 75, instrumentType: "CE", segment: "NFO-OPT", exchange: "NFO" },
    ]);
    expect(listings.map(assetTypeOf)).toEqual(["STOCK", "OPTION"]);
    expect(assetTypeOf({ ...listings[0], segment: "INDICES" })).toBe("INDEX");
  });

  it("refuses a list without Kite's columns", () => {
    expect(() => parseInstrumentList("token,symbol\n1,X\n", "/NSE/data")).toThrow(
      "/NSE/data lacks Kite's instrument list column(s) instrument_token, exchange_token, tradingsymbol, name, last_price, expiry, strike, tick_size, lot_size, instrument_type, segment, exchange",
    );
  });
});
