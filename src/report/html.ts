/**
 * The page every report is: one self-contained HTML document (inline CSS and SVG, no script, no
 * network), laid out to fit a 1280 px window without horizontal scrolling, and the pieces reports are
 * built from: sections, figures (a chart with its table of figures beside it), tables, notes.
 *
 * All text goes through `escapeHtml`. Numbers are formatted for reading (formatNumber, formatPercent)
 * and a value that cannot be computed (null, NaN, ±Infinity) shows as "–", never 0.
 */
import { chartSvg, type ChartSpec } from "./chart.ts";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export const MISSING = "–";

const finite = (x: number | null | undefined): x is number => typeof x === "number" && Number.isFinite(x);

/** Fixed decimals with thousands separators; "–" when not computable. */
export function formatNumber(x: number | null | undefined, digits = 2): string {
  return finite(x) ? x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }) : MISSING;
}

/** A fraction as a percentage: 0.1234 → "12.34%". */
export function formatPercent(x: number | null | undefined, digits = 2): string {
  return finite(x) ? `${(100 * x).toFixed(digits)}%` : MISSING;
}

/** One table cell: text (escaped), or a number with its formatter (right-aligned). */
export type Cell = string | { readonly value: number | null | undefined; readonly format?: (x: number | null | undefined) => string };

export function table(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const cell = (c: Cell, tag: "td" | "th") =>
    typeof c === "string" ? `<${tag}>${escapeHtml(c)}</${tag}>` : `<${tag} class="num">${escapeHtml((c.format ?? formatNumber)(c.value))}</${tag}>`;
  const head = `<thead><tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead>`;
  const body = `<tbody>${rows.map((r) => `<tr>${r.map((c) => cell(c, "td")).join("")}</tr>`).join("")}</tbody>`;
  return `<div class="table"><table>${head}${body}</table></div>`;
}

/** A chart with its table of figures beside it (below it on a narrow window). */
export interface Figure {
  readonly title: string;
  readonly spec: ChartSpec;
  /** The numbers the chart draws (or the ones a reader wants beside it), as a table. */
  readonly table: string;
  /** One or two sentences: what is drawn and how to read it. */
  readonly caption?: string;
}

export function figure(f: Figure): string {
  const caption = f.caption === undefined ? "" : `<p class="caption">${escapeHtml(f.caption)}</p>`;
  return `<figure class="figure"><figcaption>${escapeHtml(f.title)}</figcaption>${caption}<div class="figure-body"><div class="chart">${chartSvg(f.spec)}</div>${f.table}</div></figure>`;
}

export function section(title: string, ...content: string[]): string {
  return `<section><h2>${escapeHtml(title)}</h2>${content.join("")}</section>`;
}

export function notes(lines: readonly string[]): string {
  return lines.length === 0 ? "" : `<ul class="notes">${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join("")}</ul>`;
}

export function paragraph(text: string): string {
  return `<p>${escapeHtml(text)}</p>`;
}

/** Chart widths that fit beside a table in the 1280 px layout. */
export const CHART_WIDTH = 640;
export const WIDE_CHART_WIDTH = 900;

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d2330;background:#f6f7f9}
main{max-width:1240px;margin:0 auto;padding:20px 16px 48px}
header h1{font-size:22px;margin:0 0 4px}
header p{margin:0;color:#5a6272}
section{background:#fff;border:1px solid #e3e6eb;border-radius:8px;padding:12px 16px;margin-top:16px}
h2{font-size:17px;margin:4px 0 8px}
.figure{margin:12px 0 16px}
figcaption{font-weight:600}
.caption{margin:2px 0 6px;color:#5a6272;font-size:13px}
.figure-body{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
.chart{flex:0 1 auto;max-width:100%;overflow:hidden}
.chart svg{max-width:100%;height:auto}
.table{flex:1 1 280px;min-width:0;max-width:100%;max-height:420px;overflow:auto}
table{border-collapse:collapse;font-size:12.5px;font-variant-numeric:tabular-nums}
th,td{padding:3px 8px;border-bottom:1px solid #eceff3;text-align:left;white-space:nowrap}
thead th{position:sticky;top:0;background:#fafbfc}
td.num,th.num{text-align:right}
.notes{color:#5a6272;font-size:13px}
.metrics{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:4px 16px}
.metrics div{display:flex;justify-content:space-between;border-bottom:1px solid #f0f1f4;padding:2px 0}
.metrics span:last-child{font-variant-numeric:tabular-nums}
`;

/** The whole document. `subtitle` is one line under the title (what ran, over which dates). */
export function page(title: string, subtitle: string, body: readonly string[]): string {
  return [
    "<!DOCTYPE html>",
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title><style>${CSS}</style></head>`,
    `<body><main><header><h1>${escapeHtml(title)}</h1><p>${escapeHtml(subtitle)}</p></header>`,
    ...body,
    "</main></body></html>",
  ].join("\n");
}

/** Name/value pairs as a compact grid (the metrics table). */
export function keyValues(pairs: readonly (readonly [string, string])[]): string {
  return `<div class="metrics">${pairs.map(([k, v]) => `<div><span>${escapeHtml(k)}</span><span>${escapeHtml(v)}</span></div>`).join("")}</div>`;
}
