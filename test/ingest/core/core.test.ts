import { describe, expect, it } from "vitest";
import { advance, assertBalanced } from "../../../src/ingest/core/accounting.ts";
import { paidPerShare } from "../../../src/ingest/core/splits.ts";
import type { RunState } from "../../../src/repositories/ingest-runs.ts";

const start: RunState = {
  id: 7,
  startedAt: "2024-01-02 00:00:00+00",
  options: {},
  tables: { "AAPL.csv": { source: 5, loaded: 0, merged: 0, rejected: 0 } },
  checkpoint: {},
  inferredInstruments: 0,
};

const batch = (position: number, read: number, rejects: number) => ({
  rows: [],
  rejects: Array.from({ length: rejects }, (_, i) => ({ sourceRowId: String(i), reason: "x", row: {} })),
  read,
  position,
  notes: { closeOutsideLowHigh: 1 },
});

describe("ingest core: accounting", () => {
  it("adds each committed batch to its unit's counts, checkpoint, notes and related rows", () => {
    const one = advance(start, { unit: "AAPL.csv", pass: 0, batch: batch(4, 3, 1), copied: { loaded: 2, merged: 0 }, inferred: 1, related: {} });
    const two = advance(one, { unit: "AAPL.csv", pass: 0, batch: batch(6, 2, 0), copied: { loaded: 1, merged: 1 }, inferred: 0, related: { dividends: { loaded: 1, merged: 0 } } });
    expect(one.checkpoint).toEqual({ "AAPL.csv": { pass: 0, after: 4, notes: { closeOutsideLowHigh: 1 } } });
    expect(two.tables).toEqual({ "AAPL.csv": { source: 5, loaded: 3, merged: 1, rejected: 1 } });
    expect(two.checkpoint).toEqual({ "AAPL.csv": { pass: 0, after: 6, notes: { closeOutsideLowHigh: 2 }, related: { dividends: { loaded: 1, merged: 0 } } } });
    expect(two.inferredInstruments).toBe(1);
    expect(start.tables["AAPL.csv"].loaded).toBe(0);
    expect(() => assertBalanced(two)).not.toThrow();
  });

  it("fails a run whose unit does not balance", () => {
    const short = advance(start, { unit: "AAPL.csv", pass: 0, batch: batch(4, 3, 1), copied: { loaded: 2, merged: 0 }, inferred: 0, related: {} });
    expect(() => assertBalanced(short)).toThrow("accounting of AAPL.csv does not balance: source 5 ≠ loaded 2 + merged 0 + rejected 1");
  });
});

describe("ingest core: dividends paid per share", () => {
  it("multiplies an adjusted amount back by the splits after its ex-date only", () => {
    const splits = [{ date: "2014-06-09", ratio: 7 }, { date: "2020-08-31", ratio: 4 }];
    expect(paidPerShare(0.82, "2020-08-07", splits)).toBe(3.28);
    expect(paidPerShare(0.205, "2020-11-06", splits)).toBe(0.205);
    expect(paidPerShare(0.47, "2014-05-08", splits)).toBeCloseTo(13.16, 12);
  });
});
