/**
 * Progress of a run with thousands of units stays one screen: an overall line, then the last
 * FINISHED_SHOWN + 1 units; a run of a few units shows each. Speeds from an injected clock.
 */
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { FINISHED_SHOWN, ProgressWindow, barProgress } from "../../../src/ingest/core/progress.ts";

/** Runs `count` units of 100 rows, one second each, the first `done` rows of unit 0 loaded before. */
function run(count: number, window: ProgressWindow, clock: { ms: number }): void {
  window.plan(Array.from({ length: count }, (_, i) => ({ total: 100, done: i === 0 ? 40 : 0 })));
  for (let i = 0; i < count; i++) {
    const unit = window.start(`NSE/U${i}/5minute`, 100, i === 0 ? 40 : 0);
    clock.ms += 1000;
    unit.advance(i === 0 ? 60 : 100);
    unit.finish();
  }
}

describe("ProgressWindow", () => {
  it("a run of 12 units shows the overall line and the last 6 units, with rows/s and ETA", () => {
    const clock = { ms: 0 };
    const window = new ProgressWindow(() => clock.ms);
    run(12, window, clock);
    const lines = window.lines();
    expect(lines.map((l) => l.label)).toEqual(["12/12 units", ...[6, 7, 8, 9, 10, 11].map((i) => `NSE/U${i}/5minute`)]);
    // 1,160 rows in 12 s (40 were loaded before the run); each unit 100 rows in its second.
    expect(lines[0]).toEqual({ label: "12/12 units", total: 1200, value: 1200, speed: 97, eta: 0 });
    expect(lines[1]).toEqual({ label: "NSE/U6/5minute", total: 100, value: 100, speed: 100, eta: 0 });
    expect(FINISHED_SHOWN).toBe(5);
  });

  it("a run of 3 units has no overall line; a unit that has not moved has no ETA", () => {
    const clock = { ms: 0 };
    const window = new ProgressWindow(() => clock.ms);
    run(3, window, clock);
    window.start("NSE/late/day", 50, 0);
    const lines = window.lines();
    expect(lines.map((l) => l.label)).toEqual(["NSE/U0/5minute", "NSE/U1/5minute", "NSE/U2/5minute", "NSE/late/day"]);
    expect(lines[0]).toMatchObject({ value: 100, speed: 60 });
    expect(lines[3]).toMatchObject({ value: 0, speed: 0, eta: NaN });
  });
});

describe("barProgress on a terminal", () => {
  it("draws 12 units as 7 bars: the last frame names the overall line and units 6 to 11 only", async () => {
    const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 120, rows: 40 });
    let text = "";
    stream.on("data", (chunk: Buffer) => (text += chunk.toString()));
    const progress = barProgress(stream as unknown as NodeJS.WriteStream);
    progress.plan(Array.from({ length: 12 }, () => ({ total: 10, done: 0 })));
    for (let i = 0; i < 12; i++) {
      const unit = progress.table(`NSE/U${i}/5minute`, 10, 0);
      unit.advance(10);
      unit.finish();
    }
    progress.stop();
    await new Promise((resolve) => setImmediate(resolve));
    // The final redraw starts at the overall line; every bar is drawn once in it.
    const plain = text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, ""); // the terminal's control sequences
    const frame = plain.slice(plain.lastIndexOf("12/12 units"));
    const labels = [...frame.matchAll(/([\w/]+)\s+█/g)].map((m) => m[1]);
    expect(labels).toEqual(["units", ...[6, 7, 8, 9, 10, 11].map((i) => `NSE/U${i}/5minute`)]);
    expect(frame).toContain("100% 120/120");
  });
});
