/** Row rules of the sessions importer, without a database: timestamps, each file kind's rows and reasons, and line reading. */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RowReject } from "../../../src/ingest/core/values.ts";
import { indicatorRecords, indicatorRow } from "../../../src/ingest/sessions/indicators.ts";
import { readRecords, scanLines, type CsvRecord } from "../../../src/ingest/sessions/lines.ts";
import { orderbookRow } from "../../../src/ingest/sessions/orderbook.ts";
import { priceRow } from "../../../src/ingest/sessions/prices.ts";
import { epochMicros } from "../../../src/ingest/sessions/timestamps.ts";
import { formatInstant, timestampValue } from "../../../src/util/instants.ts";
import { scratchDir } from "../sqlite/targets.ts";

const reason = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    if (err instanceof RowReject) return err.message;
    throw err;
  }
  return "accepted";
};

describe("epoch-second timestamps", () => {
  it("are read exactly to the microsecond, rounding a seventh decimal half up", () => {
    expect(epochMicros("1759841342.46", "timestamp")).toBe(1_759_841_342_460_000);
    expect(epochMicros("1759841342.0", "timestamp")).toBe(1_759_841_342_000_000);
    expect(epochMicros("1759841342", "timestamp")).toBe(1_759_841_342_000_000);
    expect(epochMicros("1759841342.123456", "timestamp")).toBe(1_759_841_342_123_456);
    expect(epochMicros("1759841342.1234564", "timestamp")).toBe(1_759_841_342_123_456);
    expect(epochMicros("1759841342.1234565", "timestamp")).toBe(1_759_841_342_123_457);
    expect(epochMicros("1759841342.99999951", "timestamp")).toBe(1_759_841_343_000_000);
  });

  it("become ISO UTC text with six decimals, which PostgreSQL and the binary encoder read exactly", () => {
    expect(formatInstant(1_759_841_342_460_000)).toBe("2025-10-07T12:49:02.460000Z");
    expect(formatInstant(1_759_795_200_000_001)).toBe("2025-10-07T00:00:00.000001Z");
    expect(formatInstant(1_759_881_599_999_999)).toBe("2025-10-07T23:59:59.999999Z");
  });

  it("reach the bulk path as a Date when whole milliseconds, else as exact text", () => {
    expect(timestampValue(1_759_841_342_460_000)).toEqual(new Date("2025-10-07T12:49:02.460Z"));
    expect(timestampValue(1_759_841_342_460_001)).toBe("2025-10-07T12:49:02.460001Z");
  });

  it("refuse anything but epoch seconds between 2000 and 2100", () => {
    expect(reason(() => epochMicros("", "timestamp"))).toBe("timestamp: missing required value");
    expect(reason(() => epochMicros("2025-10-07 12:00:00", "timestamp"))).toBe('timestamp: "2025-10-07 12:00:00" is not epoch seconds');
    expect(reason(() => epochMicros("1.759841342e9", "timestamp"))).toBe('timestamp: "1.759841342e9" is not epoch seconds');
    expect(reason(() => epochMicros(" 1759841342", "timestamp"))).toBe('timestamp: " 1759841342" is not epoch seconds');
    expect(reason(() => epochMicros("1759841342460", "timestamp"))).toBe('timestamp: "1759841342460" is not epoch seconds between 2000 and 2100');
    expect(reason(() => epochMicros("1759841.342", "timestamp"))).toBe('timestamp: "1759841.342" is not epoch seconds between 2000 and 2100');
  });
});

describe("prices.csv rows", () => {
  const row = (line: string) => priceRow("s1", "BTC_USDT", line.split(","), 7);

  it("one trade: seq is the line number, a volume written 0 is missing", () => {
    expect(row("1759841342.46,62000.1,12,744001.2")).toEqual({
      sessionId: "s1", symbol: "BTC_USDT", ts: new Date("2025-10-07T12:49:02.460Z"), seq: 7, price: 62000.1, volume: 12, quoteVolume: 744001.2,
    });
    expect(row("1759841342.46,62000.1,0,0")).toMatchObject({ volume: null, quoteVolume: null });
  });

  it("rejects text in a number, a non-positive price, a negative volume, a wrong cell count", () => {
    expect(reason(() => row("1759841342.46,0,12,0"))).toBe("price: non-positive value 0");
    expect(reason(() => row("1759841342.46,-1,12,0"))).toBe("price: non-positive value -1");
    expect(reason(() => row("1759841342.46,62000.1,nan,0"))).toBe('volume: "nan" where a number belongs');
    expect(reason(() => row("1759841342.46,62000.1,1.2.3,0"))).toBe('volume: "1.2.3" where a number belongs');
    expect(reason(() => row("1759841342.46,62000.1,-3,0"))).toBe("volume: negative value -3");
    expect(reason(() => row("1759841342.46,62000.1,,0"))).toBe("volume: missing required value");
    expect(reason(() => row("1759841342.46,62000.1,12"))).toBe("expected 4 cells as in the header, found 3");
  });
});

describe("orderbook.csv rows", () => {
  const row = (cells: string) => orderbookRow("s1", "ETH_USDT", `1759841342.123456,${cells}`.split(","), 3);

  it("levels best first; a missing level is NULL, missing levels at the end are left off", () => {
    expect(row("10,1,9,2,8,3,11,4,12,5,13,6,10,11,1")).toEqual({
      sessionId: "s1", symbol: "ETH_USDT", ts: "2025-10-07T12:49:02.123456Z", seq: 3,
      bidPrices: [10, 9, 8], bidQtys: [1, 2, 3], askPrices: [11, 12, 13], askQtys: [4, 5, 6],
    });
    expect(row("10,1,9,2,0,0,11,4,0,0,13,6,10,11,1")).toMatchObject({ bidPrices: [10, 9], bidQtys: [1, 2], askPrices: [11, null, 13], askQtys: [4, null, 6] });
    expect(row("0,0,0,0,0,0,0,0,0,0,0,0,0,0,0")).toMatchObject({ bidPrices: [], bidQtys: [], askPrices: [], askQtys: [] });
  });

  it("rejects a quantity at a missing price, text in any number, a wrong cell count", () => {
    expect(reason(() => row("10,1,0,2,8,3,11,4,12,5,13,6,10,11,1"))).toBe("bid_qty_2: quantity 2 at a missing price (bid_price_2 0)");
    expect(reason(() => row("10,1,9,2,8,3,11,4,12,5,13,6,10,11,abc"))).toBe('spread: "abc" where a number belongs');
    expect(reason(() => row("10,1,9,2,8,3,11,4,12,5,13,6,10,11"))).toBe("expected 16 cells as in the header, found 15");
  });
});

describe("indicator files", () => {
  const header = ["timestamp", "value", "confidence", "metadata"];

  it("rows: an empty value, confidence or metadata is NULL; metadata must be JSON and is kept as written", () => {
    expect(indicatorRow("s1", "BTC_USDT", "twpa_1", header, ["1759841342", "", "", ""])).toEqual({
      series: "s1", symbol: "BTC_USDT", indicatorId: "twpa_1", ts: new Date("2025-10-07T12:49:02Z"), value: null, confidence: null, metadata: null,
    });
    expect(indicatorRow("s1", "BTC_USDT", "twpa_1", header, ["1759841342", "1.5", "0.25", '{"w": [30, 0]}'])).toMatchObject({ value: 1.5, confidence: 0.25, metadata: '{"w": [30, 0]}' });
    expect(reason(() => indicatorRow("s1", "BTC_USDT", "twpa_1", header, ["1759841342", "1.5", "0.25", "{w"]))).toMatch(/^metadata: not valid JSON \("\{w"\)$/);
    expect(reason(() => indicatorRow("s1", "BTC_USDT", "twpa_1", ["timestamp", "value"], ["1759841342", "inf"]))).toBe('value: "inf" where a number belongs');
  });

  it("records: quoted JSON cells, line numbers, and an unterminated last line marked", () => {
    const text = 'timestamp,value,metadata\n1759841342,1,"{""a"": 1, ""b"": 2}"\n\n1759841343,2,\n1759841344,3,"{""a'
    expect(indicatorRecords("x.csv", text)).toEqual([
      { line: 2, cells: ["1759841342", "1", '{"a": 1, "b": 2}'], terminated: true },
      { line: 4, cells: ["1759841343", "2", ""], terminated: true },
      { line: 5, cells: ["1759841344", "3", '"{""a'], terminated: false },
    ]);
  });
});

describe("line reading", () => {
  const dir = scratchDir("session-lines-");
  const all = async (path: string, after = 0) => {
    const out: CsvRecord[] = [];
    for await (const records of readRecords(path, after)) out.push(...records);
    return out;
  };

  it("CRLF line ends, empty lines skipped but counted, a last line without its end marked; the scan counts the same rows", async () => {
    const path = join(dir, "crlf.csv");
    writeFileSync(path, "timestamp,price,volume,quote_volume\r\n1,2,3,4\r\n\r\n5,6,7,8\r\n9,10,1");
    expect(await all(path)).toEqual([
      { line: 2, cells: ["1", "2", "3", "4"], terminated: true },
      { line: 4, cells: ["5", "6", "7", "8"], terminated: true },
      { line: 5, cells: ["9", "10", "1"], terminated: false },
    ]);
    expect((await scanLines(path)).rows).toBe(3);
    expect((await all(path, 4)).map((r) => r.line)).toEqual([5]);
  });

  it("a file ending in its line end has no truncated line; a header alone has no rows", async () => {
    const path = join(dir, "whole.csv");
    writeFileSync(path, "h\n1\n2\n");
    expect((await all(path)).map((r) => [r.line, r.terminated])).toEqual([[2, true], [3, true]]);
    expect(await scanLines(path)).toEqual({ rows: 2, sha256: createHash("sha256").update("h\n1\n2\n").digest("hex") });
    const header = join(dir, "header.csv");
    writeFileSync(header, "timestamp,price,volume,quote_volume");
    expect(await all(header)).toEqual([]);
    expect((await scanLines(header)).rows).toBe(0);
  });

  it("reads across chunk boundaries (a 3 MB file, lines split between 1 MiB chunks)", async () => {
    const path = join(dir, "big.csv");
    const lines = ["timestamp,price,volume,quote_volume"];
    for (let i = 0; i < 100_000; i++) lines.push(`${1759841342 + i}.5,${62000 + (i % 97) / 10},${i % 13},${i}`);
    writeFileSync(path, `${lines.join("\r\n")}\r\n`);
    const records = await all(path);
    expect(records.length).toBe(100_000);
    expect(records.every((r, i) => r.line === i + 2 && r.cells.length === 4 && r.cells[3] === String(i) && r.terminated)).toBe(true);
    expect((await scanLines(path)).rows).toBe(100_000);
  });
});
