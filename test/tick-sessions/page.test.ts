/**
 * The sessions page in a real browser: Debian's chromium (/usr/bin/chromium) driven by
 * playwright-core opens `/` of a running server over the fixture (embedded engine; the API under it
 * is tested on both engines elsewhere). It must list the sessions, draw the chosen session's candles
 * and spread (canvas pixels in the candle and spread colours), log no console or page error, and
 * request nothing but this server. A screenshot goes to a temporary folder the test logs, or to
 * REPORT_SCREENSHOTS=DIR (`REPORT_SCREENSHOTS=docs/img` refreshes the README's picture).
 */
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/index.ts";
import { serveSessions, type RunningServer } from "../../src/server/serve.ts";
import { candlesFromTicks } from "./expected.ts";
import { ETH_TICKS, SESSION_A, SESSION_ACTIVE, SESSION_C, SESSION_D, seedTickSessions } from "./fixture.ts";

const CHROMIUM = "/usr/bin/chromium";

const COLOURS: Record<string, [number, number, number]> = { up: [0x26, 0xa6, 0x9a], down: [0xef, 0x53, 0x50], spread: [0x3b, 0x6f, 0xd8] };

/**
 * Runs in the page (this project's types have no DOM, hence `any`): pixels of each of `wanted` (within
 * 8 per channel, nearly opaque) over all the page's canvases. Passed as a function, not a string: the
 * page's Content-Security-Policy forbids evaluating strings.
 */
function countPixels(wanted: Record<string, [number, number, number]>): Record<string, number> {
  const document = (globalThis as any).document;
  const counts: Record<string, number> = Object.fromEntries(Object.keys(wanted).map((k) => [k, 0]));
  for (const canvas of document.querySelectorAll("canvas")) {
    if (canvas.width === 0 || canvas.height === 0) continue;
    const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 0; i < data.length; i += 4) {
      for (const [name, [r, g, b]] of Object.entries(wanted)) {
        if (data[i + 3] > 200 && Math.abs(data[i] - r) <= 8 && Math.abs(data[i + 1] - g) <= 8 && Math.abs(data[i + 2] - b) <= 8) counts[name]++;
      }
    }
  }
  return counts;
}

/** Runs in the page: the summary line's text. */
const summaryText = (): string => (globalThis as any).document.getElementById("summary").textContent;

describe("sessions page in chromium", () => {
  let db: Database;
  let server: RunningServer;
  let browser: Browser;
  const folder = process.env.REPORT_SCREENSHOTS ? resolve(process.env.REPORT_SCREENSHOTS) : mkdtempSync(join(tmpdir(), "sessions-page-"));

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (as root: apt-get install -y chromium); .ci/run does`);
    mkdirSync(folder, { recursive: true });
    console.log(`sessions page screenshot: ${folder}`);
    db = await openDatabase({ dir: "memory://" });
    await seedTickSessions(db);
    server = await serveSessions({ database: db, port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  it("lists the sessions, draws candles and the spread, no console errors, nothing fetched from elsewhere", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));

    await page.goto(`${server.url}/`);
    await page.waitForFunction(summaryText);
    const rows = await page.locator("#sessions tbody tr").all();
    expect(await Promise.all(rows.map((row) => row.getAttribute("data-session-id")))).toEqual([SESSION_ACTIVE, SESSION_A, SESSION_C, SESSION_D]);
    expect(await page.textContent("#status")).toBe("4 sessions");

    await page.click(`#sessions tbody tr[data-session-id="${SESSION_A}"]`);
    await page.waitForFunction((start) => (globalThis as any).document.getElementById("summary").textContent.startsWith(start), `${SESSION_A} · BTC_USDT`);
    await page.selectOption("#symbol", "ETH_USDT");
    await page.waitForFunction(() => (globalThis as any).document.getElementById("summary").textContent.includes("· ETH_USDT:"));
    const candles = candlesFromTicks(ETH_TICKS, 60).length;
    expect(await page.textContent("#summary")).toBe(`${SESSION_A} · ETH_USDT: 2,503 trades, 301 order books; ${candles} 1m candles, spread from 301 order books`);
    // Drawing happens on the next animation frames: wait until the spread's line is there.
    await expect.poll(async () => (await page.evaluate(countPixels, COLOURS)).spread, { timeout: 10_000 }).toBeGreaterThan(0);
    const pixels = await page.evaluate(countPixels, COLOURS);
    expect(pixels.up).toBeGreaterThan(100);
    expect(pixels.down).toBeGreaterThan(100);
    expect(pixels.spread).toBeGreaterThan(100);

    await page.screenshot({ path: join(folder, "tick-sessions-page.png") });
    expect(errors).toEqual([]);
    expect(requests.filter((url) => !url.startsWith(`${server.url}/`))).toEqual([]);
    expect(requests.some((url) => url.endsWith("/vendor/lightweight-charts.standalone.production.js"))).toBe(true);
    await page.close();
  }, 60_000);
});
