/**
 * One close panel per region out of a panel over several regions (prices.panel without a region
 * filter, whose tickers read `ticker.region` when regions mix).
 *
 * Each region's panel keeps that region's instruments, in the input's order, and only the dates on
 * which at least one of them has a bar, so its rows are its own exchange's trading days; its tickers
 * are the plain tickers, unique within a region. Factors are scored one region at a time
 * (score-factor.ts: a z-score across markets and currencies compares unlike things).
 */
import type { Panel } from "../../panel.ts";
import type { InstrumentKey } from "../../repositories/index.ts";

export interface RegionPanel extends Panel {
  readonly region: string;
  /** Identity of column t as stored. */
  readonly instruments: readonly InstrumentKey[];
}

/** Region panels in ascending region order; regions without any bar do not appear. */
export function splitByRegion(panel: Panel & { readonly instruments: readonly InstrumentKey[] }): RegionPanel[] {
  const columnsOf = new Map<string, number[]>();
  panel.instruments.forEach(({ region }, t) => {
    let columns = columnsOf.get(region);
    if (columns === undefined) columnsOf.set(region, (columns = []));
    columns.push(t);
  });
  const width = panel.tickers.length;
  const regions = [...columnsOf.keys()].sort();
  return regions.map((region): RegionPanel => {
    const columns = columnsOf.get(region)!;
    const rows: number[] = [];
    for (let d = 0; d < panel.dates.length; d++) {
      if (columns.some((t) => panel.values[d * width + t] === panel.values[d * width + t])) rows.push(d);
    }
    const values = new Float64Array(rows.length * columns.length);
    rows.forEach((d, r) => {
      columns.forEach((t, c) => (values[r * columns.length + c] = panel.values[d * width + t]));
    });
    const instruments = columns.map((t) => panel.instruments[t]);
    return {
      region,
      dates: rows.map((d) => panel.dates[d]),
      tickers: instruments.map((i) => i.ticker),
      values,
      instruments,
    };
  });
}
