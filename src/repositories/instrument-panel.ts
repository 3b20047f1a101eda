/**
 * A date × instrument panel of one column, read as PostgreSQL's binary COPY of one row per
 * instrument: its ticker, region, and two byte strings packed on the server (its day numbers as
 * `int4send` and its values as `float8send`, big-endian, a NULL as NaN). Nothing is printed as text
 * or parsed back, and the client handles one stream message per instrument, not one per value
 * (a row per value spent more in the driver's stream than in decoding: see db/copy-out.ts).
 * Instruments come in the database's (region, ticker) order, its collation's; dates are every date
 * on which any instrument has a value row.
 */
import type { Session } from "../db/index.ts";
import { BinaryCopyReader } from "../db/copy-out.ts";
import type { Panel } from "../panel/index.ts";
import { dateOfEpochDay } from "../util/dates.ts";
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
  // work_mem leaves room to hash the aggregation in memory rather than walk the primary key row by row.
  const reader = new BinaryCopyReader(
    await session.copyTo(
      `SELECT ticker, region, string_agg(int4send(date - DATE '1970-01-01'), ''::bytea),
              string_agg(coalesce(float8send(${source.column}), float8send('NaN'::float8)), ''::bytea)
         FROM ${source.table}
        WHERE ${source.where}
        GROUP BY region, ticker
        ORDER BY region, ticker`,
      source.params,
      { work_mem: "256MB" },
    ),
  );
  const rows: { ticker: string; region: string; days: DataView; values: DataView }[] = [];
  const view = (b: Buffer) => new DataView(b.buffer, b.byteOffset, b.byteLength);
  while (reader.nextRow()) rows.push({ ticker: reader.text()!, region: reader.text()!, days: view(reader.bytea()!), values: view(reader.bytea()!) });
  const keys: InstrumentKey[] = instruments
    ? instruments.map(({ ticker, region }) => ({ ticker, region }))
    : rows.map(({ ticker, region }) => ({ ticker, region }));
  const columnOf = new Map(keys.map((k, i) => [`${k.ticker}\u0000${k.region}`, i]));
  const daySet = new Set<number>();
  for (const r of rows) for (let at = 0; at < r.days.byteLength; at += 4) daySet.add(r.days.getInt32(at));
  const days = Int32Array.from(daySet).sort();
  const rowOfDay = new Map<number, number>();
  days.forEach((day, d) => rowOfDay.set(day, d));
  const width = keys.length;
  const values = new Float64Array(days.length * width).fill(NaN);
  for (const r of rows) {
    const t = columnOf.get(`${r.ticker}\u0000${r.region}`)!;
    for (let i = 0, n = r.days.byteLength / 4; i < n; i++) values[rowOfDay.get(r.days.getInt32(i * 4))! * width + t] = r.values.getFloat64(i * 8);
  }
  return { dates: Array.from(days, dateOfEpochDay), tickers: instrumentLabels(keys), values, instruments: keys };
}
