/**
 * The sector or industry of each instrument a factor job scores, for neutralisation.
 *
 * Loaders put these in different places: Stockula files and `tickers` upserts fill `tickers.sector` /
 * `tickers.industry`; Spock files carry them in `stock_details` (its `tickers` holds only a sector
 * code). A group is `tickers`' value when it has one, else `stock_details`'; empty text is no group.
 *
 * `readInstrumentGroups` reads them as they are (the factor report's group figures use it).
 * Neutralising a region where no two instruments share a group would leave every z-score and score
 * NULL (neutralize.ts), so `instrumentGroups` refuses that with an InputError, before anything is
 * written, instead of replacing plain scores with NULLs.
 */
import type { Queryable } from "../../db/index.ts";
import type { InstrumentKey } from "../../repositories/index.ts";
import { InputError } from "../../errors.ts";

export type GroupBy = "sector" | "industry";

/** Group of each of `instruments` (all of `region`), null where neither table has one. */
export async function readInstrumentGroups(
  session: Queryable,
  region: string,
  instruments: readonly InstrumentKey[],
  by: GroupBy,
): Promise<(string | null)[]> {
  // `by` is one of two literal column names, never user text; the region is a parameter.
  const rows = await session.query<{ ticker: string; grp: string | null }>(
    `SELECT ticker, COALESCE(NULLIF(t.${by}, ''), NULLIF(d.${by}, '')) AS grp
       FROM tickers t FULL JOIN stock_details d USING (ticker, region)
      WHERE region = $1`,
    [region],
  );
  const known = new Map(rows.map((r) => [r.ticker, r.grp]));
  return instruments.map((i) => known.get(i.ticker) ?? null);
}

/** readInstrumentGroups, refused when neutralising by them would leave no score. */
export async function instrumentGroups(
  session: Queryable,
  region: string,
  instruments: readonly InstrumentKey[],
  by: GroupBy,
): Promise<(string | null)[]> {
  const groups = await readInstrumentGroups(session, region, instruments, by);
  const counts = new Map<string, number>();
  for (const g of groups) if (g !== null) counts.set(g, (counts.get(g) ?? 0) + 1);
  const aGroup = by === "industry" ? "an industry" : "a sector";
  if (counts.size === 0) {
    throw new InputError(
      `cannot neutralize by ${by} in region ${region}: none of its ${instruments.length} instruments has ${aGroup} ` +
        `(tickers.${by} or stock_details.${by}); load instruments with one, or compute without neutralising`,
    );
  }
  if (Math.max(...counts.values()) < 2) {
    throw new InputError(
      `cannot neutralize by ${by} in region ${region}: no two of its ${instruments.length} instruments are in the same ${by}, ` +
        `so no score would remain; compute without neutralising`,
    );
  }
  return groups;
}
