/**
 * The sessions page at `/`: static HTML, CSS and script from ./page, and lightweight-charts'
 * standalone production build served from node_modules under /vendor, so the page loads nothing
 * from elsewhere (its Content-Security-Policy allows this origin only). Files are read once.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Hono } from "hono";

const PAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), "page");
const CHARTS_DIR = join(dirname(createRequire(import.meta.url).resolve("lightweight-charts/package.json")), "dist");
const CHARTS_FILE = "lightweight-charts.standalone.production.js";

const HEADERS = {
  "content-security-policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'",
  "x-content-type-options": "nosniff",
};

export function pageRoutes(app: Hono): void {
  const files: [string, string, string][] = [
    ["/", join(PAGE_DIR, "index.html"), "text/html; charset=utf-8"],
    ["/sessions.js", join(PAGE_DIR, "sessions.js"), "text/javascript; charset=utf-8"],
    ["/sessions.css", join(PAGE_DIR, "sessions.css"), "text/css; charset=utf-8"],
    [`/vendor/${CHARTS_FILE}`, join(CHARTS_DIR, CHARTS_FILE), "text/javascript; charset=utf-8"],
  ];
  for (const [path, file, type] of files) {
    const body = readFileSync(file, "utf8");
    app.get(path, (c) => c.body(body, 200, { ...HEADERS, "content-type": type }));
  }
}
