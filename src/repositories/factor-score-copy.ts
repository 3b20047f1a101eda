/**
 * One factor's scores in one region as PostgreSQL binary COPY rows of factor_scores, encoded straight
 * from the scored panels' columns: no row object, no number printed as text. Writing 1.28 million
 * scores as row objects through copyRows spent about a third of its time building and encoding them.
 *
 * Cells are date-major (`dates` × `tickers`, as in a Panel). A cell is a row when its raw value is
 * finite (as scoreRows); a non-finite z-score, percentile or score is NULL. computed_at is left to
 * its default, now(), as every other writer does.
 * Layout (PostgreSQL's COPY BINARY): signature, flags, header extension; per row an int16 field
 * count and per field an int32 length (-1 = NULL) and the big-endian value; int16 -1 at the end.
 * The header and the date encoding are the general encoder's (src/db/copy-binary.ts).
 */
import { BINARY_COPY_HEADER, pgDays } from "../db/copy-binary.ts";

/** A scored factor of one region: `values` of each panel, `dates.length × tickers.length` cells. */
export interface ScoreColumns {
  readonly factorName: string;
  readonly region: string;
  readonly dates: readonly string[];
  readonly tickers: readonly string[];
  readonly rawValue: Float64Array;
  readonly zScore: Float64Array;
  readonly percentile: Float64Array;
  readonly score: Float64Array;
}

/** The factor_scores columns the rows fill, in field order. */
export const SCORE_COPY_COLUMNS = ["ticker", "region", "date", "factor_name", "raw_value", "z_score", "percentile", "score"] as const;


/** The COPY stream, one chunk per date (the first with the header, the last with the trailer), and its row count. */
export function scoreCopyChunks(columns: ScoreColumns): { chunks: Buffer[]; rows: number } {
  const { dates, tickers, rawValue } = columns;
  const nTickers = tickers.length;
  const region = Buffer.from(columns.region);
  const factor = Buffer.from(columns.factorName);
  const tickerBytes = tickers.map((t) => Buffer.from(t));
  const widest = Math.max(0, ...tickerBytes.map((b) => b.length));
  // int16 count; ticker, region, date, factor_name; four nullable float8s.
  const rowBytes = 2 + 4 + widest + 4 + region.length + 8 + 4 + factor.length + 4 * 12;
  const values = [rawValue, columns.zScore, columns.percentile, columns.score];
  const chunks: Buffer[] = [];
  let rows = 0;
  for (let d = 0; d < dates.length; d++) {
    const head = d === 0 ? BINARY_COPY_HEADER.length : 0;
    const tail = d === dates.length - 1 ? 2 : 0;
    const out = Buffer.allocUnsafe(head + nTickers * rowBytes + tail);
    let at = 0;
    if (head > 0) at += BINARY_COPY_HEADER.copy(out, 0);
    const day = pgDays(dates[d]);
    for (let t = 0, cell = d * nTickers; t < nTickers; t++, cell++) {
      const raw = rawValue[cell];
      if (raw - raw !== 0) continue;
      rows++;
      at = out.writeInt16BE(SCORE_COPY_COLUMNS.length, at);
      at = out.writeInt32BE(tickerBytes[t].length, at);
      at += tickerBytes[t].copy(out, at);
      at = out.writeInt32BE(region.length, at);
      at += region.copy(out, at);
      at = out.writeInt32BE(4, at);
      at = out.writeInt32BE(day, at);
      at = out.writeInt32BE(factor.length, at);
      at += factor.copy(out, at);
      for (const column of values) {
        const v = column[cell];
        if (v - v === 0) {
          at = out.writeInt32BE(8, at);
          at = out.writeDoubleBE(v, at);
        } else at = out.writeInt32BE(-1, at);
      }
    }
    if (tail > 0) at = out.writeInt16BE(-1, at);
    chunks.push(out.subarray(0, at));
  }
  return { chunks, rows };
}
