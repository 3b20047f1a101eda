/**
 * Shared command-line plumbing (scripts only: nothing under src/ imports this): every script parses its flags the same way and reports expected
 * failures as one line and an exit code.
 *
 * Exit codes: 0 success, 1 a run that finished with failures (e.g. some symbols failed), 2 bad input
 * (arguments, files, an unreachable database). Expected failures never print a stack trace.
 * Flags are parsed strictly by `util.parseArgs` (an unknown flag or a positional argument is bad
 * input); every script has `--help`, which prints its help text and does nothing else.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { InputError, isExpectedError } from "../../src/errors.ts";
import { isIsoDate } from "../../src/util/dates.ts";

/** Run a script's main; an expected PlatformError (src/errors.ts) becomes one stderr line and exit 2. */
export function runCli(main: () => Promise<number | void>): void {
  main().then(
    (code) => {
      process.exitCode = code ?? 0;
    },
    (err: unknown) => {
      const expected = isExpectedError(err);
      const message = expected
        ? `error: ${err.message}\n`
        : `${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`;
      // Exit once the message is flushed: a failure can leave connections open that would
      // otherwise keep the process alive.
      process.stderr.write(message, () => process.exit(expected ? 2 : 1));
    },
  );
}

type CliOptions = NonNullable<ParseArgsConfig["options"]>;

/** The flag values `util.parseArgs` returns for `options`, typed by them (strings, booleans, defaults). */
export type CliValues<O extends CliOptions> = ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: false }>>["values"];

/**
 * The script's flags (from process.argv, or `argv` after a command word), or undefined after printing
 * `help` for `--help` (which every script has; `options` need not declare it). A parse error becomes
 * a InputError ending "; see --help".
 */
export function parseCli<const O extends CliOptions>(options: O, help: string, argv: readonly string[] = process.argv.slice(2)): CliValues<O> | undefined {
  let values: CliValues<O> & { help?: boolean };
  try {
    const args = attachNegativeValues(argv, options);
    values = parseArgs({ args, options: { ...options, help: { type: "boolean" } }, strict: true, allowPositionals: false }).values as CliValues<O> & { help?: boolean };
  } catch (err) {
    throw new InputError(`${(err as Error).message}; see --help`);
  }
  if (values.help) {
    console.log(help);
    return undefined;
  }
  return values;
}

/**
 * `--flag -1,1` → `--flag=-1,1` for string flags: `util.parseArgs` would read a value starting with
 * "-" as an option, so a negative number (or a list starting with one) would be refused.
 */
export function attachNegativeValues(args: readonly string[], options: CliOptions): string[] {
  const out: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const name = args[k].startsWith("--") ? args[k].slice(2) : undefined;
    const next = args[k + 1];
    if (name !== undefined && options[name]?.type === "string" && next !== undefined && /^-\.?\d/.test(next)) {
      out.push(`${args[k]}=${next}`);
      k++;
    } else {
      out.push(args[k]);
    }
  }
  return out;
}

/** An integer flag of at least `least`, or undefined when the flag was not given. */
export function integerOption(text: string | undefined, flag: string, least: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < least) throw new InputError(`${flag} must be an integer ≥ ${least}, got "${text}"`);
  return n;
}

/** A date flag: a real calendar date written YYYY-MM-DD. */
export function dateOption(text: string, flag: string): string {
  if (!isIsoDate(text)) throw new InputError(`${flag} must be a date YYYY-MM-DD, got "${text}"`);
  return text;
}

/** A flag whose value must be one of `allowed`. */
export function oneOf<const T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if (!allowed.includes(value as T)) throw new InputError(`${flag} must be one of ${allowed.join(", ")}; got "${value}"`);
  return value as T;
}

/** A finite number written in a flag's value. */
export function numberValue(text: string, flag: string): number {
  const value = Number(text.trim());
  if (text.trim() === "" || !Number.isFinite(value)) throw new InputError(`${flag} expects a number, got "${text}"`);
  return value;
}

/** A number flag, or undefined when the flag was not given. */
export function numberOption(text: string | undefined, flag: string): number | undefined {
  return text === undefined ? undefined : numberValue(text, flag);
}
