/**
 * A date × instrument panel of one column, read as PostgreSQL's binary COPY: nothing is printed as
 * text or parsed back. In one connection the server packs each instrument's day numbers and values
 * into an int4[] and a float8[] (array_agg, a NULL as NaN), one COPY row per instrument; on a
 * server's two connections each reads half the instruments as plain rows, grouped here
 * (readPackedRows says why). Instruments come in the database's (region, ticker) order, its
 * collation's; dates are every date on which any instrument has a value row.
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
 * at once, each as plain rows grouped here: the server's share is then a scan, on two cores, where an
 * array_agg per instrument spent most of the read in hashing and growing 3,000 arrays (7.3 million
 * closes: 9-12 s a half against 3 s). The halves are put back in the database's (region, ticker)
 * order by ranking the instruments there (its collation, not JavaScript's). In one connection (a
 * transaction, PGlite) the server packs each instrument's values (array_agg), which sends far fewer
 * bytes through the one statement.
 */
async function readPackedRows(session: Session, source: PanelSource): Promise<PackedRow[]> {
  if (!canRunTwoStatements(session)) return readPacked(session, source);
  const halves = await Promise.all(([0, 1] as const).map((parity) => readRowsOfHalf(session, source, parity)));
  const rows = halves.flat();
  const order = await databaseOrder(session, rows.map((r) => [r.region, r.ticker] as const));
  return order.map((i) => rows[i]);
}

/** A server's pool runs statements at once; a transaction has one connection, PGlite one in all. */
export function canRunTwoStatements(session: Session): boolean {
  return session.capabilities.engine === "postgres" && !("savepoint" in session);
}

// JIT compiling either statement cost more than it saved (array_agg: 11.0 s with it, 7.5 s without).
const READ_SETTINGS = { jit: "off" } as const;

/** Every instrument's values packed by the server, in (region, ticker) order. */
async function readPacked(session: Session, source: PanelSource): Promise<PackedRow[]> {
  // work_mem leaves room to hash the aggregation in memory rather than walk the primary key row by row.
  const reader = new BinaryCopyReader(
    await session.copyTo(
      `SELECT ticker, region, array_agg(date - DATE '1970-01-01'), array_agg(${source.column})
         FROM ${source.table}
        WHERE ${source.where}
        GROUP BY region, ticker
        ORDER BY region, ticker`,
      source.params,
      { ...READ_SETTINGS, work_mem: "256MB" },
    ),
  );
  const rows: PackedRow[] = [];
  while (reader.nextRow()) rows.push({ ticker: reader.text()!, region: reader.text()!, days: reader.int4Array(), values: reader.float8Array() });
  return rows;
}

/** The instruments whose hash has `parity`, read row by row and grouped per instrument (any order). */
async function readRowsOfHalf(session: Session, source: PanelSource, parity: 0 | 1): Promise<PackedRow[]> {
  const params = [...source.params, parity];
  const reader = new BinaryCopyReader(
    await session.copyTo(
      `SELECT ticker, region, date - DATE '1970-01-01', ${source.column}
         FROM ${source.table}
        WHERE ${source.where} AND (hashtext(ticker) & 1) = $${params.length}::int`,
      params,
      // Parallel workers would compete with the other half's statement for the same two cores.
      { ...READ_SETTINGS, max_parallel_workers_per_gather: "0" },
    ),
  );
  const columns = new RowColumns();
  const instrumentOf = new Map<string, number>();
  const keys: { ticker: string; region: string }[] = [];
  while (reader.nextRow()) {
    const ticker = reader.text()!;
    const region = reader.text()!;
    const key = `${ticker}\u0000${region}`;
    let instrument = instrumentOf.get(key);
    if (instrument === undefined) {
      instrument = keys.push({ ticker, region }) - 1;
      instrumentOf.set(key, instrument);
    }
    columns.push(instrument, reader.int4(), reader.float8());
  }
  return columns.groupBy(keys);
}

/** Rows as growing typed columns (instrument number, day, value), then grouped per instrument. */
class RowColumns {
  private instruments = new Int32Array(1 << 16);
  private days = new Int32Array(1 << 16);
  private values = new Float64Array(1 << 16);
  private length = 0;

  push(instrument: number, day: number, value: number): void {
    if (this.length === this.days.length) this.grow();
    this.instruments[this.length] = instrument;
    this.days[this.length] = day;
    this.values[this.length] = value;
    this.length++;
  }

  private grow(): void {
    const size = this.days.length * 2;
    const instruments = new Int32Array(size);
    const days = new Int32Array(size);
    const values = new Float64Array(size);
    instruments.set(this.instruments);
    days.set(this.days);
    values.set(this.values);
    this.instruments = instruments;
    this.days = days;
    this.values = values;
  }

  /** One PackedRow per key, its rows in arrival order (a counting sort by instrument number). */
  groupBy(keys: readonly { ticker: string; region: string }[]): PackedRow[] {
    const starts = new Int32Array(keys.length + 1);
    for (let i = 0; i < this.length; i++) starts[this.instruments[i] + 1]++;
    for (let k = 0; k < keys.length; k++) starts[k + 1] += starts[k];
    const next = starts.slice(0, keys.length);
    const days = new Int32Array(this.length);
    const values = new Float64Array(this.length);
    for (let i = 0; i < this.length; i++) {
      const at = next[this.instruments[i]]++;
      days[at] = this.days[i];
      values[at] = this.values[i];
    }
    return keys.map(({ ticker, region }, k) => ({
      ticker,
      region,
      days: days.subarray(starts[k], starts[k + 1]),
      values: values.subarray(starts[k], starts[k + 1]),
    }));
  }
}
