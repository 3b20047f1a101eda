/**
 * Stored factor scores on a market's grid, point in time, one computation at a time: the cell of
 * row d is the instrument's `score` from the latest computation of the factor for its region dated
 * on or before dates[d] (a computation = the date a factor job stored scores for that region). A name
 * missing from that computation has no score (NaN), so a stale score never outlives a newer
 * computation, and the cells do not depend on where the run starts. Nothing stored after d is read
 * for d. With several factors the cells are combined by the composite rules
 * (factors/cross-section/composite.ts). A factor with no computation on or before the grid's last
 * date for any region of the universe is bad input.
 */
import type { Session } from "../../db/index.ts";
import { InputError } from "../../errors.ts";
import { composite } from "../../factors/cross-section/composite.ts";
import { nanPanel, type Panel } from "../../panel/index.ts";
import type { Market } from "../types.ts";

export async function loadScores(session: Session, market: Market, weights: Readonly<Record<string, number>>): Promise<Panel> {
  const panels: Record<string, Panel> = {};
  for (const name of Object.keys(weights)) panels[name] = await oneFactor(session, market, name);
  const names = Object.keys(weights);
  return names.length === 1 && weights[names[0]] > 0 ? panels[names[0]] : composite(panels, weights);
}

async function oneFactor(session: Session, market: Market, factorName: string): Promise<Panel> {
  const { dates, instruments, labels } = market;
  const first = dates[0];
  const last = dates[dates.length - 1];
  const regions = [...new Set(instruments.map((k) => k.region))];
  // Each region's computations from the one in force on the grid's first date to its last date.
  const computations = await session.query<{ region: string; days: string[] }>(
    `SELECT c.region, array_agg(DISTINCT c.date::text ORDER BY c.date::text) AS days
       FROM factor_scores c
      WHERE c.factor_name = $1 AND c.region = ANY ($2::text[]) AND c.date <= $4::date
        AND c.date >= COALESCE((SELECT max(p.date) FROM factor_scores p WHERE p.factor_name = $1 AND p.region = c.region AND p.date <= $3::date), $3::date)
      GROUP BY c.region`,
    [factorName, regions, first, last],
  );
  if (computations.length === 0) {
    throw new InputError(`factor "${factorName}" has no stored scores for this universe up to ${last}; compute it first (npm run factors:compute)`);
  }
  const since = computations.reduce((min, c) => (c.days[0] < min ? c.days[0] : min), last);
  const rows = await session.query<{ ticker: string; region: string; days: string[]; scores: (number | null)[] }>(
    `SELECT s.ticker, s.region, array_agg(s.date::text ORDER BY s.date) AS days, array_agg(s.score ORDER BY s.date) AS scores
       FROM factor_scores s
       JOIN jsonb_to_recordset($2::jsonb) AS i(ticker text, region text) ON s.ticker = i.ticker AND s.region = i.region
      WHERE s.factor_name = $1 AND s.date BETWEEN $3::date AND $4::date
      GROUP BY s.region, s.ticker`,
    [factorName, JSON.stringify(instruments.map(({ ticker, region }) => ({ ticker, region }))), since, last],
  );
  const computationRow = new Map(computations.map((c) => [c.region, latestOnOrBefore(dates, c.days)]));
  const width = instruments.length;
  const columnOf = new Map(instruments.map((k, i) => [`${k.ticker}\u0000${k.region}`, i]));
  const panel = nanPanel(dates, labels);
  for (const r of rows) {
    const i = columnOf.get(`${r.ticker}\u0000${r.region}`)!;
    const inForce = computationRow.get(r.region)!;
    let k = 0;
    for (let d = 0; d < dates.length; d++) {
      const computed = inForce[d];
      if (computed === undefined) continue;
      while (k < r.days.length && r.days[k] < computed) k++;
      const score = r.days[k] === computed ? r.scores[k] : null;
      if (score !== null) panel.values[d * width + i] = score;
    }
  }
  return panel;
}

/** For each grid date, the latest of the ascending `days` on or before it (undefined before the first). */
function latestOnOrBefore(dates: readonly string[], days: readonly string[]): (string | undefined)[] {
  let k = -1;
  return dates.map((date) => {
    while (k + 1 < days.length && days[k + 1] <= date) k++;
    return k < 0 ? undefined : days[k];
  });
}
