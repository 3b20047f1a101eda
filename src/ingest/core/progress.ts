/**
 * Load progress on stderr: on a terminal one bar per table with rows/s and ETA (cli-progress);
 * otherwise a line per table when it starts, every `intervalMs` while it runs, and when it ends.
 * Rates are source rows per second since the table started.
 */
import cliProgress from "cli-progress";

export interface TableProgress {
  advance(rows: number): void;
  finish(): void;
}

export interface Progress {
  table(name: string, total: number, done: number): TableProgress;
  stop(): void;
}

export const silentProgress: Progress = {
  table: () => ({ advance: () => undefined, finish: () => undefined }),
  stop: () => undefined,
};

const rate = (rows: number, ms: number) => (ms > 0 ? Math.round((rows * 1000) / ms) : 0);

function barProgress(stream: NodeJS.WriteStream): Progress {
  const bars = new cliProgress.MultiBar(
    {
      stream,
      format: "{table} {bar} {percentage}% {value}/{total} {speed} rows/s ETA {eta_formatted}",
      barsize: 16,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let stopped = false;
  return {
    table(name, total, done) {
      const started = performance.now();
      let value = done;
      const bar = bars.create(Math.max(total, 1), done, { table: name.padEnd(21), speed: 0 });
      return {
        advance(rows) {
          value += rows;
          bar.update(value, { speed: rate(value - done, performance.now() - started) });
        },
        finish: () => bar.update(Math.max(total, 1)),
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
