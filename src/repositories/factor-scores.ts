/**
 * Factor scores repository: one row per (factor, date, instrument) with raw value, z-score,
 * percentile (0..1) and score. Writing a factor for a set of dates replaces those dates exactly:
 * rows from an earlier run that the new run no longer produces are removed, in one transaction.
 * `replace` takes row objects (merged with copyBatch); `replaceColumns` takes one factor of one region
 * as the scored panels' columns and COPYs them straight in (factor-score-copy.ts), the factor job's path.
 */
import { asc, eq } from "drizzle-orm";
import type { Session, Transaction } from "../db/index.ts";
import { copyBatch } from "../db/copy-rows.ts";
import { factorScores } from "../schema/index.ts";
import type { FactorScore, NewFactorScore } from "../schema/index.ts";
import { type ScoreColumns, SCORE_COPY_COLUMNS, scoreCopyChunks } from "./factor-score-copy.ts";
import { BinaryCopyReader } from "../db/copy-out.ts";
import { InputError } from "../errors.ts";
import type { Panel } from "../panel/index.ts";
import type { InstrumentKey } from "./instruments.ts";
import { readInstrumentPanel } from "./instrument-panel.ts";
import { databaseOrder } from "./instrument-order.ts";
import { dateOfEpochDay } from "../util/dates.ts";

/**
 * Rows in (date, ticker, region) order → the permutation to (date, region, ticker) order, or null
 * when there is one region (the orders agree). The distinct instruments are ranked by the database,
 * so the order is its collation's, exactly as an ORDER BY would give.
 */
async function regionTickerOrder(session: Session, days: readonly number[], tickers: string[], regions: string[]): Promise<Int32Array | null> {
  if (regions.every((r) => r === regions[0])) return null;
  const instrumentOf = new Map<string, number>();
  const pairs: [string, string][] = [];
  const instrument = new Int32Array(tickers.length);
  for (let i = 0; i < tickers.length; i++) {
    const key = `${regions[i]}\u0000${tickers[i]}`;
    let index = instrumentOf.get(key);
    if (index === undefined) {
      instrumentOf.set(key, (index = pairs.length));
      pairs.push([regions[i], tickers[i]]);
    }
    instrument[i] = index;
  }
  const rank = new Int32Array(pairs.length);
  (await databaseOrder(session, pairs)).forEach((i, r) => (rank[i] = r));
  const order = Int32Array.from(tickers.keys());
  // Rows arrive grouped by date; only each date's rows are reordered.
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end < order.length && days[end] === days[start]) end++;
    order.subarray(start, end).sort((a, b) => rank[instrument[a]] - rank[instrument[b]]);
    start = end;
  }
  return order;
}

/**
 * Delete `factorName` on `dates` (in `region`, or in all). `date = ANY(ARRAY(…))` rather than
 * `date IN (SELECT …)`: the planner then probes the primary key per date instead of scanning every
 * score (a month-end block: 29 ms instead of 818 ms at 4.1 million stored scores).
 */
async function deleteScores(tx: Transaction, factorName: string, dates: readonly string[], region: string | undefined): Promise<void> {
  await tx.query(
    `DELETE FROM factor_scores WHERE factor_name = $1 AND date = ANY(ARRAY(SELECT jsonb_array_elements_text($2::jsonb)::date))
       AND ($3::text IS NULL OR region = $3)`,
    [factorName, JSON.stringify(dates), region ?? null],
  );
}

/** The stored values of a score, as factorScores.panel() reads them. */
const SCORE_FIELDS = { raw: "raw_value", zScore: "z_score", percentile: "percentile", score: "score" } as const;
export type ScoreField = keyof typeof SCORE_FIELDS;

export function factorScoresRepository(session: Session) {
  const { db } = session;
  return {
    /**
     * Replace `factorName` on `dates` (in one region, or in all) with `rows`; every row must belong
     * to that factor, those dates and that region. Returns the number of rows written.
     */
    async replace(
      factorName: string,
      dates: readonly string[],
      rows: readonly NewFactorScore[],
      scope: { region?: string } = {},
    ): Promise<number> {
      const dateSet = new Set(dates);
      for (const r of rows) {
        if (r.factorName !== factorName || !dateSet.has(r.date) || (scope.region !== undefined && r.region !== scope.region)) {
          throw new Error(
            `replace(${factorName}): row for ${r.factorName} on ${r.date} in ${r.region} is outside the replaced set`,
          );
        }
      }
      return session.transaction(async (tx) => {
        await deleteScores(tx, factorName, dates, scope.region);
        const { loaded, merged } = await copyBatch(tx, factorScores, rows);
        return loaded + merged;
      });
    },

    /**
     * Replace `columns.factorName` in `columns.region` on `columns.dates` with the finite-raw cells of
     * `columns` (factor-score-copy.ts). After the DELETE no key of the set is left and the cells are
     * distinct, so the rows are COPYed straight into factor_scores with no staging or merge.
     * Returns the number of rows written.
     */
    async replaceColumns(columns: ScoreColumns): Promise<number> {
      if (columns.dates.length === 0) return 0;
      const { chunks, rows } = scoreCopyChunks(columns);
      return session.transaction(async (tx) => {
        await deleteScores(tx, columns.factorName, columns.dates, columns.region);
        await tx.copyFrom("factor_scores", SCORE_COPY_COLUMNS, chunks, "binary");
        return rows;
      });
    },

    /**
     * One factor over [from, to] (optionally one region), by date, region, ticker. The rows travel
     * as a binary COPY (db/copy-out.ts) in primary-key order, which needs no sort on the server; with
     * several regions each date's rows are then put in (region, ticker) order by the database's own
     * collation, ranked once over the distinct instruments.
     */
    async scores(factorName: string, from: string, to: string, filter: { region?: string } = {}): Promise<FactorScore[]> {
      const params: unknown[] = [factorName, from, to];
      if (filter.region !== undefined) params.push(filter.region);
      const reader = new BinaryCopyReader(
        await session.copyTo(
          `SELECT date, ticker, region, raw_value, z_score, percentile, score, computed_at
             FROM factor_scores
            WHERE factor_name = $1 AND date BETWEEN $2::date AND $3::date ${filter.region === undefined ? "" : "AND region = $4"}
            ORDER BY date, ticker, region`,
          params,
        ),
      );
      const rows: FactorScore[] = [];
      const days: number[] = [];
      let day = NaN;
      let date = "";
      while (reader.nextRow()) {
        const d = reader.epochDay();
        if (d !== day) date = dateOfEpochDay((day = d));
        days.push(d);
        rows.push({
          date, ticker: reader.text()!, region: reader.text()!, factorName,
          rawValue: reader.nullableFloat8(), zScore: reader.nullableFloat8(), percentile: reader.nullableFloat8(), score: reader.nullableFloat8(),
          computedAt: new Date(reader.epochMillis()),
        });
      }
      const order = await regionTickerOrder(session, days, rows.map((r) => r.ticker), rows.map((r) => r.region));
      return order === null ? rows : Array.from(order, (i) => rows[i]);
    },

    /**
     * One field of a factor over [from, to] (optionally one region) as a date × instrument panel
     * (NaN where a score is missing or NULL): the research read of a factor, one COPY row per
     * score (instrument-panel.ts), instruments in (region, ticker) order, labelled as in
     * prices.panel().
     */
    async panel(factorName: string, from: string, to: string, options: { region?: string; field?: ScoreField } = {}): Promise<Panel & { instruments: InstrumentKey[] }> {
      const field = options.field ?? "score";
      const column = SCORE_FIELDS[field];
      if (column === undefined) throw new InputError(`unknown score field "${field}" (one of ${Object.keys(SCORE_FIELDS).join(", ")})`);
      const params: unknown[] = [factorName, from, to];
      if (options.region !== undefined) params.push(options.region);
      // `column` comes from SCORE_FIELDS (checked above); every value is a parameter.
      return readInstrumentPanel(session, {
        table: "factor_scores",
        column,
        where: `factor_name = $1 AND date BETWEEN $2::date AND $3::date ${options.region === undefined ? "" : "AND region = $4"}`,
        params,
      });
    },

    /** Dates on which a factor has scores, ascending. */
    async dates(factorName: string): Promise<string[]> {
      const rows = await db
        .selectDistinct({ date: factorScores.date })
        .from(factorScores)
        .where(eq(factorScores.factorName, factorName))
        .orderBy(asc(factorScores.date));
      return rows.map((r) => r.date);
    },
  };
}
