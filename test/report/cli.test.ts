/**
 * `--report FILE.html` on the four scripts, run as a user would on a seeded embedded database
 * (results.ts's market): the page is written, its tables carry the numbers `--json` printed, and a
 * bad file name is one line, exit 2, before any work and with nothing written; scripts/report.ts
 * renders a saved run by its id.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatNumber, formatPercent } from "../../src/report/html.ts";
import { runScript, withDatabaseIn } from "../embedded-script.ts";
import { DATES, seedReportMarket, TICKERS } from "./results.ts";

const dir = mkdtempSync(join(tmpdir(), "report-cli-"));
const out = (name: string) => join(dir, name);
const range = ["--from", DATES[252], "--to", DATES[DATES.length - 1]];

describe("--report on the scripts", () => {
  beforeAll(async () => {
    await withDatabaseIn(join(dir, "db"), seedReportMarket);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (script: string, args: string[]) => runScript(script, args, join(dir, "db"));

  it("backtest --json --report: the page shows the printed metrics", () => {
    const result = run("scripts/backtest.ts", ["--strategy", "equal-weight", "--tickers", TICKERS.join(","), ...range, "--json", "--report", out("b.html")]);
    expect(result.stderr).toEqual([`report written to ${out("b.html")}`]);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    const html = readFileSync(out("b.html"), "utf8");
    expect(html).toContain(`<td class="num">${formatPercent(report.metrics.totalReturn)}</td>`);
    expect(html).toContain(`<td class="num">${formatNumber(report.finalValue)}</td>`);
  }, 120_000);

  it("walk-forward, optimize and factor-report write their pages", () => {
    const wf = run("scripts/walk-forward.ts", ["--strategy", "sma-cross", "--grid", "period=5,20", "--train", "60", "--test", "30", "--partitions", "2", "--tickers", TICKERS.join(","), ...range, "--json", "--report", out("w.html")]);
    expect(wf.status).toBe(0);
    expect(readFileSync(out("w.html"), "utf8")).toContain(`<span>${formatPercent(JSON.parse(wf.stdout).oos.totalReturn)}</span>`);
    const opt = run("scripts/optimize.ts", ["--method", "hrp", "--tickers", TICKERS.join(","), ...range, "--price-field", "close", "--json", "--report", out("o.html")]);
    expect(opt.status).toBe(0);
    expect(readFileSync(out("o.html"), "utf8")).toContain("HRP dendrogram (single linkage)");
    expect(run("scripts/compute-factors.ts", [...range, "--factors", "reversal_1m"]).status).toBe(0);
    const factor = run("scripts/factor-report.ts", ["--factor", "reversal_1m", "--from", DATES[260], "--to", DATES[380], "--json", "--report", out("f.html")]);
    expect(factor.stderr).toEqual([`report written to ${out("f.html")}`]);
    expect(factor.status).toBe(0);
    const document = JSON.parse(factor.stdout);
    expect(Object.keys(document)).not.toContain("series");
    const html = readFileSync(out("f.html"), "utf8");
    expect(html).toContain(`<td class="num">${formatNumber(document.report.horizons[0].ic.mean, 4)}</td>`);
    expect(html).toContain("Cumulative return by quantile");
  }, 240_000);

  it("report.ts renders a saved run by its id with the metrics --json printed; an unknown id is one line, exit 2", () => {
    const saved = run("scripts/backtest.ts", ["--strategy", "equal-weight", "--tickers", TICKERS.join(","), ...range, "--save", "--json"]);
    expect(saved.status).toBe(0);
    const report = JSON.parse(saved.stdout);
    const rendered = run("scripts/report.ts", ["--run", String(report.runId), "--out", out("stored.html")]);
    expect(rendered.stderr).toEqual([`report written to ${out("stored.html")}`]);
    expect(rendered.status).toBe(0);
    const html = readFileSync(out("stored.html"), "utf8");
    expect(html).toContain(`run ${report.runId}`);
    expect(html).toContain(`<td class="num">${formatPercent(report.metrics.totalReturn)}</td>`);
    const missing = run("scripts/report.ts", ["--run", "999", "--out", out("missing.html")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toEqual(["error: no stored run with backtest_results id 999; save one with scripts/backtest.ts --save or scripts/walk-forward.ts --save"]);
    expect(existsSync(out("missing.html"))).toBe(false);
  }, 120_000);

  it("a --report that is not an HTML file name is one line, exit 2, nothing written", () => {
    const result = run("scripts/optimize.ts", ["--method", "hrp", "--tickers", TICKERS.join(","), ...range, "--report", out("weights.csv")]);
    expect(result.status).toBe(2);
    expect(result.stderr).toEqual([`error: --report needs an HTML file name, e.g. --report report.html (got "${out("weights.csv")}")`]);
    expect(result.stdout).toBe("");
    expect(existsSync(out("weights.csv"))).toBe(false);
  }, 60_000);
});
