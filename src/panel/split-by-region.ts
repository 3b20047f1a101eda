/**
 * One panel per region out of a panel over several regions (prices.panel without a region filter,
 * whose tickers read `ticker.region` when regions mix and whose `instruments` say what each column is).
 *
 * Each region's panel keeps that region's instruments, in the input's order, and only the dates on
 * which at least one of them has a value, so its rows are its own exchange's trading days; its tickers
 * are the plain tickers, unique within a region. Cross-sections are taken one region at a time
 * (a z-score across markets and currencies compares unlike things).
 */
import { selectColumns } from "./select-columns.ts";
import { selectRows } from "./select-rows.ts";
import type { Panel } from "./types.ts";

/** Identity of a panel column as stored. */
export interface PanelInstrument {
  readonly ticker: string;
  readonly region: string;
}

export interface RegionPanel extends Panel {
  readonly region: string;
  /** Identity of column t as stored. */
  readonly instruments: readonly PanelInstrument[];
}

/** Region panels in ascending region order; regions without any value do not appear. */
export function splitByRegion(panel: Panel & { readonly instruments: readonly PanelInstrument[] }): RegionPanel[] {
  const columnsOf = new Map<string, number[]>();
  panel.instruments.forEach(({ region }, t) => {
    let columns = columnsOf.get(region);
    if (columns === undefined) columnsOf.set(region, (columns = []));
    columns.push(t);
  });
  return [...columnsOf.keys()].sort().flatMap((region): RegionPanel[] => {
    const columns = columnsOf.get(region)!;
    const own = selectColumns(panel, columns);
    const rows = rowsWithValues(own);
    if (rows.length === 0) return [];
    const instruments = columns.map((t) => panel.instruments[t]);
    const { dates, values } = rows.length === own.dates.length ? own : selectRows(own, rows);
    return [{ region, dates, tickers: instruments.map((i) => i.ticker), values, instruments }];
  });
}

/** Rows where some column has a value. */
function rowsWithValues(panel: Panel): number[] {
  const width = panel.tickers.length;
  const rows: number[] = [];
  for (let d = 0; d < panel.dates.length; d++) {
    for (let cell = d * width; cell < (d + 1) * width; cell++) {
      if (panel.values[cell] === panel.values[cell]) {
        rows.push(d);
        break;
      }
    }
  }
  return rows;
}
