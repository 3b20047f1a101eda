/**
 * Charts for the reports: a Vega-Lite spec → Vega → an SVG string, in Node, without a browser or the
 * network (vega's headless SVG string renderer over inline data), and SVG → PNG with resvg.
 *
 * Rendering is synchronous: with inline `data.values` nothing loads, so `view.run()` evaluates the
 * whole dataflow at once and the scene can be drawn as vega's own `toSVG()` would (same size,
 * padding and origin). Every chart gets the same font, colours and a transparent background.
 * Non-finite numbers must not reach a spec (vega would draw them at 0): callers pass null.
 */
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { Resvg } from "@resvg/resvg-js";

export type ChartSpec = TopLevelSpec;

const CONFIG = {
  font: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  background: "transparent",
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 11, grid: true, gridColor: "#eceff3" },
  legend: { labelFontSize: 11, titleFontSize: 11, labelLimit: 320 },
  range: { category: ["#2f6db5", "#e07b39", "#3a9b5c", "#c23b3b", "#7b5ea7", "#8c6d31", "#d45d9e", "#6b6b6b", "#17a2b8", "#b5a82f"] },
};

/** The SVG markup of a Vega-Lite spec (its data inline). */
export function chartSvg(spec: ChartSpec): string {
  const compiled = compile({ config: CONFIG, ...spec } as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  view.run();
  // vega-view's renderHeadless, minus the promise: size and origin as view/render-size.js computes them.
  const internals = view as unknown as { _viewWidth: number; _viewHeight: number; _origin: [number, number] };
  const padding = view.padding() as { left: number; right: number; top: number; bottom: number };
  const width = Math.max(0, internals._viewWidth + padding.left + padding.right);
  const height = Math.max(0, internals._viewHeight + padding.top + padding.bottom);
  const origin = [padding.left + internals._origin[0], padding.top + internals._origin[1]];
  const renderer = new (vega as unknown as { SVGStringRenderer: new (loader: unknown) => SvgStringRenderer }).SVGStringRenderer(view.loader());
  renderer.initialize(null, width, height, origin).background(view.background());
  renderer.render((view.scenegraph() as unknown as { root: unknown }).root);
  const svg = renderer.svg();
  view.finalize();
  return svg;
}

interface SvgStringRenderer {
  initialize(el: null, width: number, height: number, origin: number[]): SvgStringRenderer;
  background(color: unknown): SvgStringRenderer;
  render(scene: unknown): SvgStringRenderer;
  svg(): string;
}

/** A PNG of an SVG at `width` pixels (height in proportion), white background. */
export function svgToPng(svg: string, width?: number): Buffer {
  const resvg = new Resvg(svg, {
    background: "white",
    fitTo: width === undefined ? { mode: "original" } : { mode: "width", value: width },
    font: { loadSystemFonts: true },
  });
  return resvg.render().asPng();
}

/** NaN and ±Infinity as null, which a spec leaves out instead of drawing at 0. */
export function finiteOrNull(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value;
}
