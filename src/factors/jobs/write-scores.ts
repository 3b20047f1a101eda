/**
 * Writing one factor's scores for one region: the (factor, region, date) cells of the scored dates
 * are replaced exactly (cells the new run does not produce are deleted), in blocks of dates, each
 * block one factorScores.replaceColumns (one transaction: a DELETE, then one binary COPY encoded
 * straight from the scored panels, no row objects).
 * Blocks hold at most about ROWS_PER_BLOCK rows, so a long backfill never holds a whole factor's
 * COPY stream at once; a run that fails part-way leaves each block wholly old or wholly new, and
 * rerunning the range repairs it.
 *
 * ScoreWriter keeps up to WRITES_IN_FLIGHT blocks being written while the caller computes the next
 * factor: the server inserts (its primary key makes that the slowest step, about 4 µs a row) on one
 * connection per block while this process scores and encodes, so two cores are busy instead of one,
 * and the last factor's blocks still go two at a time. On PGlite, one connection, the writes queue.
 */
import type { Database } from "../../db/index.ts";
import { sliceRows } from "../../panel/index.ts";
import { factorScoresRepository } from "../../repositories/factor-scores.ts";
import type { ScoredFactor, ScoredInstrument } from "../cross-section/score-factor.ts";
import { InputError } from "../../errors.ts";

const ROWS_PER_BLOCK = 100_000;
const WRITES_IN_FLIGHT = 2;

/** Concurrent block writes with rows counted per factor; `finish` rethrows the first failure. */
export class ScoreWriter {
  readonly rowsByFactor: Record<string, number> = {};
  private readonly inFlight = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  constructor(private readonly database: Database) {}

  /**
   * Replace `factorName` in `region` on every date of `scored`: each block starts once fewer than
   * WRITES_IN_FLIGHT blocks are being written (of this factor or an earlier one), so the last
   * factor's blocks are written on two connections too; throws if a write has failed.
   */
  async write(factorName: string, region: string, scored: ScoredFactor, instruments: readonly ScoredInstrument[]): Promise<void> {
    for (const block of scoreBlocks(factorName, region, scored, instruments)) {
      while (this.inFlight.size >= WRITES_IN_FLIGHT) await Promise.race(this.inFlight);
      if (this.failure !== undefined) throw this.failure.error;
      const writing: Promise<void> = factorScoresRepository(this.database)
        .replaceColumns(block)
        .then(
          (rows) => {
            this.rowsByFactor[factorName] = (this.rowsByFactor[factorName] ?? 0) + rows;
          },
          (error: unknown) => {
            this.failure ??= { error };
          },
        );
      this.inFlight.add(writing);
      void writing.finally(() => this.inFlight.delete(writing));
    }
  }

  /** Wait for every write; throws the first failure. */
  async finish(): Promise<void> {
    await Promise.all(this.inFlight);
    if (this.failure !== undefined) throw this.failure.error;
  }
}

/** `scored` as replaceColumns blocks of consecutive dates, about ROWS_PER_BLOCK rows each. */
function* scoreBlocks(factorName: string, region: string, scored: ScoredFactor, instruments: readonly ScoredInstrument[]) {
  const { raw, zscore, percentile, score } = scored;
  if (instruments.length !== raw.tickers.length) {
    throw new InputError(`ScoreWriter.write: ${instruments.length} instruments given for ${raw.tickers.length} panel columns`);
  }
  const tickers = instruments.map((i) => i.ticker);
  const nDates = raw.dates.length;
  const datesPerBlock = Math.max(1, Math.floor(ROWS_PER_BLOCK / Math.max(1, instruments.length)));
  for (let first = 0; first < nDates; first += datesPerBlock) {
    const end = Math.min(nDates, first + datesPerBlock);
    const values = (panel: typeof raw) => sliceRows(panel, first, end).values;
    yield {
      factorName,
      region,
      dates: raw.dates.slice(first, end),
      tickers,
      rawValue: values(raw),
      zScore: values(zscore),
      percentile: values(percentile),
      score: values(score),
    };
  }
}
