/**
 * Tick sessions written straight into a test database (copyRows), with every value known to the
 * tests:
 * - SESSION_A (completed, BTC_USDT and ETH_USDT): BTC_TICKS by hand (two trades sharing a timestamp,
 *   a missing volume, trades in several minutes, hours and two days) and BTC_BOOKS (a missing second
 *   bid level, a book without asks); ETH_USDT generated: ETH_TICK_COUNT trades and ETH_BOOK_COUNT
 *   snapshots in runs of 1–4 sharing a timestamp, at microsecond times; TWPA values for BTC_USDT.
 * - SESSION_ACTIVE (active, SOL_USDT prices only), SESSION_C (completed, BTC_USDT prices only),
 *   SESSION_D (stopped, no data).
 * The 1-minute candles are refreshed after writing, as an import does.
 */
import type { Database } from "../../src/db/index.ts";
import { refreshTickCandles } from "../../src/repositories/tick-candles.ts";
import { indicatorValues, tickOrderbook, tickPrices, tickSessions } from "../../src/schema/index.ts";
import type { NewIndicatorValueRow, NewTickOrderbookSnapshot, NewTickPrice, NewTickSession } from "../../src/schema/index.ts";
import { formatInstant, parseInstant } from "../../src/util/instants.ts";

export const SESSION_A = "exec_20251007_120000_ab12cd34";
export const SESSION_ACTIVE = "exec_20251008_090000_0badf00d";
export const SESSION_C = "exec_20251006_080000_cafe0001";
export const SESSION_D = "exec_20251005_070000_deadbeef";

/** Epoch micros of an ISO instant written in a test. */
export const us = (iso: string): number => parseInstant(iso)!;

/** Rows with `ts` as exact microsecond text (a Date would keep milliseconds only). */
type Timed<R> = Omit<R, "ts"> & { ts: string };

export interface Tick {
  ts: number;
  seq: number;
  price: number;
  volume: number | null;
  quoteVolume: number | null;
}

const tick = (iso: string, seq: number, price: number, volume: number | null): Tick => ({
  ts: us(iso),
  seq,
  price,
  volume,
  quoteVolume: volume === null ? null : price * volume,
});

export const BTC_TICKS: Tick[] = [
  tick("2025-10-07T12:00:05Z", 1, 100, 1),
  tick("2025-10-07T12:00:05Z", 2, 101, 2),
  tick("2025-10-07T12:00:59.999999Z", 3, 99, 3),
  tick("2025-10-07T12:01:00Z", 4, 102, null),
  tick("2025-10-07T12:04:30.5Z", 5, 98, 5),
  tick("2025-10-07T12:05:00Z", 6, 103, 1),
  tick("2025-10-07T12:16:00Z", 7, 104, 2),
  tick("2025-10-07T13:59:59Z", 8, 105, 1),
  tick("2025-10-08T00:00:01Z", 9, 106, 4),
];

export interface Book {
  ts: number;
  seq: number;
  bidPrices: (number | null)[];
  bidQtys: (number | null)[];
  askPrices: (number | null)[];
  askQtys: (number | null)[];
}

export const BTC_BOOKS: Book[] = [
  { ts: us("2025-10-07T12:00:01.25Z"), seq: 1, bidPrices: [99.5, 99.4, 99.3], bidQtys: [1, 2, 3], askPrices: [100.5, 100.6, 100.7], askQtys: [4, 5, 6] },
  { ts: us("2025-10-07T12:00:01.25Z"), seq: 2, bidPrices: [99.75, null, 99.25], bidQtys: [1.5, null, 2.5], askPrices: [100.25], askQtys: [7] },
  { ts: us("2025-10-07T12:03:00Z"), seq: 3, bidPrices: [98], bidQtys: [1], askPrices: [], askQtys: [] },
  { ts: us("2025-10-07T12:10:00Z"), seq: 4, bidPrices: [103.5, 103], bidQtys: [2, 2], askPrices: [104.5, 105], askQtys: [1, 1] },
];

export const ETH_TICK_COUNT = 2_503;
export const ETH_BOOK_COUNT = 301;
const ETH_START = us("2025-10-07T12:00:00.000001Z");

/** Runs of 1, 2, 3, 4, 1, 2, … rows sharing a timestamp; runs 0.7–1.9 s apart at microsecond precision. */
function runTimes(count: number): number[] {
  const times: number[] = [];
  let t = ETH_START;
  for (let run = 0; times.length < count; run++) {
    for (let k = 0; k <= run % 4 && times.length < count; k++) times.push(t);
    t += 700_000 + ((run * 7919) % 1_200_000) + 1;
  }
  return times;
}

export const ETH_TICKS: Tick[] = runTimes(ETH_TICK_COUNT).map((ts, i) => {
  const price = 4000 + ((i * 37) % 211) / 4;
  const volume = i % 10 === 9 ? null : 1 + (i % 5);
  return { ts, seq: i + 1, price, volume, quoteVolume: volume === null ? null : price * volume };
});

export const ETH_BOOKS: Book[] = runTimes(ETH_BOOK_COUNT).map((ts, i) => {
  const mid = 4000 + (i % 17);
  return { ts, seq: i + 1, bidPrices: [mid - 0.5, mid - 1], bidQtys: [1 + (i % 3), 2], askPrices: [mid + 0.5 + (i % 2) * 0.25, mid + 1], askQtys: [1, 2 + (i % 4)] };
});

export const BTC_TWPA: Timed<Omit<NewIndicatorValueRow, "series" | "symbol" | "indicatorId">>[] = [
  { ts: "2025-10-07T12:00:01Z", value: 100.5, confidence: null, metadata: null },
  { ts: "2025-10-07T12:00:02Z", value: null, confidence: null, metadata: null },
  { ts: "2025-10-07T12:00:03Z", value: 100.25, confidence: 0.5, metadata: { window: [60, 0] } },
  { ts: "2025-10-07T12:00:04.5Z", value: 100.125, confidence: 0.75, metadata: null },
  { ts: "2025-10-07T12:00:05Z", value: 101, confidence: 1, metadata: { note: "last" } },
];

const SOL_TICKS: Tick[] = [tick("2025-10-08T09:00:01Z", 1, 150, 1), tick("2025-10-08T09:00:02Z", 2, 151, 2), tick("2025-10-08T09:00:02Z", 3, 152, 3)];
const C_TICKS: Tick[] = [tick("2025-10-06T08:00:00Z", 1, 95, 1), tick("2025-10-06T08:30:00Z", 2, 96, 1)];

function sessionRow(sessionId: string, fields: Partial<NewTickSession> & Pick<NewTickSession, "status" | "symbols" | "dataTypes">): NewTickSession {
  return {
    sessionId,
    startTime: null,
    endTime: null,
    durationSeconds: null,
    recordsCollected: 0,
    pricesCount: 0,
    orderbookCount: 0,
    tradesCount: 0,
    errorsCount: 0,
    exchange: "mexc",
    notes: null,
    rejectedRows: 0,
    createdAt: new Date("2025-11-01T00:00:00Z"),
    updatedAt: new Date("2025-11-01T00:00:00Z"),
    ...fields,
  };
}

const A_PRICES = BTC_TICKS.length + ETH_TICK_COUNT;
const A_BOOKS = BTC_BOOKS.length + ETH_BOOK_COUNT;

export const SESSIONS: NewTickSession[] = [
  sessionRow(SESSION_A, {
    status: "completed",
    symbols: ["BTC_USDT", "ETH_USDT"],
    dataTypes: ["prices", "orderbook", "indicators"],
    startTime: new Date("2025-10-07T12:00:00Z"),
    endTime: new Date("2025-10-08T00:00:01Z"),
    durationSeconds: 43_201,
    recordsCollected: A_PRICES + A_BOOKS,
    pricesCount: A_PRICES,
    orderbookCount: A_BOOKS,
    tradesCount: A_PRICES,
    firstTickAt: new Date("2025-10-07T12:00:00Z"),
    lastTickAt: new Date("2025-10-08T00:00:01Z"),
    sourceDir: "/data/session_exec_20251007_120000_ab12cd34",
    importedAt: new Date("2025-11-01T00:00:00Z"),
    rejectedRows: 2,
    notes: "fixture",
  }),
  sessionRow(SESSION_ACTIVE, {
    status: "active",
    symbols: ["SOL_USDT"],
    dataTypes: ["prices"],
    startTime: new Date("2025-10-08T09:00:00Z"),
    recordsCollected: 3,
    pricesCount: 3,
    tradesCount: 3,
  }),
  sessionRow(SESSION_C, {
    status: "completed",
    symbols: ["BTC_USDT"],
    dataTypes: ["prices"],
    startTime: new Date("2025-10-06T08:00:00Z"),
    endTime: new Date("2025-10-06T08:30:00Z"),
    durationSeconds: 1800,
    recordsCollected: 2,
    pricesCount: 2,
    tradesCount: 2,
  }),
  sessionRow(SESSION_D, { status: "stopped", symbols: [], dataTypes: [], startTime: new Date("2025-10-05T07:00:00Z") }),
];

const priceRows = (sessionId: string, symbol: string, ticks: readonly Tick[]): Timed<NewTickPrice>[] =>
  ticks.map((t) => ({ sessionId, symbol, ts: formatInstant(t.ts), seq: t.seq, price: t.price, volume: t.volume, quoteVolume: t.quoteVolume }));

const bookRows = (sessionId: string, symbol: string, books: readonly Book[]): Timed<NewTickOrderbookSnapshot>[] =>
  books.map((b) => ({ sessionId, symbol, ts: formatInstant(b.ts), seq: b.seq, bidPrices: b.bidPrices, bidQtys: b.bidQtys, askPrices: b.askPrices, askQtys: b.askQtys }));

/** Write the sessions above and refresh the candles. */
export async function seedTickSessions(db: Database): Promise<void> {
  await db.copyRows(tickSessions, SESSIONS);
  await db.copyRows(tickPrices, [
    ...priceRows(SESSION_A, "BTC_USDT", BTC_TICKS),
    ...priceRows(SESSION_A, "ETH_USDT", ETH_TICKS),
    ...priceRows(SESSION_ACTIVE, "SOL_USDT", SOL_TICKS),
    ...priceRows(SESSION_C, "BTC_USDT", C_TICKS),
  ]);
  await db.copyRows(tickOrderbook, [...bookRows(SESSION_A, "BTC_USDT", BTC_BOOKS), ...bookRows(SESSION_A, "ETH_USDT", ETH_BOOKS)]);
  await db.copyRows(
    indicatorValues,
    BTC_TWPA.map((v) => ({ ...v, series: SESSION_A, symbol: "BTC_USDT", indicatorId: "twpa_1" })),
  );
  await refreshTickCandles(db, { from: null, to: null });
}
