import { describe, expect, it } from "vitest";
import { InstrumentResolver } from "../../../src/ingest/sqlite/instruments.ts";
import { leverageFromText } from "../../../src/ingest/sqlite/layouts/spock/instruments.ts";
import { periodEnd, quarterEndBefore } from "../../../src/ingest/sqlite/layouts/spock/research.ts";
import { splitTerms } from "../../../src/ingest/core/splits.ts";
import { normalizeTimeframe } from "../../../src/ingest/sqlite/timeframe.ts";
import {
  nonNegative, optionalBoolean, optionalDate, optionalInteger, optionalNumber, optionalText, optionalTimestamp,
  requiredDate, requiredJson, requiredNumber, requiredText, RowReject,
} from "../../../src/ingest/core/values.ts";

const SPOCK_ZONES = { withT: "Asia/Seoul", withSpace: "UTC" };

function rejection(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    if (err instanceof RowReject) return err.message;
    throw err;
  }
  throw new Error("expected a RowReject");
}

describe("text", () => {
  it("keeps tickers exactly as written: leading zeros, letters, dots, dashes, carets", () => {
    for (const t of ["005930", "0000D0", "00088K", "33626L", "BRK.B", "BRK-B", "^IRX"]) expect(requiredText(t, "ticker")).toBe(t);
  });
  it("turns empty optional text into NULL and rejects empty required text", () => {
    expect(optionalText("", "name")).toBeNull();
    expect(optionalText("  ", "name")).toBeNull();
    expect(optionalText(null, "name")).toBeNull();
    expect(optionalText("Samsung", "name")).toBe("Samsung");
    expect(rejection(() => requiredText("", "ticker"))).toBe("ticker: missing required value");
    expect(rejection(() => requiredText(null, "ticker"))).toBe("ticker: missing required value");
    expect(rejection(() => optionalText("a\u0000b", "name"))).toBe("name: text contains a NUL character");
  });
});

describe("numbers", () => {
  it("accepts numbers and strictly numeric text", () => {
    expect(requiredNumber(1.5, "close")).toBe(1.5);
    expect(requiredNumber("1.5e3", "close")).toBe(1500);
    expect(requiredNumber(12n, "volume")).toBe(12);
    expect(optionalNumber("", "ma5")).toBeNull();
    expect(optionalNumber(null, "ma5")).toBeNull();
  });
  it("rejects text, NaN and infinities, and missing required values", () => {
    expect(rejection(() => requiredNumber("abc", "close"))).toBe('close: "abc" where a number belongs');
    expect(rejection(() => requiredNumber("NaN", "volume"))).toBe('volume: "NaN" where a number belongs');
    expect(rejection(() => requiredNumber(NaN, "volume"))).toBe("volume: NaN");
    expect(rejection(() => requiredNumber(Infinity, "high"))).toBe("high: infinite value Infinity");
    expect(rejection(() => requiredNumber(-Infinity, "low"))).toBe("low: infinite value -Infinity");
    expect(rejection(() => requiredNumber(null, "close"))).toBe("close: missing required value");
    expect(rejection(() => requiredNumber(Buffer.from("x"), "close"))).toBe("close: a binary value where a number belongs");
  });
  it("rejects negative prices and fractional counts", () => {
    expect(nonNegative(0, "volume")).toBe(0);
    expect(rejection(() => nonNegative(-5, "close"))).toBe("close: negative value -5");
    expect(optionalInteger(12, "volume")).toBe(12);
    expect(rejection(() => optionalInteger(12.5, "volume"))).toBe("volume: 12.5 where a whole number belongs");
  });
});

describe("booleans", () => {
  it("reads 0/1 and NULL, rejects anything else", () => {
    expect(optionalBoolean(1, "is_spac")).toBe(true);
    expect(optionalBoolean(0, "is_spac")).toBe(false);
    expect(optionalBoolean(null, "is_spac")).toBeNull();
    expect(rejection(() => optionalBoolean("yes", "is_spac"))).toBe('is_spac: "yes" where 0 or 1 belongs');
    expect(rejection(() => optionalBoolean(2, "is_spac"))).toBe("is_spac: 2 where 0 or 1 belongs");
  });
});

describe("dates", () => {
  it("reads YYYY-MM-DD, YYYYMMDD (text or integer) and dates carrying a time", () => {
    expect(requiredDate("2024-02-29", "date")).toBe("2024-02-29");
    expect(requiredDate("20240229", "listing_date")).toBe("2024-02-29");
    expect(requiredDate(20240229, "listing_date")).toBe("2024-02-29");
    expect(requiredDate("2024-02-29 00:00:00", "listing_date")).toBe("2024-02-29");
    expect(requiredDate("2025-10-14T17:55:51.282939", "created_at")).toBe("2025-10-14");
    expect(optionalDate("", "delisting_date")).toBeNull();
  });
  it("rejects impossible dates and other shapes", () => {
    expect(rejection(() => requiredDate("2023-02-29", "date"))).toBe('date: impossible date "2023-02-29"');
    expect(rejection(() => requiredDate("2023-02-30", "date"))).toBe('date: impossible date "2023-02-30"');
    expect(rejection(() => requiredDate("2024-13-01", "date"))).toBe('date: impossible date "2024-13-01"');
    expect(rejection(() => requiredDate("20231301", "inception_date"))).toBe('inception_date: impossible date "20231301"');
    expect(rejection(() => requiredDate("2024-0115", "date"))).toBe('date: "2024-0115" is not a date');
    expect(rejection(() => requiredDate("15/01/2024", "date"))).toBe('date: "15/01/2024" is not a date');
    expect(rejection(() => requiredDate("2024-01-15 25:00:00", "date"))).toBe('date: impossible time "2024-01-15 25:00:00"');
    expect(rejection(() => requiredDate(null, "date"))).toBe("date: missing required value");
  });
});

describe("timestamps", () => {
  it("reads T-timestamps in the local zone, space-separated ones in UTC, explicit offsets as given", () => {
    expect(optionalTimestamp("2025-10-14T17:55:51.282939", "created_at", SPOCK_ZONES)).toBe("2025-10-14 17:55:51.282939 Asia/Seoul");
    expect(optionalTimestamp("2025-10-14 08:55:51", "last_updated", SPOCK_ZONES)).toBe("2025-10-14 08:55:51 UTC");
    expect(optionalTimestamp("2025-10-14 08:55", "last_updated", SPOCK_ZONES)).toBe("2025-10-14 08:55:00 UTC");
    expect(optionalTimestamp("2025-10-14T08:55:51Z", "t", SPOCK_ZONES)).toBe("2025-10-14 08:55:51+00:00");
    expect(optionalTimestamp("2025-10-14T17:55:51+0900", "t", SPOCK_ZONES)).toBe("2025-10-14 17:55:51+09:00");
    expect(optionalTimestamp("2025-10-14", "t", SPOCK_ZONES)).toBe("2025-10-14 00:00:00 UTC");
    expect(optionalTimestamp("", "t", SPOCK_ZONES)).toBeNull();
    expect(rejection(() => optionalTimestamp("2025-02-29T10:00:00", "created_at", SPOCK_ZONES))).toBe('created_at: impossible date "2025-02-29T10:00:00"');
    expect(rejection(() => optionalTimestamp("2025-02-29T10:00:00.123456", "created_at", SPOCK_ZONES))).toBe('created_at: impossible date "2025-02-29T10:00:00.123456"');
    expect(rejection(() => optionalTimestamp("2025-02-28T24:00:00.123456", "created_at", SPOCK_ZONES))).toBe('created_at: impossible time "2025-02-28T24:00:00.123456"');
    expect(rejection(() => optionalTimestamp("2025-02-28 10:60:00", "t", SPOCK_ZONES))).toBe('t: impossible time "2025-02-28 10:60:00"');
  });
});

describe("JSON text", () => {
  it("parses JSON held in text and rejects text that is not JSON", () => {
    expect(requiredJson('{"a":[1,null,"x"]}', "info_json")).toEqual({ a: [1, null, "x"] });
    expect(rejection(() => requiredJson('{"a":', "info_json"))).toBe('info_json: not valid JSON ("{\\"a\\":")');
  });
});

describe("timeframes", () => {
  it("maps Spock's D/W/M and common spellings to 1d/1w/1mo", () => {
    const cases: [string, string][] = [
      ["D", "1d"], ["d", "1d"], ["1d", "1d"], ["daily", "1d"], ["DAILY", "1d"], ["day", "1d"],
      ["W", "1w"], ["1wk", "1w"], ["weekly", "1w"], ["M", "1mo"], ["1mo", "1mo"], ["monthly", "1mo"], ["Month", "1mo"],
    ];
    for (const [code, expected] of cases) expect(normalizeTimeframe(code, "timeframe")).toBe(expected);
  });
  it("rejects minutes and unknown codes instead of guessing", () => {
    expect(rejection(() => normalizeTimeframe("m", "timeframe"))).toBe('timeframe: unsupported timeframe "m" (loads daily, weekly and monthly bars)');
    expect(rejection(() => normalizeTimeframe("1m", "interval"))).toBe('interval: unsupported timeframe "1m" (loads daily, weekly and monthly bars)');
    expect(rejection(() => normalizeTimeframe(null, "timeframe"))).toBe("timeframe: unsupported timeframe null (loads daily, weekly and monthly bars)");
  });
});

describe("region resolution", () => {
  const master = new Map([["005930", new Set(["KR"])], ["000660", new Set(["KR"])]]);
  const priced = new Map([["000660", new Set(["KR", "CN"])], ["600000", new Set(["CN"])], ["334934", new Set(["KR", "CN"])]]);
  const resolver = new InstrumentResolver(master, priced);
  it("keeps the row's own region", () => expect(resolver.region("000660", "CN")).toBe("CN"));
  it("takes the master row's region when there is exactly one, even if prices exist elsewhere", () => {
    expect(resolver.region("005930", null)).toBe("KR");
    expect(resolver.region("000660", null)).toBe("KR");
  });
  it("falls back to the one region with prices when there is no master row", () => expect(resolver.region("600000", null)).toBe("CN"));
  it("rejects a code with prices in several regions and no master row, and unknown codes", () => {
    expect(rejection(() => resolver.region("334934", null))).toBe('region: missing, and ticker "334934" exists in several regions (CN, KR)');
    expect(rejection(() => resolver.region("999999", null))).toBe('region: missing, and no instrument with ticker "999999" exists to take it from');
  });
});

describe("small domain readings", () => {
  it("reads Korean leverage text", () => {
    expect(leverageFromText("2배")).toBe(2);
    expect(leverageFromText("-1배")).toBe(-1);
    expect(leverageFromText("1.5x")).toBe(1.5);
    expect(leverageFromText("인버스")).toBeNull();
    expect(leverageFromText(null)).toBeNull();
  });
  it("turns split ratios into terms", () => {
    expect(splitTerms(2)).toEqual({ numerator: 2, denominator: 1 });
    expect(splitTerms(0.1)).toEqual({ numerator: 1, denominator: 10 });
    expect(splitTerms(1 / 3)).toEqual({ numerator: 1, denominator: 3 });
  });
  it("dates fundamentals by period: DAILY on the collection day, ANNUAL at fiscal year end, QUARTERLY at the last quarter end before collection", () => {
    expect(quarterEndBefore("2025-03-31")).toBe("2024-12-31");
    expect(quarterEndBefore("2025-04-01")).toBe("2025-03-31");
    expect(quarterEndBefore("2025-08-14")).toBe("2025-06-30");
    expect(quarterEndBefore("2025-12-31")).toBe("2025-09-30");
    expect(periodEnd("DAILY", "2025-10-08", null)).toBe("2025-10-08");
    expect(periodEnd("ANNUAL", "2025-03-31", 2024)).toBe("2024-12-31");
    expect(periodEnd("QUARTERLY", "2025-08-14", 2025)).toBe("2025-06-30");
    expect(periodEnd("QUARTERLY", "2026-05-14", 2025)).toBe("2025-12-31");
    expect(rejection(() => periodEnd("ANNUAL", "2025-03-31", null))).toBe("fiscal_year: missing, and an ANNUAL row needs it");
  });
});
