/**
 * The Panel (types.ts: dates × tickers, row-major Float64Array, NaN = missing) and its verbs, one per
 * file. Verbs never modify their input; `row` and `sliceRows` return views, the others copies.
 */
export type { Panel } from "./types.ts";
export { nanPanel } from "./nan-panel.ts";
export { assertSameShape, sameLabels } from "./same-shape.ts";
export { resolveRows } from "./resolve-rows.ts";
export { rowsOfDates } from "./rows-of-dates.ts";
export { monthEndRows } from "./month-end-rows.ts";
export { row } from "./row.ts";
export { column } from "./column.ts";
export { lastValid } from "./last-valid.ts";
export { selectRows } from "./select-rows.ts";
export { sliceRows } from "./slice-rows.ts";
export { selectColumns } from "./select-columns.ts";
export { type PanelInstrument, type RegionPanel, splitByRegion } from "./split-by-region.ts";
