/**
 * Indicator specs: canonical keys and line names, backtrader's defaults for left-out arguments, and one
 * exact InputError line for each kind of bad spec.
 */
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.ts";
import { INDICATOR_NAMES, lineKeys, parseIndicators } from "../../src/indicators/index.ts";

describe("parseIndicators", () => {
  it("reads the issue's example into specs and line names", () => {
    const specs = parseIndicators("sma(30),rsi(14),macd(12,26,9),bbands(20,2),stochastic(14,3,3)");
    expect(specs.map((s) => s.key)).toEqual(["sma(30)", "rsi(14)", "macd(12,26,9)", "bbands(20,2)", "stochastic(14,3,3)"]);
    expect(specs.map((s) => s.args)).toEqual([[30], [14], [12, 26, 9], [20, 2], [14, 3, 3]]);
    expect(specs.flatMap(lineKeys)).toEqual([
      "sma(30).value",
      "rsi(14).value",
      "macd(12,26,9).macd",
      "macd(12,26,9).signal",
      "macd(12,26,9).histo",
      "bbands(20,2).top",
      "bbands(20,2).mid",
      "bbands(20,2).bot",
      "stochastic(14,3,3).k",
      "stochastic(14,3,3).d",
    ]);
  });

  it("fills left-out arguments with backtrader's defaults and writes every argument in the key", () => {
    const keys = parseIndicators(" RSI , ema(), macd( 5 ), bbands(10, 2.50), williamsr, roc(3), momentum, wma, atr(7), stochastic(9,1)").map((s) => s.key);
    expect(keys).toEqual(["rsi(14)", "ema(30)", "macd(5,26,9)", "bbands(10,2.5)", "williamsr(14)", "roc(3)", "momentum(12)", "wma(30)", "atr(7)", "stochastic(9,1,3)"]);
  });

  it("knows the eleven indicators", () => {
    expect(INDICATOR_NAMES).toEqual(["sma", "ema", "wma", "rsi", "atr", "bbands", "macd", "stochastic", "williamsr", "roc", "momentum"]);
  });

  it.each([
    ["", 'no indicators given: write them like "sma(30),rsi(14),macd(12,26,9)"'],
    [" , ", 'no indicators given: write them like "sma(30),rsi(14),macd(12,26,9)"'],
    ["sma(30),,rsi", 'an empty indicator in "sma(30),,rsi": remove the extra comma'],
    ["foo(3)", 'unknown indicator "foo" in "foo(3)": use one of sma, ema, wma, rsi, atr, bbands, macd, stochastic, williamsr, roc, momentum'],
    ["sma(30", 'cannot read indicator "sma(30": write name(arguments), e.g. sma(30) or macd(12,26,9)'],
    ["sma(30))", 'cannot read indicator "sma(30))": write name(arguments), e.g. sma(30) or macd(12,26,9)'],
    ["sma 30", 'cannot read indicator "sma 30": write name(arguments), e.g. sma(30) or macd(12,26,9)'],
    ["sma(0)", 'indicator "sma(0)": period must be a whole number of bars from 1 to 100000, got "0"'],
    ["rsi(2.5)", 'indicator "rsi(2.5)": period must be a whole number of bars from 1 to 100000, got "2.5"'],
    ["ema(x)", 'indicator "ema(x)": period must be a whole number of bars from 1 to 100000, got "x"'],
    ["ema(0x10)", 'indicator "ema(0x10)": period must be a whole number of bars from 1 to 100000, got "0x10"'],
    ["wma(100001)", 'indicator "wma(100001)": period must be a whole number of bars from 1 to 100000, got "100001"'],
    ["bbands(,2)", 'indicator "bbands(,2)": period must be a whole number of bars from 1 to 100000, got ""'],
    ["bbands(20,-1)", 'indicator "bbands(20,-1)": devfactor must be a number > 0, got "-1"'],
    ["bbands(20,Infinity)", 'indicator "bbands(20,Infinity)": devfactor must be a number > 0, got "Infinity"'],
    ["sma(30,2)", 'indicator "sma(30,2)": sma takes at most 1 argument (period), got 2'],
    ["macd(1,2,3,4)", 'indicator "macd(1,2,3,4)": macd takes at most 3 arguments (fast, slow, signal), got 4'],
    ["macd(26,12,9)", 'indicator "macd(26,12,9)": the fast period (26) must be shorter than the slow one (12)'],
    ["macd(30)", 'indicator "macd(30)": the fast period (30) must be shorter than the slow one (26)'],
    ["sma(30),rsi,SMA( 30 )", "indicator sma(30) is given twice"],
    ["rsi(14),rsi", "indicator rsi(14) is given twice"],
  ])("%j is refused: %s", (text, message) => {
    let error: unknown;
    try {
      parseIndicators(text);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(message);
    expect((error as InputError).code).toBe("bad-input");
  });
});
