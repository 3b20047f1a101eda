/** The synthetic FX_code_AI data folder: deterministic by seed, laid out as the collector wrote it, with each documented problem where it says. */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { collectorNumber, generateTickSessions } from "../../src/synthetic/tick-sessions.ts";
import { scratchDir } from "../ingest/sqlite/targets.ts";

const root = scratchDir("tick-sessions-sample-");

/** Every file under `dir`, relative path → SHA-256 of its bytes. */
function digest(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path)] = createHash("sha256").update(readFileSync(path)).digest("hex");
    }
  };
  walk(dir);
  return out;
}

describe("synthetic tick sessions", () => {
  const sample = generateTickSessions(join(root, "a"), { seed: 9 });
  const text = (path: string) => readFileSync(join(sample.dir, path), "utf8");

  it("the same seed writes the same bytes; another seed does not", () => {
    expect(digest(generateTickSessions(join(root, "b"), { seed: 9 }).dir)).toEqual(digest(sample.dir));
    expect(digest(generateTickSessions(join(root, "c"), { seed: 10 }).dir)).not.toEqual(digest(sample.dir));
  });

  it("writes session folders named by exec ids, symbol folders, the collector's headers, and entries that are not sessions", () => {
    expect(sample.sessions.map((s) => s.sessionId)).toEqual([
      expect.stringMatching(/^exec_20251007_120000_[0-9a-f]{8}$/),
      expect.stringMatching(/^exec_20251008_120000_[0-9a-f]{8}$/),
      expect.stringMatching(/^exec_20251009_120000_[0-9a-f]{8}$/),
    ]);
    expect(readdirSync(sample.dir).sort()).toEqual([...sample.sessions.map((s) => `session_${s.sessionId}`), ...sample.notSessions].sort());
    const [s0] = sample.sessions;
    expect(readdirSync(join(sample.dir, `session_${s0.sessionId}`)).sort()).toEqual(["BTC_USDT", "ETH_USDT", "XRP_USDT", "session_metadata.json"]);
    expect(readdirSync(join(sample.dir, `session_${s0.sessionId}`, "XRP_USDT"))).toEqual([]);
    expect(text(s0.files[0].path).split("\n")[0]).toBe("timestamp,price,volume,quote_volume");
    expect(text(s0.files[1].path).split("\n")[0]).toBe(
      "timestamp,bid_price_1,bid_qty_1,bid_price_2,bid_qty_2,bid_price_3,bid_qty_3,ask_price_1,ask_qty_1,ask_price_2,ask_qty_2,ask_price_3,ask_qty_3,best_bid,best_ask,spread",
    );
    expect(s0.files.filter((f) => f.kind === "indicator").map((f) => text(f.path).split("\n")[0])).toEqual([
      "timestamp,value", "timestamp,value,confidence,metadata", "timestamp,value", "timestamp,value,confidence,metadata",
    ]);
    expect(sample.sessions[1].files.map((f) => f.kind)).toEqual(["prices", "prices"]);
  });

  it("places each problem where it says, and counts rows as lines after the header", () => {
    const [s0, s1, s2] = sample.sessions;
    const lines = (path: string) => text(path).replace(/\r/g, "").split("\n");
    const btc = s0.files[0];
    expect(lines(btc.path)[5].split(",")[1]).toBe("0");
    expect(lines(btc.path)[8].split(",")[2]).toBe("nan");
    const duplicates = btc.problems.filter((p) => p.problem === "duplicate-timestamp").map((p) => p.line);
    expect(duplicates.length).toBeGreaterThan(5);
    for (const line of duplicates) expect(lines(btc.path)[line - 1].split(",")[0]).toBe(lines(btc.path)[line - 2].split(",")[0]);
    for (const { line } of btc.problems.filter((p) => p.problem === "zero-volume")) expect(lines(btc.path)[line - 1].split(",").slice(2)).toEqual(["0", "0"]);
    const cut = s1.files[1];
    expect(cut.problems.at(-1)).toEqual({ line: cut.rows + 1, problem: "truncated" });
    expect(text(cut.path).endsWith("\n")).toBe(false);
    expect(text(s2.files[0].path)).toContain("\r\n");
    expect(text(s2.files[3].path).endsWith("\n")).toBe(false);
    for (const s of sample.sessions) for (const f of s.files) if (!f.problems.some((p) => p.problem === "truncated")) expect(lines(f.path).length - 2).toBe(f.rows);
    expect(JSON.parse(text(`session_${s0.sessionId}/session_metadata.json`))).toEqual({ exchange: "mexc", notes: "synthetic session", errors_count: 2 });
  });

  it("writes numbers as the collector did: at most 8 decimals, trailing zeros stripped", () => {
    expect([collectorNumber(62000.100000000006), collectorNumber(0.00001), collectorNumber(2400), collectorNumber(1 / 3)]).toEqual(["62000.1", "0.00001", "2400", "0.33333333"]);
  });

  it("without problems: clean files of the same shape", () => {
    const clean = generateTickSessions(join(root, "clean"), { seed: 9, sessions: 1, symbols: 3, trades: 50, snapshots: 5, problems: false });
    expect(clean.notSessions).toEqual([]);
    expect(clean.sessions[0].files.map((f) => [f.kind, f.rows, f.problems.filter((p) => p.problem !== "duplicate-timestamp")])).toEqual([
      ["prices", 50, []], ["orderbook", 5, []], ["prices", 50, []], ["orderbook", 5, []], ["prices", 50, []], ["orderbook", 5, []],
    ]);
    expect(() => generateTickSessions(join(root, "few"), { seed: 1, sessions: 2 })).toThrow("sessions: at least 3 with problems (each group of problems has its own session)");
  });
});
