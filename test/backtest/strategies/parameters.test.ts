/**
 * The registry and parameter resolution: lookup by name, conversions from command-line text,
 * defaults, and the exact one-line message of every kind of bad input.
 */
import { describe, expect, it } from "vitest";
import { resolveParameters, strategyKind, strategyKinds } from "../../../src/backtest/strategies/index.ts";
import { InputError } from "../../../src/errors.ts";

const resolve = (name: string, given: Record<string, string | number | boolean>) => resolveParameters(strategyKind(name), given);
const COMPOSITE = "give a stored factor's name or a composite such as momentum_12_1:0.5,volatility_252:0.5";

describe("strategyKind", () => {
  it("finds every built-in kind by its name and refuses others", () => {
    expect(Object.keys(strategyKinds)).toEqual(["buy-and-hold", "equal-weight", "factor-top", "optimizer", "sma-cross"]);
    for (const name of Object.keys(strategyKinds)) expect(strategyKind(name).kind).toBe(name);
    for (const name of ["x", "constructor"]) {
      expect(() => strategyKind(name)).toThrow(new InputError(`unknown strategy "${name}" (one of buy-and-hold, equal-weight, factor-top, optimizer, sma-cross)`));
    }
  });
});

describe("resolveParameters", () => {
  it("converts text, fills defaults and leaves optional parameters out", () => {
    expect(resolve("factor-top", { factor: "momentum_12_1:0.5,volatility_252:0.5", quantile: "0.2", "long-short": "true" })).toEqual({
      factor: "momentum_12_1:0.5,volatility_252:0.5",
      quantile: 0.2,
      weighting: "equal",
      "long-short": true,
    });
    expect(resolve("factor-top", { factor: "m", n: "3", weighting: "score", "long-short": false })).toEqual({ factor: "m", n: 3, weighting: "score", "long-short": false });
    expect(resolve("optimizer", {})).toEqual({ method: "min-volatility", lookback: 252, cov: "sample", returns: "cagr", bounds: "0,1" });
    expect(resolve("optimizer", { method: "efficient-risk", target: "0.15", lookback: 1e2 })).toEqual({
      method: "efficient-risk",
      lookback: 100,
      cov: "sample",
      returns: "cagr",
      bounds: "0,1",
      target: 0.15,
    });
    expect(resolve("sma-cross", { period: "50", size: "10" })).toEqual({ period: 50, size: 10 });
    expect(resolve("buy-and-hold", {})).toEqual({});
  });

  it("refuses an unknown or missing parameter, naming the strategy's parameters", () => {
    expect(() => resolve("buy-and-hold", { n: 1 })).toThrow(new InputError('buy-and-hold takes no parameters (got "n")'));
    expect(() => resolve("factor-top", { factor: "m", n: 1, top: 3 })).toThrow(
      new InputError('factor-top has no parameter "top" (its parameters: factor, n, quantile, weighting, long-short)'),
    );
    expect(() => resolve("sma-cross", { length: 3 })).toThrow(new InputError('sma-cross has no parameter "length" (its parameters: period, size, percent)'));
    expect(() => resolve("factor-top", { n: 3 })).toThrow(
      new InputError("factor-top needs parameter factor: a stored factor's name or a composite such as momentum_12_1:0.5,volatility_252:0.5"),
    );
  });

  it("refuses a value of the wrong type, out of range or not among the choices", () => {
    const cases: [string, Record<string, string | number | boolean>, string][] = [
      ["factor-top", { factor: "m", n: "abc" }, 'factor-top: parameter n must be a whole number, got "abc"'],
      ["factor-top", { factor: "m", n: "2.5" }, 'factor-top: parameter n must be a whole number, got "2.5"'],
      ["factor-top", { factor: "m", n: "" }, 'factor-top: parameter n must be a whole number, got ""'],
      ["factor-top", { factor: "m", n: 0 }, "factor-top: parameter n must be ≥ 1, got 0"],
      ["factor-top", { factor: "m", quantile: "0" }, 'factor-top: parameter quantile must be in (0, 1], got "0"'],
      ["factor-top", { factor: "m", quantile: 1.5 }, "factor-top: parameter quantile must be in (0, 1], got 1.5"],
      ["factor-top", { factor: "m", quantile: true }, "factor-top: parameter quantile must be a number, got true"],
      ["factor-top", { factor: "m", n: 1, weighting: "rank" }, 'factor-top: parameter weighting must be one of equal, score, got "rank"'],
      ["factor-top", { factor: "m", n: 1, "long-short": "yes" }, 'factor-top: parameter long-short must be true or false, got "yes"'],
      ["factor-top", { factor: 5, n: 1 }, "factor-top: parameter factor must be text, got 5"],
      ["optimizer", { method: "max_sharpe" }, 'optimizer: parameter method must be one of min-volatility, max-sharpe, efficient-risk, efficient-return, max-quadratic-utility, risk-parity, inverse-volatility, hrp, got "max_sharpe"'],
      ["optimizer", { lookback: 1 }, "optimizer: parameter lookback must be ≥ 2, got 1"],
      ["sma-cross", { percent: 150 }, "sma-cross: parameter percent must be in (0, 100], got 150"],
      ["sma-cross", { size: "-5" }, 'sma-cross: parameter size must be > 0, got "-5"'],
      ["sma-cross", { period: "Infinity" }, 'sma-cross: parameter period must be a whole number, got "Infinity"'],
    ];
    for (const [name, given, message] of cases) expect(() => resolve(name, given)).toThrow(new InputError(message));
  });

  it("refuses contradictory or malformed combinations", () => {
    const cases: [string, Record<string, string | number | boolean>, string][] = [
      ["factor-top", { factor: "m", n: 3, quantile: 0.1 }, "factor-top: give n or quantile, not both"],
      ["factor-top", { factor: "m" }, "factor-top needs n (hold the top n names) or quantile (hold the top fraction)"],
      ["factor-top", { factor: "a:x", n: 1 }, `factor-top: parameter factor "a:x" gives a the weight "x", not a number; ${COMPOSITE}`],
      ["factor-top", { factor: "a:", n: 1 }, `factor-top: parameter factor "a:" gives a the weight "", not a number; ${COMPOSITE}`],
      ["factor-top", { factor: "a:0.5,a:1", n: 1 }, `factor-top: parameter factor "a:0.5,a:1" names a twice; ${COMPOSITE}`],
      ["factor-top", { factor: "a:0,b:0", n: 1 }, `factor-top: parameter factor "a:0,b:0" gives every factor a zero weight; ${COMPOSITE}`],
      ["factor-top", { factor: "9a", n: 1 }, `factor-top: parameter factor "9a" has a malformed term "9a"; ${COMPOSITE}`],
      ["factor-top", { factor: "a:1:2", n: 1 }, `factor-top: parameter factor "a:1:2" has a malformed term "a:1:2"; ${COMPOSITE}`],
      ["factor-top", { factor: "a,,b", n: 1 }, `factor-top: parameter factor "a,,b" has a malformed term ""; ${COMPOSITE}`],
      ["sma-cross", { size: 10, percent: 10 }, "sma-cross: give size or percent, not both"],
      ["optimizer", { bounds: "1,0" }, 'optimizer: parameter bounds must be "lo,hi" with numbers lo ≤ hi, e.g. "0,0.2", got "1,0"'],
      ["optimizer", { bounds: "0" }, 'optimizer: parameter bounds must be "lo,hi" with numbers lo ≤ hi, e.g. "0,0.2", got "0"'],
      ["optimizer", { bounds: "0,x" }, 'optimizer: parameter bounds must be "lo,hi" with numbers lo ≤ hi, e.g. "0,0.2", got "0,x"'],
      ["optimizer", { method: "efficient-risk" }, "optimizer: parameter target is needed for method efficient-risk"],
      ["optimizer", { target: 0.1 }, "optimizer: parameter target is only for efficient-risk and efficient-return, not for method min-volatility"],
      ["optimizer", { method: "hrp", bounds: "0,0.5" }, 'optimizer: method hrp is long-only and fully invested by construction and takes no bounds (got "0,0.5")'],
    ];
    for (const [name, given, message] of cases) expect(() => resolve(name, given)).toThrow(new InputError(message));
    expect(resolve("optimizer", { method: "hrp", bounds: " 0 , 1 " }).bounds).toBe(" 0 , 1 ");
  });
});
