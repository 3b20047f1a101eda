/**
 * A date × instrument panel of one column, read as PostgreSQL's binary COPY of one row per value:
 * ticker, region, day number and value (a NULL as NaN). Nothing is printed as text or parsed back;
 * the rows are decoded chunk by chunk as they arrive (BinaryCopyRows), while the server is still
 * sending, and tickers and regions become dense ids as the bytes stream past (db/text-interner.ts),
 * so a string is built once per instrument, not per value.
 * Why rows and not one row per instrument of server-aggregated arrays (array_agg), as before: for
 * 3,000 instruments × 10 years (7.3 million closes) the server spent 6 s of 8 s in the aggregation,
 * while streaming the rows takes it 3–4 s and decoding them here under 1 s (perf/factors.bench.ts).
 * Instruments are put in the database's (region, ticker) order (its collation, instrument-order.ts);
 * dates are every date on which any instrument has a value row.
 */
import type { Session } from "../db/index.ts";
import { BinaryCopyRows } from "../db/copy-out.ts";
import { TextInterner } from "../db/text-interner.ts";
import type { Panel } from "../panel/index.ts";
import { dateOfEpochDay } from "../util/dates.ts";
import { databaseOrder } from "./instrument-order.ts";
import { instrumentLabels, type InstrumentKey } from "./instruments.ts";

/**
 * Read `column` of `table` over the rows `where` selects (SQL with `$n` parameters, `params`).
 * `table`, `column` and `where` must be fixed text from the schema, never input. With `instruments`,
 * the panel's columns are those, in that order (missing ones all NaN).
 */
export async function readInstrumentPanel(
  session: Session,
  source: { table: string; column: string; where: string; params: readonly unknown[] },
  instruments?: readonly InstrumentKey[],
): Promise<Panel & { instruments: InstrumentKey[] }> {
  const tickers = new TextInterner();
  const regions = new TextInterner();
  let tickerIds = new Int32Array(1 << 16);
  let regionIds = new Int32Array(1 << 16);
  let days = new Int32Array(1 << 16);
  let values = new Float64Array(1 << 16);
  let n = 0;
  let firstDay = Infinity;
  let lastDay = -Infinity;
  const rows = new BinaryCopyRows((reader) => {
    while (reader.nextRow()) {
      if (n === days.length) {
        tickerIds = grown(tickerIds);
        regionIds = grown(regionIds);
        days = grown(days);
        values = grown(values);
      }
      tickerIds[n] = reader.textId(tickers);
      regionIds[n] = reader.textId(regions);
      const day = reader.int4();
      days[n] = day;
      values[n] = reader.float8();
      if (day < firstDay) firstDay = day;
      if (day > lastDay) lastDay = day;
      n++;
    }
  });
  await session.copyToChunks(
    `SELECT ticker, region, date - DATE '1970-01-01', ${source.column} FROM ${source.table} WHERE ${source.where}`,
    source.params,
    { jit: "off" },
    (chunk) => rows.push(chunk),
  );
  rows.finish();

  // Instrument (ticker id, region id), numbered as pair = ticker id × regions + region id → panel column.
  const width = regions.values.length;
  const foundOfPair = new Int32Array(tickers.values.length * width).fill(-1);
  const pairsFound: number[] = [];
  for (let i = 0; i < n; i++) {
    const pair = tickerIds[i] * width + regionIds[i];
    if (foundOfPair[pair] < 0) foundOfPair[pair] = pairsFound.push(pair) - 1;
  }
  const keysFound: InstrumentKey[] = pairsFound.map((pair) => ({ ticker: tickers.values[Math.floor(pair / width)], region: regions.values[pair % width] }));
  const keys = instruments
    ? instruments.map(({ ticker, region }) => ({ ticker, region }))
    : (await databaseOrder(session, keysFound.map((k) => [k.region, k.ticker] as const))).map((i) => keysFound[i]);
  const columnOf = new Map(keys.map((k, c) => [`${k.ticker}\u0000${k.region}`, c]));
  const columnOfPair = new Int32Array(foundOfPair.length).fill(-1);
  pairsFound.forEach((pair, f) => (columnOfPair[pair] = columnOf.get(`${keysFound[f].ticker}\u0000${keysFound[f].region}`) ?? -1));

  // Day number → panel row, over the span of days present.
  const rowOfDay = new Int32Array(n === 0 ? 0 : lastDay - firstDay + 1).fill(-1);
  for (let i = 0; i < n; i++) rowOfDay[days[i] - firstDay] = 0;
  const dates: string[] = [];
  for (let d = 0; d < rowOfDay.length; d++) {
    if (rowOfDay[d] === 0) {
      rowOfDay[d] = dates.length;
      dates.push(dateOfEpochDay(firstDay + d));
    }
  }

  const panelWidth = keys.length;
  const panel = new Float64Array(dates.length * panelWidth).fill(NaN);
  for (let i = 0; i < n; i++) {
    const column = columnOfPair[tickerIds[i] * width + regionIds[i]];
    if (column >= 0) panel[rowOfDay[days[i] - firstDay] * panelWidth + column] = values[i];
  }
  return { dates, tickers: instrumentLabels(keys), values: panel, instruments: keys };
}

/** A typed array of twice the length holding `array`'s elements. */
function grown<T extends Int32Array | Float64Array>(array: T): T {
  const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}
