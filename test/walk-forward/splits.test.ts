/**
 * Walk-forward splits (src/walk-forward/splits.ts) on a hand-checked calendar: the weekdays of
 * 2024-01-01 (a Monday) … 2024-01-19, three full weeks, rows 0–14. Rolling, anchored, gap,
 * step > test, the uneven tail, the exact refusals, and the invariants over many option sets.
 */
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.ts";
import { weekdaysFrom } from "../../src/synthetic/index.ts";
import { walkForwardSplits, type WalkForwardOptions, type WalkForwardSplit } from "../../src/walk-forward/splits.ts";

const WEEKS = [
  "2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", // rows 0–4, Mon–Fri
  "2024-01-08", "2024-01-09", "2024-01-10", "2024-01-11", "2024-01-12", // rows 5–9
  "2024-01-15", "2024-01-16", "2024-01-17", "2024-01-18", "2024-01-19", // rows 10–14
];

/** Each fold as [trainRows, testRows]. */
const rows = (splits: readonly WalkForwardSplit[]) => splits.map((s) => [s.trainRows, s.testRows]);

describe("walkForwardSplits", () => {
  it("uses the calendar the expectations were checked against", () => {
    expect(weekdaysFrom("2024-01-01", 15)).toEqual(WEEKS);
  });

  it("rolling: fixed train length, test windows tiling the data, dates and rows", () => {
    expect(walkForwardSplits(WEEKS.slice(0, 14), { train: 5, test: 3 })).toEqual([
      { fold: 0, trainStart: "2024-01-01", trainEnd: "2024-01-05", testStart: "2024-01-08", testEnd: "2024-01-10", trainRows: [0, 4], testRows: [5, 7] },
      { fold: 1, trainStart: "2024-01-04", trainEnd: "2024-01-10", testStart: "2024-01-11", testEnd: "2024-01-15", trainRows: [3, 7], testRows: [8, 10] },
      { fold: 2, trainStart: "2024-01-09", trainEnd: "2024-01-15", testStart: "2024-01-16", testEnd: "2024-01-18", trainRows: [6, 10], testRows: [11, 13] },
    ]);
  });

  it("anchored: train starts at the first date and grows by the step", () => {
    expect(walkForwardSplits(WEEKS.slice(0, 14), { train: 5, test: 3, anchored: true })).toEqual([
      { fold: 0, trainStart: "2024-01-01", trainEnd: "2024-01-05", testStart: "2024-01-08", testEnd: "2024-01-10", trainRows: [0, 4], testRows: [5, 7] },
      { fold: 1, trainStart: "2024-01-01", trainEnd: "2024-01-10", testStart: "2024-01-11", testEnd: "2024-01-15", trainRows: [0, 7], testRows: [8, 10] },
      { fold: 2, trainStart: "2024-01-01", trainEnd: "2024-01-15", testStart: "2024-01-16", testEnd: "2024-01-18", trainRows: [0, 10], testRows: [11, 13] },
    ]);
  });

  it("uneven tail: the last test window is cut short to the last date, down to one row", () => {
    // 15 rows: test starts 5, 8, 11, 14; the fourth fold has only row 14 left.
    const tail = walkForwardSplits(WEEKS, { train: 5, test: 3 });
    expect(rows(tail)).toEqual([[[0, 4], [5, 7]], [[3, 7], [8, 10]], [[6, 10], [11, 13]], [[9, 13], [14, 14]]]);
    expect(tail[3]).toMatchObject({ trainStart: "2024-01-12", trainEnd: "2024-01-18", testStart: "2024-01-19", testEnd: "2024-01-19" });
    // 13 rows: the third fold keeps rows 11–12 of its 3.
    expect(rows(walkForwardSplits(WEEKS.slice(0, 13), { train: 5, test: 3 }))).toEqual([[[0, 4], [5, 7]], [[3, 7], [8, 10]], [[6, 10], [11, 12]]]);
    // Anchored the same: only the train starts differ.
    expect(rows(walkForwardSplits(WEEKS, { train: 5, test: 3, anchored: true }))).toEqual([
      [[0, 4], [5, 7]], [[0, 7], [8, 10]], [[0, 10], [11, 13]], [[0, 13], [14, 14]],
    ]);
  });

  it("gap: that many rows between train end and test start belong to neither window", () => {
    const purged = walkForwardSplits(WEEKS, { train: 5, test: 3, gap: 2 });
    expect(rows(purged)).toEqual([[[0, 4], [7, 9]], [[3, 7], [10, 12]], [[6, 10], [13, 14]]]);
    // Fold 0: trains Mon 01-01 … Fri 01-05, skips Mon 01-08 and Tue 01-09, tests from Wed 01-10.
    expect(purged[0]).toMatchObject({ trainEnd: "2024-01-05", testStart: "2024-01-10", testEnd: "2024-01-12" });
    expect(rows(walkForwardSplits(WEEKS, { train: 5, test: 3, gap: 2, anchored: true }))).toEqual([
      [[0, 4], [7, 9]], [[0, 7], [10, 12]], [[0, 10], [13, 14]],
    ]);
  });

  it("step > test: the rows between test windows are never tested", () => {
    // Test starts 4, 9, 14: rows 7–8 and 12–13 are in no test window.
    expect(rows(walkForwardSplits(WEEKS, { train: 4, test: 3, step: 5 }))).toEqual([[[0, 3], [4, 6]], [[5, 8], [9, 11]], [[10, 13], [14, 14]]]);
    expect(rows(walkForwardSplits(WEEKS, { train: 4, test: 3, step: 5, anchored: true }))).toEqual([
      [[0, 3], [4, 6]], [[0, 8], [9, 11]], [[0, 13], [14, 14]],
    ]);
    // A step beyond the data leaves the first fold alone.
    expect(rows(walkForwardSplits(WEEKS, { train: 4, test: 3, step: 20 }))).toEqual([[[0, 3], [4, 6]]]);
  });

  it("data of exactly train + gap + test dates makes one whole fold", () => {
    expect(rows(walkForwardSplits(WEEKS.slice(0, 10), { train: 5, test: 3, gap: 2 }))).toEqual([[[0, 4], [7, 9]]]);
    expect(rows(walkForwardSplits(WEEKS.slice(0, 2), { train: 1, test: 1 }))).toEqual([[[0, 0], [1, 1]]]);
  });

  it("keeps the invariants on every split over many option sets", () => {
    const dates = weekdaysFrom("2023-12-27", 40);
    const broken: string[] = [];
    let optionSets = 0;
    for (const anchored of [false, true]) {
      for (let train = 1; train <= 12; train++) {
        for (let test = 1; test <= 9; test++) {
          for (const extra of [0, 1, 4]) {
            for (const gap of [0, 1, 3]) {
              const options: WalkForwardOptions = { train, test, step: test + extra, gap, anchored };
              const splits = walkForwardSplits(dates, options);
              optionSets++;
              const check = (ok: boolean, what: string) => {
                if (!ok) broken.push(`${JSON.stringify(options)}: ${what}`);
              };
              check(splits.length === Math.floor((dates.length - 1 - train - gap) / (test + extra)) + 1, "fold count");
              splits.forEach((s, k) => {
                const [trainFrom, trainTo] = s.trainRows;
                const [testFrom, testTo] = s.testRows;
                check(s.fold === k, `fold ${k} number`);
                check(trainFrom === (anchored ? 0 : trainTo - train + 1) && trainFrom >= 0, `fold ${k} train length`);
                check(testFrom - trainTo - 1 === gap, `fold ${k} train ends gap rows before the test starts`);
                // Whole test windows except possibly the last, which then ends at the last date.
                const length = k < splits.length - 1 ? test : Math.min(test, dates.length - testFrom);
                check(testTo - testFrom + 1 === length && length >= 1, `fold ${k} test length`);
                if (k > 0) check(testFrom - splits[k - 1].testRows[1] - 1 === extra, `fold ${k} test in order, not overlapping`);
                check(
                  [s.trainStart, s.trainEnd, s.testStart, s.testEnd].join() === [dates[trainFrom], dates[trainTo], dates[testFrom], dates[testTo]].join(),
                  `fold ${k} dates match rows`,
                );
              });
            }
          }
        }
      }
    }
    expect(optionSets).toBe(2 * 12 * 9 * 3 * 3);
    expect(broken).toEqual([]);
  });

  it("refuses a window longer than the data in one line naming the flags", () => {
    expect(() => walkForwardSplits(weekdaysFrom("2024-01-01", 250), { train: 300, test: 63 })).toThrow(
      new InputError("train 300 + gap 0 + test 63 trading days need 363 dates; the universe has 250 in the range: shorten --train/--gap/--test or widen --from/--to"),
    );
    expect(() => walkForwardSplits(WEEKS.slice(0, 9), { train: 5, test: 3, gap: 2 })).toThrow(
      new InputError("train 5 + gap 2 + test 3 trading days need 10 dates; the universe has 9 in the range: shorten --train/--gap/--test or widen --from/--to"),
    );
    expect(() => walkForwardSplits([], { train: 1, test: 1 })).toThrow(
      new InputError("train 1 + gap 0 + test 1 trading days need 2 dates; the universe has 0 in the range: shorten --train/--gap/--test or widen --from/--to"),
    );
  });

  it("refuses lengths that are not whole numbers of trading days", () => {
    const cases: [Partial<WalkForwardOptions>, string][] = [
      [{ train: 0 }, "--train must be a whole number of trading days ≥ 1, got 0"],
      [{ train: 2.5 }, "--train must be a whole number of trading days ≥ 1, got 2.5"],
      [{ train: NaN }, "--train must be a whole number of trading days ≥ 1, got NaN"],
      [{ test: -3 }, "--test must be a whole number of trading days ≥ 1, got -3"],
      [{ test: Infinity }, "--test must be a whole number of trading days ≥ 1, got Infinity"],
      [{ step: 0 }, "--step must be a whole number of trading days ≥ 1, got 0"],
      [{ step: 3.5 }, "--step must be a whole number of trading days ≥ 1, got 3.5"],
      [{ gap: -1 }, "--gap must be a whole number of trading days ≥ 0, got -1"],
      [{ gap: 0.5 }, "--gap must be a whole number of trading days ≥ 0, got 0.5"],
    ];
    for (const [change, message] of cases) {
      expect(() => walkForwardSplits(WEEKS, { train: 5, test: 3, ...change })).toThrow(new InputError(message));
    }
  });

  it("refuses a step shorter than the test window: test windows never overlap", () => {
    expect(() => walkForwardSplits(WEEKS, { train: 5, test: 3, step: 2 })).toThrow(
      new InputError("--step 2 is shorter than --test 3, so test windows would overlap: use --step 3 or more, or leave it out"),
    );
  });

  it("treats unordered dates as a bug, not bad input", () => {
    expect(() => walkForwardSplits(["2024-01-02", "2024-01-02", "2024-01-03"], { train: 1, test: 1 })).toThrow(
      new RangeError("dates are not strictly ascending at row 1: 2024-01-02, 2024-01-02"),
    );
  });
});
