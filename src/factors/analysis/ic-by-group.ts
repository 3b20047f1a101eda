/**
 * IC and rank IC within each group (sector, industry), as alphalens' factor_information_coefficient
 * with by_group=True: on each date, the correlation between factor values and forward returns over
 * the group's names only (correlation.ts: fewer than 3 pairs → NaN, the date drops out), then
 * summarised over dates (summary.ts: sample std, IR per period, not annualised). Names without a
 * group take no part. Groups in label order (group-index.ts).
 */
import { assertSameShape, type Panel, row } from "../../panel/index.ts";
import { RowPairs } from "./correlation.ts";
import type { GroupIndex } from "./group-index.ts";
import type { IcSummary } from "./ic.ts";
import { summarize } from "./summary.ts";

export interface GroupIc extends IcSummary {
  readonly group: string;
  /** Names in the panel that belong to the group. */
  readonly names: number;
}

export function icByGroup(factor: Panel, forward: Panel, groups: GroupIndex): GroupIc[] {
  assertSameShape(factor, forward, "icByGroup, forward returns");
  const pairs = new RowPairs(factor.tickers.length);
  const nDates = factor.dates.length;
  return groups.labels.map((group, g) => {
    const member = (t: number) => groups.of[t] === g;
    const ic = new Float64Array(nDates);
    const rankIc = new Float64Array(nDates);
    for (let d = 0; d < nDates; d++) {
      pairs.load(row(factor, d), row(forward, d), member);
      ic[d] = pairs.pearson();
      rankIc[d] = pairs.spearman();
    }
    const names = groups.of.reduce((count, of) => count + (of === g ? 1 : 0), 0);
    return { group, names, ic: summarize(ic), rankIc: summarize(rankIc) };
  });
}
