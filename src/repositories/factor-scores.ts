/**
 * Factor scores repository: one row per (factor, date, instrument) with raw value, z-score,
 * percentile (0..1) and score. Writing a factor for a set of dates replaces those dates exactly:
 * rows from an earlier run that the new run no longer produces are removed, in one transaction.
 */
import { and, asc, eq } from "drizzle-orm";
import type { Session } from "../db/index.ts";
import { copyBatch } from "../db/copy-rows.ts";
import { factorScores } from "../schema/index.ts";
import type { FactorScore, NewFactorScore } from "../schema/index.ts";
import { inDateRange } from "./date-range.ts";

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
        await tx.query(
          `DELETE FROM factor_scores WHERE factor_name = $1 AND date IN (SELECT jsonb_array_elements_text($2::jsonb)::date)
             AND ($3::text IS NULL OR region = $3)`,
          [factorName, JSON.stringify(dates), scope.region ?? null],
        );
        const { loaded, merged } = await copyBatch(tx, factorScores, rows);
        return loaded + merged;
      });
    },

    /** One factor over [from, to] (optionally one region), by date then instrument. */
    scores(factorName: string, from: string, to: string, filter: { region?: string } = {}): Promise<FactorScore[]> {
      return db
        .select()
        .from(factorScores)
        .where(
          and(
            eq(factorScores.factorName, factorName),
            inDateRange(factorScores.date, from, to),
            filter.region === undefined ? undefined : eq(factorScores.region, filter.region),
          ),
        )
        .orderBy(asc(factorScores.date), asc(factorScores.region), asc(factorScores.ticker));
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
