/**
 * Load progress on stderr: on a terminal one bar per table with rows/s and ETA (cli-progress);
 * otherwise a line per table when it starts, every `intervalMs` while it runs, and when it ends.
 * Rates are source rows per second since the table started. A run of more units than a screen holds
 * (a kite_app file has thousands of datasets) gets an overall bar on top, and only its last
 * FINISHED_SHOWN finished bars stay below it.
 */
import cliProgress from "cli-progress";

export interface TableProgress {
  advance(rows: number): void;
  finish(): void;
}

export interface Progress {
  /** The run's units before the first starts: source rows of each, and those done before. */
  plan(units: readonly { total: number; done: number }[]): void;
  table(name: string, total: number, done: number): TableProgress;
  stop(): void;
}

export const silentProgress: Progress = {
  plan: () => undefined,
  table: () => ({ advance: () => undefined, finish: () => undefined }),
  stop: () => undefined,
};

const rate = (rows: number, ms: number) => (ms > 0 ? Math.round((rows * 1000) / ms) : 0);

/** Finished units left on screen; a run of more units gets an overall line on top. */
export const FINISHED_SHOWN = 5;

/** One line of the bar display: a unit (or the whole run) and its rows. */
export interface ProgressLine {
  label: string;
  total: number;
  value: number;
  /** Source rows per second from its start to its end (or now). */
  speed: number;
  /** Seconds left at that speed; NaN while nothing has moved. */
  eta: number;
}

interface Tracked {
  label: string;
  total: number;
  done: number;
  value: number;
  started: number;
  /** When it finished: its speed stays what it was then. */
  ended?: number;
}

/**
 * What the bars show, as data: the overall line (runs of more than FINISHED_SHOWN units), then the
 * last FINISHED_SHOWN + 1 units in the order they started. `now` is the clock (ms), injectable.
 */
export class ProgressWindow {
  private overall: (Tracked & { units: number; finished: number }) | undefined;
  private readonly shown: Tracked[] = [];

  constructor(private readonly now: () => number = () => performance.now()) {}

  plan(units: readonly { total: number; done: number }[]): void {
    if (units.length <= FINISHED_SHOWN) return;
    const done = units.reduce((sum, u) => sum + u.done, 0);
    const total = units.reduce((sum, u) => sum + u.total, 0);
    this.overall = { label: "", total, done, value: done, started: this.now(), units: units.length, finished: 0 };
  }

  /** A unit starts; returns the handle its rows and its end are reported through. */
  start(label: string, total: number, done: number): { advance(rows: number): void; finish(): void } {
    const unit: Tracked = { label, total, done, value: done, started: this.now() };
    this.shown.push(unit);
    if (this.shown.length > FINISHED_SHOWN + 1) this.shown.shift();
    return {
      advance: (rows) => {
        unit.value += rows;
        if (this.overall) this.overall.value += rows;
      },
      finish: () => {
        unit.value = Math.max(unit.value, unit.total);
        unit.ended = this.now();
        if (this.overall && ++this.overall.finished === this.overall.units) this.overall.ended = unit.ended;
      },
    };
  }

  lines(): ProgressLine[] {
    const line = (t: Tracked, label = t.label): ProgressLine => {
      const speed = rate(t.value - t.done, (t.ended ?? this.now()) - t.started);
      return { label, total: t.total, value: t.value, speed, eta: speed > 0 ? Math.ceil((t.total - t.value) / speed) : NaN };
    };
    const units = this.shown.map((t) => line(t));
    return this.overall ? [line(this.overall, `${this.overall.finished}/${this.overall.units} units`), ...units] : units;
  }
}

/** Bars on a terminal drawing a ProgressWindow: a bar per line, redrawn in place (cli-progress). */
export function barProgress(stream: NodeJS.WriteStream): Progress {
  const bars = new cliProgress.MultiBar(
    {
      stream,
      format: "{label} {bar} {percentage}% {value}/{total} {speed} rows/s ETA {left}",
      barsize: 16,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const window = new ProgressWindow();
  const slots: cliProgress.SingleBar[] = [];
  const draw = () => {
    window.lines().forEach(({ label, total, value, speed, eta }, i) => {
      const payload = { label: label.padEnd(21), speed, left: Number.isNaN(eta) ? "-" : `${eta}s` };
      if (!slots[i]) slots[i] = bars.create(Math.max(total, 1), value, payload);
      slots[i].setTotal(Math.max(total, 1));
      slots[i].update(value, payload);
    });
  };
  let stopped = false;
  return {
    plan(units) {
      window.plan(units);
      draw();
    },
    table(name, total, done) {
      const unit = window.start(name, total, done);
      draw();
      return {
        advance(rows) {
          unit.advance(rows);
          draw();
        },
        finish() {
          unit.finish();
          draw();
        },
      };
    },
    // Stopped once: a Ctrl-C handler stops the bars (showing the cursor again) before the loader's own
    // stop, which would otherwise redraw them over the lines printed in between.
    stop: () => {
      if (stopped) return;
      stopped = true;
      bars.stop();
    },
  };
}

function lineProgress(write: (line: string) => void, intervalMs: number): Progress {
  return {
    plan: () => undefined,
    table(name, total, done) {
      const started = performance.now();
      let value = done;
      let lastLine = started;
      const line = () => {
        const ms = performance.now() - started;
        const speed = rate(value - done, ms);
        const eta = speed > 0 ? `, ETA ${Math.ceil((total - value) / speed)}s` : "";
        write(`${name}: ${value}/${total} rows (${total > 0 ? Math.floor((100 * value) / total) : 100}%), ${speed} rows/s${eta}`);
      };
      write(`${name}: ${total} source rows${done > 0 ? `, ${done} done before` : ""}`);
      return {
        advance(rows) {
          value += rows;
          if (performance.now() - lastLine >= intervalMs) {
            lastLine = performance.now();
            line();
          }
        },
        finish: line,
      };
    },
    stop: () => undefined,
  };
}

export function stderrProgress(intervalMs = 2_000): Progress {
  return process.stderr.isTTY ? barProgress(process.stderr) : lineProgress((l) => process.stderr.write(`${l}\n`), intervalMs);
}
