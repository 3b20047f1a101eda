/**
 * Stored factor scores on a market's grid, point in time: the cell of row d is the latest `score`
 * stored for that instrument on or before dates[d] (so a factor computed month-end serves every day
 * until the next computation, and nothing stored after d is read for d). With several factors the
 * cells are combined by the composite rules (factors/cross-section/composite.ts).
 * A factor with no stored score on or before the grid's last date is bad input.
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
  const rows = await session.query<{ ticker: string; region: string; days: string[]; scores: (number | null)[] }>(
    `SELECT s.ticker, s.region, array_agg(s.date::text ORDER BY s.date) AS days, array_agg(s.score ORDER BY s.date) AS scores
       FROM factor_scores s
       JOIN jsonb_to_recordset($2::jsonb) AS i(ticker text, region text) ON s.ticker = i.ticker AND s.region = i.region
      WHERE s.factor_name = $1 AND s.date <= $4::date
        AND s.date >= COALESCE((SELECT max(date) FROM factor_scores WHERE factor_name = $1 AND date <= $3::date), $3::date)
      GROUP BY s.region, s.ticker`,
    [factorName, JSON.stringify(instruments.map(({ ticker, region }) => ({ ticker, region }))), first, last],
  );
  if (rows.length === 0) {
    throw new InputError(`factor "${factorName}" has no stored scores for this universe up to ${last}; compute it first (npm run factors:compute)`);
  }
  const width = instruments.length;
  const columnOf = new Map(instruments.map((k, i) => [`${k.ticker}\u0000${k.region}`, i]));
  const panel = nanPanel(dates, labels);
  for (const r of rows) {
    const i = columnOf.get(`${r.ticker}\u0000${r.region}`)!;
    let k = -1;
    for (let d = 0; d < dates.length; d++) {
      while (k + 1 < r.days.length && r.days[k + 1] <= dates[d]) k++;
      if (k >= 0 && r.scores[k] !== null) panel.values[d * width + i] = r.scores[k]!;
    }
  }
  return panel;
}
