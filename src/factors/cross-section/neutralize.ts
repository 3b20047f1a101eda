/**
 * Group neutralisation per date: subtract the group's mean from each member's value (typically
 * z-scores within sector or industry), so a factor ranks names against their peers instead of
 * betting on whole sectors. Not re-scaled afterwards.
 *
 * Groups are per ticker (`groups[t]` for `tickers[t]`), fixed over the panel's dates. A ticker with no
 * group (null/undefined/empty) has no peers and gets NaN; so does a group with fewer than 2 finite
 * members on a date (a lone member's demeaned value would be a meaningless 0). Callers who want
 * unclassified names kept can map them to an explicit group such as "UNCLASSIFIED".
 */
import { nanPanel, type Panel } from "../../panel/index.ts";
import { InputError } from "../../errors.ts";

export function neutralize(panel: Panel, groups: readonly (string | null | undefined)[]): Panel {
  const nTickers = panel.tickers.length;
  if (groups.length !== nTickers) {
    throw new InputError(`neutralize: ${groups.length} groups given for ${nTickers} tickers`);
  }
  const groupIds = new Map<string, number>();
  const groupOf = Int32Array.from(groups, (g) => {
    if (g === null || g === undefined || g === "") return -1;
    let id = groupIds.get(g);
    if (id === undefined) groupIds.set(g, (id = groupIds.size));
    return id;
  });
  const sum = new Float64Array(groupIds.size);
  const count = new Int32Array(groupIds.size);
  const result = nanPanel(panel.dates, panel.tickers);
  for (let d = 0; d < panel.dates.length; d++) {
    const base = d * nTickers;
    sum.fill(0);
    count.fill(0);
    for (let t = 0; t < nTickers; t++) {
      const v = panel.values[base + t];
      const g = groupOf[t];
      if (g >= 0 && v - v === 0) {
        sum[g] += v;
        count[g]++;
      }
    }
    for (let t = 0; t < nTickers; t++) {
      const v = panel.values[base + t];
      const g = groupOf[t];
      if (g >= 0 && v - v === 0 && count[g] >= 2) result.values[base + t] = v - sum[g] / count[g];
    }
  }
  return result;
}
