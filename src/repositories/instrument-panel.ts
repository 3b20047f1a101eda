/**
 * A date × instrument panel of one column, read as PostgreSQL's binary COPY of one row per
 * instrument: its ticker, region, and two arrays aggregated on the server (its day numbers as int4[]
 * and its values as float8[], a NULL as NaN). Nothing is printed as text or parsed back, and the
 * client handles one stream message per instrument, not one per value (a row per value spent more
 * in the driver's stream than in decoding: see db/copy-out.ts). array_agg rather than string_agg of
 * int4send/float8send bytes: the server aggregated 7.3 million closes in 4.2 s instead of 7.5 s.
 * JIT is off for it: compiling the aggregation cost more than it saved (11.0 s vs 7.5 s).
 * On a server, outside a transaction, two connections read half the instruments each (readPackedRows).
 * Instruments come in the database's (region, ticker) order, its collation's; dates are every date
 * on which any instrument has a value row.
 */
import type { Session } from "../db/index.ts";
import { BinaryCopyReader } from "../db/copy-out.ts";
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
  const rows = await readPackedRows(session, source);
  const keys: InstrumentKey[] = instruments
    ? instruments.map(({ ticker, region }) => ({ ticker, region }))
    : rows.map(({ ticker, region }) => ({ ticker, region }));
  const columnOf = new Map(keys.map((k, i) => [`${k.ticker}\u0000${k.region}`, i]));
  const daySet = new Set<number>();
  for (const r of rows) for (const day of r.days) daySet.add(day);
  const days = Int32Array.from(daySet).sort();
  const rowOfDay = new Map<number, number>();
  days.forEach((day, d) => rowOfDay.set(day, d));
  const width = keys.length;
  const values = new Float64Array(days.length * width).fill(NaN);
  for (const r of rows) {
    const t = columnOf.get(`${r.ticker}\u0000${r.region}`)!;
    for (let i = 0; i < r.days.length; i++) values[rowOfDay.get(r.days[i])! * width + t] = r.values[i];
  }
  return { dates: Array.from(days, dateOfEpochDay), tickers: instrumentLabels(keys), values, instruments: keys };
}

type PanelSource = Parameters<typeof readInstrumentPanel>[1];
type PackedRow = { ticker: string; region: string; days: Int32Array; values: Float64Array };

/**
 * Every instrument's packed row in (region, ticker) order. On a server, outside a transaction, the
 * instruments are read as two halves (by the parity of a hash of the instrument) on two connections
 * at once, so the aggregation runs on two cores; the halves are then put back in the database's
 * (region, ticker) order by ranking the instruments there (its collation, not JavaScript's).
 */
async function readPackedRows(session: Session, source: PanelSource): Promise<PackedRow[]> {
  if (!canRunTwoStatements(session)) return readHalf(session, source, undefined);
  const halves = await Promise.all(([0, 1] as const).map((parity) => readHalf(session, source, parity)));
  const rows = halves.flat();
  const order = await databaseOrder(session, rows.map((r) => [r.region, r.ticker] as const));
  return order.map((i) => rows[i]);
}

/** A server's pool runs statements at once; a transaction has one connection, PGlite one in all. */
export function canRunTwoStatements(session: Session): boolean {
  return session.capabilities.engine === "postgres" && !("savepoint" in session);
}

/** The instruments whose hash has `parity` (all when undefined), in (region, ticker) order. */
async function readHalf(session: Session, source: PanelSource, parity: 0 | 1 | undefined): Promise<PackedRow[]> {
  const params = [...source.params];
  let half = "";
  if (parity !== undefined) {
    params.push(parity);
    half = `AND (hashtext(ticker) & 1) = $${params.length}::int`;
  }
  // work_mem leaves room to hash the aggregation in memory rather than walk the primary key row by row.
  const reader = new BinaryCopyReader(
    await session.copyTo(
      `SELECT ticker, region, array_agg(date - DATE '1970-01-01'), array_agg(${source.column})
         FROM ${source.table}
        WHERE ${source.where} ${half}
        GROUP BY region, ticker
        ORDER BY region, ticker`,
      params,
      { work_mem: "256MB", jit: "off" },
    ),
  );
  const rows: PackedRow[] = [];
  while (reader.nextRow()) rows.push({ ticker: reader.text()!, region: reader.text()!, days: reader.int4Array(), values: reader.float8Array() });
  return rows;
}
