/**
 * Request parameters of the sessions API, checked before anything is read: each endpoint names the
 * query parameters it takes, and an unknown, repeated or malformed one is an InputError (400) whose
 * message names the parameter, what it got and what it takes. Path parts (session id, symbol,
 * indicator id) are checked for form here; whether they exist is the handler's 404.
 */
import { InputError } from "../errors.ts";
import { parseInstant } from "../util/instants.ts";
import type { TickKey } from "../repositories/tick-sessions.ts";

/** One request's query string, to be read only through the checks below. */
export class QueryParams {
  private readonly values = new Map<string, string>();

  constructor(url: string, allowed: readonly string[]) {
    const search = new URL(url).searchParams;
    for (const [name, value] of search) {
      if (!allowed.includes(name)) {
        throw new InputError(`unknown parameter "${name}": this endpoint takes ${allowed.length > 0 ? allowed.join(", ") : "none"}`);
      }
      if (this.values.has(name)) throw new InputError(`parameter "${name}" is given more than once`);
      this.values.set(name, value);
    }
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  text(name: string): string | undefined {
    return this.values.get(name);
  }

  required(name: string): string {
    const value = this.values.get(name);
    if (value === undefined || value === "") throw new InputError(`parameter "${name}" is required`);
    return value;
  }

  /** A whole number in [min, max]; `fallback` when absent. */
  integer(name: string, min: number, max: number, fallback: number): number;
  integer(name: string, min: number, max: number): number | undefined;
  integer(name: string, min: number, max: number, fallback?: number): number | undefined {
    const text = this.values.get(name);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) {
      throw new InputError(`parameter "${name}" must be a whole number from ${min} to ${max}, got "${text}"`);
    }
    return value;
  }

  oneOf<const T extends string>(name: string, allowed: readonly T[], fallback: T): T;
  oneOf<const T extends string>(name: string, allowed: readonly T[]): T | undefined;
  oneOf<const T extends string>(name: string, allowed: readonly T[], fallback?: T): T | undefined {
    const text = this.values.get(name);
    if (text === undefined) return fallback;
    if (!allowed.includes(text as T)) throw new InputError(`parameter "${name}" must be one of ${allowed.join(", ")}, got "${text}"`);
    return text as T;
  }

  boolean(name: string): boolean {
    const text = this.values.get(name);
    if (text === undefined || text === "false") return false;
    if (text === "true") return true;
    throw new InputError(`parameter "${name}" must be true or false, got "${text}"`);
  }

  /** An instant (src/util/instants.ts forms) as epoch micros. */
  instant(name: string): number | undefined {
    const text = this.values.get(name);
    if (text === undefined) return undefined;
    const micros = parseInstant(text);
    if (micros === undefined) {
      throw new InputError(
        `parameter "${name}" must be an instant: ISO 8601 with a zone (2025-10-07T12:49:02.46Z), a date (2025-10-07) or epoch seconds (1759841342.46); got "${text}"`,
      );
    }
    return micros;
  }

  /** `from` and `to` (inclusive), from not after to. */
  bounds(): { from?: number; to?: number } {
    const from = this.instant("from");
    const to = this.instant("to");
    if (from !== undefined && to !== undefined && from > to) throw new InputError(`parameter "from" (${this.text("from")}) is after "to" (${this.text("to")})`);
    return { from, to };
  }

  /** A page cursor (see `cursorOf`). */
  cursor(name: string): TickKey | undefined {
    const text = this.values.get(name);
    if (text === undefined) return undefined;
    const match = /^(\d{1,16})_(\d{1,10})$/.exec(text);
    const ts = Number(match?.[1]);
    const seq = Number(match?.[2]);
    if (!match || !Number.isSafeInteger(ts) || seq > 2_147_483_647) {
      throw new InputError(`parameter "${name}" is not a cursor: pass the next_cursor of the previous page unchanged, got "${text}"`);
    }
    return { ts, seq };
  }
}

/** A page's cursor: the last row's key, `<epoch micros>_<seq>`. */
export function cursorOf(key: TickKey): string {
  return `${key.ts}_${key.seq}`;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/** A session id or symbol from the path or the query: letters, digits, `_`, `.`, `-`. */
export function nameParam(kind: string, text: string): string {
  if (!NAME.test(text)) throw new InputError(`${kind} "${text}" is not valid: use letters, digits, "_", "." and "-" (at most 128)`);
  return text;
}

const INDICATOR_ID = /^[A-Za-z0-9][A-Za-z0-9_.,()@-]{0,127}$/;

/** An indicator id: a name, or a computed line's id with its spec (`sma(30)@1m.value`, `twpa(300,0).value`). */
export function indicatorIdParam(text: string): string {
  if (!INDICATOR_ID.test(text)) throw new InputError(`indicator id "${text}" is not valid: use letters, digits, "_", ".", "-", ",", "(", ")" and "@" (at most 128)`);
  return text;
}
