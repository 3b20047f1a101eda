/**
 * Every report in a real browser: Debian's chromium (/usr/bin/chromium, installed by .ci/run), driven
 * by playwright-core, opens each report file from disk and must show no console error or page error,
 * drawn marks in every chart (path, rect or symbol elements inside the SVG's data marks), and a page
 * that fits a 1280 px viewport without horizontal scrolling. A full-page screenshot of each report is
 * written beside the HTML files in a temporary folder the test logs; with REPORT_SCREENSHOTS=DIR they
 * go to DIR instead (`REPORT_SCREENSHOTS=docs/img` refreshes the README's pictures).
 * Results are real runs on a seeded embedded database (results.ts).
 */
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/index.ts";
import { writeReport } from "../../src/report/index.ts";
import { reportResults, seedReportMarket, type ReportResults } from "./results.ts";

const CHROMIUM = "/usr/bin/chromium";
const REPORTS = [
  ["backtest-report", (r: ReportResults) => r.backtest],
  ["walk-forward-report", (r: ReportResults) => r.walkForward],
  ["optimization-report", (r: ReportResults) => r.optimization],
  ["max-sharpe-report", (r: ReportResults) => r.maxSharpe],
  ["factor-report", (r: ReportResults) => r.factor],
] as const;

describe("reports in chromium", () => {
  let db: Database;
  let browser: Browser;
  let results: ReportResults;
  const pages = mkdtempSync(join(tmpdir(), "reports-"));
  const folder = process.env.REPORT_SCREENSHOTS ? resolve(process.env.REPORT_SCREENSHOTS) : pages;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (as root: apt-get install -y chromium); .ci/run does`);
    mkdirSync(folder, { recursive: true });
    console.log(`reports: ${pages}; screenshots: ${folder}`);
    db = await openDatabase({ dir: "memory://" });
    await seedReportMarket(db);
    results = await reportResults(db);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await db?.close();
  });

  for (const [name, pick] of REPORTS) {
    it(`${name}: no console errors, marks in every chart, fits 1280 px, screenshot`, async () => {
      const file = await writeReport(pick(results), join(pages, `${name}.html`));
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("request", (request) => {
        if (!request.url().startsWith("file:")) errors.push(`network request: ${request.url()}`);
      });
      await page.goto(pathToFileURL(file).href);
      const charts = await page.$$eval(".chart svg", (svgs) =>
        svgs.map((svg) => ({
          title: svg.closest("figure")?.querySelector("figcaption")?.textContent ?? "",
          marks: svg.querySelectorAll(".role-mark path, .role-mark rect, .role-mark symbol, .role-mark line").length,
        })),
      );
      expect(charts.length).toBeGreaterThan(2);
      expect(charts.filter((c) => c.marks === 0)).toEqual([]);
      expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(1280);
      await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);
  }
});
