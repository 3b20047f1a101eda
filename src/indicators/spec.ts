/**
 * Indicator specs as a user writes them: `sma(30),rsi(14),macd(12,26,9),bbands(20,2)`, and over a
 * tick session also the tick-window indicators: `twpa(300,0),spread_pct`.
 *
 * Grammar: specs separated by commas; a spec is a name from catalog.ts (bar indicators) or
 * tick-catalog.ts (tick-window indicators) with optional arguments in parentheses (`rsi`, `rsi()` and
 * `rsi(14)` are the same; left-out trailing arguments take the defaults: backtrader's, or the
 * original system's). Names are read case-insensitively; spaces are ignored. Periods are whole
 * numbers of bars from 1 to 100,000; Bollinger's devfactor is any number > 0; windows are seconds
 * from 0 to 604,800 (a week) with at most 6 decimals.
 * Each spec gets a canonical key with every argument written out (`bbands(20,2)`, `twpa(300,0)`),
 * and its lines are `<key>.<line>`: `bbands(20,2).top`, `macd(12,26,9).signal`, `sma(30).value`.
 * Bad input (an unknown name, a bad argument, a spec given twice, a tick-window indicator asked of
 * stored bars) is an InputError of one line naming the spec.
 */
import { InputError } from "../errors.ts";
import { INDICATORS, INDICATOR_NAMES, type IndicatorDefinition, type IndicatorParameter } from "./catalog.ts";
import { TICK_INDICATORS, TICK_INDICATOR_NAMES, type TickIndicatorDefinition } from "./tick-catalog.ts";

interface Spec<D> {
  /** Canonical text, every argument written out: `macd(12,26,9)`. */
  key: string;
  definition: D;
  args: readonly number[];
}

/** A bar indicator's spec. */
export type IndicatorSpec = Spec<IndicatorDefinition>;
export type TickIndicatorSpec = Spec<TickIndicatorDefinition>;
/** What a session's indicators can be: bar indicators over its candles, tick-window ones over its ticks. */
export type SessionIndicatorSpec = IndicatorSpec | TickIndicatorSpec;

export const isTickSpec = (spec: SessionIndicatorSpec): spec is TickIndicatorSpec => "reads" in spec.definition;

/** The longest period accepted: a guard against a typo allocating gigabytes, far beyond any real use. */
export const MAX_PERIOD = 100_000;
/** The longest window, in seconds: a week, longer than any collection session. */
export const MAX_WINDOW_SECONDS = 604_800;

/** A decimal number (no hex, no "Infinity"). */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Bar-indicator specs in `text`, in the order given. */
export function parseIndicators(text: string): IndicatorSpec[] {
  return parseSpecs(text, INDICATORS, (item, name) =>
    TICK_INDICATOR_NAMES.includes(name.toLowerCase())
      ? `indicator "${item}" is a tick-window indicator: compute it over a tick session, not over stored bars`
      : `unknown indicator "${name}" in "${item}": use one of ${INDICATOR_NAMES.join(", ")}`,
  );
}

/** Bar and tick-window indicator specs in `text`, in the order given. */
export function parseSessionIndicators(text: string): SessionIndicatorSpec[] {
  // A spec of either kind of definition is a spec of one kind or the other.
  return parseSpecs<IndicatorDefinition | TickIndicatorDefinition>(
    text,
    [...INDICATORS, ...TICK_INDICATORS],
    (item, name) =>
      `unknown indicator "${name}" in "${item}": use a bar indicator (${INDICATOR_NAMES.join(", ")}) or a tick-window indicator (${TICK_INDICATOR_NAMES.join(", ")})`,
  ) as SessionIndicatorSpec[];
}

/** `<key>.<line>` for each of the spec's lines. */
export function lineKeys(spec: SessionIndicatorSpec): string[] {
  return spec.definition.lines.map((line) => `${spec.key}.${line}`);
}

interface Parsable {
  name: string;
  parameters: readonly IndicatorParameter[];
  conflict?(args: readonly number[]): string | undefined;
}

function parseSpecs<D extends Parsable>(text: string, catalog: readonly D[], unknown: (item: string, name: string) => string): Spec<D>[] {
  const items = splitTopLevel(text);
  if (items.every((item) => item === "")) throw new InputError('no indicators given: write them like "sma(30),rsi(14),macd(12,26,9)"');
  const specs: Spec<D>[] = [];
  for (const item of items) {
    if (item === "") throw new InputError(`an empty indicator in "${text}": remove the extra comma`);
    const spec = parseSpec(item, catalog, unknown);
    if (specs.some((s) => s.key === spec.key)) throw new InputError(`indicator ${spec.key} is given twice`);
    specs.push(spec);
  }
  return specs;
}

/** Commas outside parentheses separate specs. */
function splitTopLevel(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let begin = 0;
  for (let k = 0; k < text.length; k++) {
    if (text[k] === "(") depth++;
    else if (text[k] === ")") depth--;
    else if (text[k] === "," && depth === 0) {
      items.push(text.slice(begin, k).trim());
      begin = k + 1;
    }
  }
  items.push(text.slice(begin).trim());
  return items;
}

function parseSpec<D extends Parsable>(item: string, catalog: readonly D[], unknown: (item: string, name: string) => string): Spec<D> {
  const match = /^([A-Za-z][A-Za-z0-9_]*)\s*(?:\(([^()]*)\))?$/.exec(item);
  if (!match) throw new InputError(`cannot read indicator "${item}": write name(arguments), e.g. sma(30) or macd(12,26,9)`);
  const name = match[1].toLowerCase();
  const definition = catalog.find((d) => d.name === name);
  if (!definition) throw new InputError(unknown(item, match[1]));
  const texts = match[2] === undefined || match[2].trim() === "" ? [] : match[2].split(",").map((t) => t.trim());
  const { parameters } = definition;
  if (texts.length > parameters.length) {
    throw new InputError(`indicator "${item}": ${name} takes at most ${parameters.length} argument${parameters.length === 1 ? "" : "s"} (${parameters.map((p) => p.name).join(", ")}), got ${texts.length}`);
  }
  const args = parameters.map((parameter, k) => (k < texts.length ? argument(item, parameter, texts[k]) : parameter.default));
  const conflict = definition.conflict?.(args);
  if (conflict !== undefined) throw new InputError(`indicator "${item}": ${conflict}`);
  return { key: `${name}(${args.join(",")})`, definition, args };
}

function argument(item: string, parameter: IndicatorParameter, text: string): number {
  const value = NUMBER.test(text) ? Number(text) : NaN;
  if (parameter.kind === "bars") {
    if (!Number.isInteger(value) || value < 1 || value > MAX_PERIOD) {
      throw new InputError(`indicator "${item}": ${parameter.name} must be a whole number of bars from 1 to ${MAX_PERIOD}, got "${text}"`);
    }
  } else if (parameter.kind === "seconds") {
    // A window is whole microseconds: toFixed(6) gives back the same number only for ≤ 6 decimals.
    if (!(value >= 0 && value <= MAX_WINDOW_SECONDS) || Number(value.toFixed(6)) !== value) {
      throw new InputError(`indicator "${item}": ${parameter.name} must be seconds from 0 to ${MAX_WINDOW_SECONDS} with at most 6 decimals, got "${text}"`);
    }
  } else if (!Number.isFinite(value) || value <= 0) {
    throw new InputError(`indicator "${item}": ${parameter.name} must be a number > 0, got "${text}"`);
  }
  return value;
}
