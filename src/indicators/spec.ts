/**
 * Indicator specs as a user writes them: `sma(30),rsi(14),macd(12,26,9),bbands(20,2)`.
 *
 * Grammar: specs separated by commas; a spec is a name from catalog.ts with optional arguments in
 * parentheses (`rsi`, `rsi()` and `rsi(14)` are the same; left-out trailing arguments take
 * backtrader's defaults). Names are read case-insensitively; spaces are ignored. Periods are whole
 * numbers of bars from 1 to 100,000; Bollinger's devfactor is any number > 0.
 * Each spec gets a canonical key with every argument written out (`bbands(20,2)`), and its lines are
 * `<key>.<line>`: `bbands(20,2).top`, `macd(12,26,9).signal`, `sma(30).value`.
 * Bad input (an unknown name, a bad argument, a spec given twice) is an InputError of one line naming
 * the spec.
 */
import { InputError } from "../errors.ts";
import { INDICATORS, INDICATOR_NAMES, type IndicatorDefinition, type IndicatorParameter } from "./catalog.ts";

export interface IndicatorSpec {
  /** Canonical text, every argument written out: `macd(12,26,9)`. */
  key: string;
  definition: IndicatorDefinition;
  args: readonly number[];
}

/** The longest period accepted: a guard against a typo allocating gigabytes, far beyond any real use. */
export const MAX_PERIOD = 100_000;

/** A decimal number (no hex, no "Infinity"). */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The specs in `text`, in the order given. */
export function parseIndicators(text: string): IndicatorSpec[] {
  const items = splitTopLevel(text);
  if (items.every((item) => item === "")) throw new InputError('no indicators given: write them like "sma(30),rsi(14),macd(12,26,9)"');
  const specs: IndicatorSpec[] = [];
  for (const item of items) {
    if (item === "") throw new InputError(`an empty indicator in "${text}": remove the extra comma`);
    const spec = parseSpec(item);
    if (specs.some((s) => s.key === spec.key)) throw new InputError(`indicator ${spec.key} is given twice`);
    specs.push(spec);
  }
  return specs;
}

/** `<key>.<line>` for each of the spec's lines. */
export function lineKeys(spec: IndicatorSpec): string[] {
  return spec.definition.lines.map((line) => `${spec.key}.${line}`);
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

function parseSpec(item: string): IndicatorSpec {
  const match = /^([A-Za-z][A-Za-z0-9_]*)\s*(?:\(([^()]*)\))?$/.exec(item);
  if (!match) throw new InputError(`cannot read indicator "${item}": write name(arguments), e.g. sma(30) or macd(12,26,9)`);
  const name = match[1].toLowerCase();
  const definition = INDICATORS.find((d) => d.name === name);
  if (!definition) throw new InputError(`unknown indicator "${match[1]}" in "${item}": use one of ${INDICATOR_NAMES.join(", ")}`);
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
  } else if (!Number.isFinite(value) || value <= 0) {
    throw new InputError(`indicator "${item}": ${parameter.name} must be a number > 0, got "${text}"`);
  }
  return value;
}
