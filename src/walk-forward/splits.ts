/**
 * Walk-forward splits: train and test windows over the universe's trading days.
 *
 * Rows are indexes into `dates` (ascending YYYY-MM-DD, one per trading day); every window is
 * inclusive at both ends. Lengths, `step` and `gap` count trading days (rows), never calendar days.
 *
 * Fold k (k = 0, 1, …, the array index and the seed's `window_index`):
 * - test starts at row `train + gap + k × step` and runs `test` rows;
 * - train ends `gap` rows before the test start (the purge: those rows are in neither window);
 * - rolling (default): train is the `train` rows ending there; anchored: train starts at row 0 and
 *   grows by `step` each fold (its first fold is `train` rows long, like the rolling one).
 * `step` defaults to `test`, so the test windows tile the data; a larger step leaves days untested;
 * a smaller one is refused, since test windows never overlap (each out-of-sample day is judged once).
 *
 * Uneven tail: when fewer than `test` rows remain for the last fold, its test window is cut short to
 * the last date (it keeps at least one row). Walk-forward exists to judge the most recent data, and
 * with step = test the stitched out-of-sample run then covers every trading day from the first test
 * day to the end. A caller wanting equal windows can compare `testRows` lengths. The first fold must
 * fit whole (`train + gap + test` dates), otherwise nothing is split and the input is refused.
 */
import { InputError } from "../errors.ts";

export interface WalkForwardOptions {
  /** Train length in trading days (the first fold's, when anchored). */
  readonly train: number;
  /** Test length in trading days (the last fold's may be shorter, see the header). */
  readonly test: number;
  /** Trading days between one test start and the next; default `test`, never less. */
  readonly step?: number;
  /** Trading days purged between train end and test start; default 0. */
  readonly gap?: number;
  /** Train always starts at the first date and expands; default false (rolling). */
  readonly anchored?: boolean;
}

export interface WalkForwardSplit {
  readonly fold: number;
  readonly trainStart: string;
  readonly trainEnd: string;
  readonly testStart: string;
  readonly testEnd: string;
  /** [first, last] row of `dates`, inclusive. */
  readonly trainRows: readonly [number, number];
  readonly testRows: readonly [number, number];
}

export function walkForwardSplits(dates: readonly string[], options: WalkForwardOptions): WalkForwardSplit[] {
  const { train, test, step, gap } = checkSplitOptions(options);
  for (let d = 1; d < dates.length; d++) {
    if (!(dates[d] > dates[d - 1])) throw new RangeError(`dates are not strictly ascending at row ${d}: ${dates[d - 1]}, ${dates[d]}`);
  }
  const need = train + gap + test;
  if (need > dates.length) {
    throw new InputError(
      `train ${train} + gap ${gap} + test ${test} trading days need ${need} dates; the universe has ${dates.length} in the range: shorten --train/--gap/--test or widen --from/--to`,
    );
  }
  const splits: WalkForwardSplit[] = [];
  const last = dates.length - 1;
  for (let testFrom = train + gap, fold = 0; testFrom <= last; testFrom += step, fold++) {
    const testTo = Math.min(testFrom + test - 1, last);
    const trainTo = testFrom - gap - 1;
    const trainFrom = options.anchored === true ? 0 : trainTo - train + 1;
    splits.push({
      fold,
      trainStart: dates[trainFrom],
      trainEnd: dates[trainTo],
      testStart: dates[testFrom],
      testEnd: dates[testTo],
      trainRows: [trainFrom, trainTo],
      testRows: [testFrom, testTo],
    });
  }
  return splits;
}

/** The options with defaults, each checked (InputError naming the flag); no dates needed. */
export function checkSplitOptions(options: WalkForwardOptions): Required<WalkForwardOptions> {
  const { train, test } = options;
  const step = options.step ?? test;
  const gap = options.gap ?? 0;
  wholeDays("--train", train, 1);
  wholeDays("--test", test, 1);
  wholeDays("--step", step, 1);
  wholeDays("--gap", gap, 0);
  if (step < test) {
    throw new InputError(`--step ${step} is shorter than --test ${test}, so test windows would overlap: use --step ${test} or more, or leave it out`);
  }
  return { train, test, step, gap, anchored: options.anchored === true };
}

function wholeDays(flag: string, value: number, least: number): void {
  if (!(Number.isSafeInteger(value) && value >= least)) {
    throw new InputError(`${flag} must be a whole number of trading days ≥ ${least}, got ${value}`);
  }
}
