/**
 * Vega-Lite spec builders the reports share: a dated line chart, a bar chart, a heatmap, a histogram.
 * Data is inline (rows of plain objects); dates are YYYY-MM-DD strings read on a UTC time scale, so a
 * date is drawn on its own day whatever the machine's time zone.
 */
import type { ChartSpec } from "./chart.ts";
import { CHART_WIDTH } from "./html.ts";

type Row = Record<string, string | number | null>;

export interface LineOptions {
  readonly y: string;
  readonly yTitle: string;
  /** A field naming the series (one line each), drawn with a legend. */
  readonly series?: string;
  readonly format?: string;
  readonly log?: boolean;
  readonly area?: boolean;
  readonly width?: number;
  readonly height?: number;
  /** Draw a horizontal rule at this value. */
  readonly rule?: number;
}

/** Lines over dates; rows with a null y leave a gap. */
export function dateLines(rows: readonly Row[], options: LineOptions): ChartSpec {
  const { y, yTitle, series, format, log, area, rule } = options;
  const line = {
    mark: area ? { type: "area" as const, line: true, opacity: 0.35, interpolate: "step-after" as const } : { type: "line" as const, strokeWidth: 1.5 },
    encoding: {
      x: { field: "date", type: "temporal" as const, title: null, scale: { type: "utc" as const }, axis: { format: "%Y-%m", labelAngle: 0 } },
      y: { field: y, type: "quantitative" as const, title: yTitle, axis: format ? { format } : {}, scale: log ? { type: "log" as const } : { zero: false } },
      ...(series ? { color: { field: series, type: "nominal" as const, title: null, legend: { orient: "top" as const } } } : {}),
    },
  };
  const layers: object[] = [line];
  if (rule !== undefined) layers.push({ data: { values: [{ rule }] }, mark: { type: "rule", color: "#8a93a3", strokeDash: [4, 3] }, encoding: { y: { field: "rule", type: "quantitative" } } });
  return { width: options.width ?? CHART_WIDTH, height: options.height ?? 220, data: { values: rows as Row[] }, layer: layers } as ChartSpec;
}

export interface BarOptions {
  readonly x: string;
  readonly y: string;
  readonly xTitle: string;
  readonly yTitle: string;
  readonly format?: string;
  /** Keep the rows' order on the x axis (default), or sort by y descending. */
  readonly sortByValue?: boolean;
  readonly color?: string;
  readonly width?: number;
  readonly height?: number;
  /** Colour negative bars red. */
  readonly signColors?: boolean;
  /** Bars of several series side by side, coloured by this field. */
  readonly series?: string;
}

export function bars(rows: readonly Row[], options: BarOptions): ChartSpec {
  const { x, y, xTitle, yTitle, format, sortByValue, signColors, series } = options;
  const color = series
    ? { color: { field: series, type: "nominal" as const, title: null, legend: { orient: "top" as const } }, xOffset: { field: series, type: "nominal" as const } }
    : signColors
      ? { color: { condition: { test: `datum['${y}'] < 0`, value: "#c23b3b" }, value: "#2f6db5" } }
      : { color: { value: options.color ?? "#2f6db5" } };
  return {
    width: options.width ?? CHART_WIDTH,
    height: options.height ?? 220,
    data: { values: rows as Row[] },
    mark: { type: "bar" },
    encoding: {
      x: { field: x, type: "ordinal", title: xTitle, sort: sortByValue ? { field: y, order: "descending" } : null, axis: { labelAngle: 0, labelOverlap: true } },
      y: { field: y, type: "quantitative", title: yTitle, axis: format ? { format } : {} },
      ...color,
    },
  } as ChartSpec;
}

export interface HeatmapOptions {
  readonly x: string;
  readonly y: string;
  readonly value: string;
  readonly xTitle: string | null;
  readonly yTitle: string | null;
  readonly format: string;
  readonly xSort?: readonly (string | number)[];
  readonly width?: number;
}

/** Cells coloured red (negative) to green (positive) around 0, each labelled with its value. */
export function heatmap(rows: readonly Row[], options: HeatmapOptions): ChartSpec {
  const { x, y, value, xTitle, yTitle, format, xSort } = options;
  const encoding = {
    x: { field: x, type: "ordinal", title: xTitle, sort: xSort ?? null, axis: { labelAngle: 0 } },
    y: { field: y, type: "ordinal", title: yTitle },
  };
  const years = new Set(rows.map((r) => r[y])).size;
  return {
    width: options.width ?? CHART_WIDTH,
    height: Math.max(40, 26 * years),
    data: { values: rows as Row[] },
    encoding,
    layer: [
      { mark: { type: "rect" }, encoding: { color: { field: value, type: "quantitative", title: null, scale: { scheme: "redyellowgreen", domainMid: 0 }, legend: { format } } } },
      { mark: { type: "text", fontSize: 10 }, encoding: { text: { field: value, type: "quantitative", format } } },
    ],
  } as ChartSpec;
}

/** A histogram of `field` (at most 40 bins), with a rule at the mean. */
export function histogram(rows: readonly Row[], field: string, title: string, format: string, mean: number | null, countTitle: string): ChartSpec {
  const layers: object[] = [
    { mark: { type: "bar", color: "#2f6db5" }, encoding: { x: { field, bin: { maxbins: 40 }, type: "quantitative", title, axis: { format } }, y: { aggregate: "count", type: "quantitative", title: countTitle } } },
  ];
  if (mean !== null) layers.push({ data: { values: [{ mean }] }, mark: { type: "rule", color: "#e07b39", strokeWidth: 2 }, encoding: { x: { field: "mean", type: "quantitative" } } });
  return { width: CHART_WIDTH, height: 200, data: { values: rows as Row[] }, layer: layers } as ChartSpec;
}
