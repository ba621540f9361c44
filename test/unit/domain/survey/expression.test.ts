import fc from "fast-check";
import { Model } from "survey-core";
import { describe, expect, it } from "vitest";
import { currentInstrument as instrument } from "~/domain/instrument/instruments";
import { evaluate, parseExpression, remainingCounter } from "~/domain/survey/expression";
import { parseNumberInput, remainingSentence, remainingText } from "~/domain/survey/values";

const value = (source: string, vars: Record<string, unknown> = {}) => {
  const expr = parseExpression(source);
  if (!expr) throw new Error(`did not parse: ${source}`);
  return evaluate(expr, (name) => vars[name]);
};

describe("the browser's expression reader", () => {
  it("does arithmetic with SurveyJS's precedence and skips empty values in aggregates", () => {
    expect(value("1 + 2 * 3")).toBe(7);
    expect(value("(1 + 2) * 3")).toBe(9);
    expect(value("10 - 4 - 3")).toBe(3);
    expect(value("-{a} + 5", { a: 2 })).toBe(3);
    expect(value("100 - sum({x.a}, {x.b}, {x.c})", { "x.a": 30, "x.c": 25 })).toBe(45);
    expect(value("avg({a}, {b})", { a: 2, b: 4 })).toBe(3);
    expect(value("max({a}, {b}) >= 4", { a: 2, b: 4 })).toBe(true);
    expect(value("{a} = 'yes'", { a: "yes" })).toBe(true);
    expect(value("0.1 + 0.2")).toBe(0.3);
  });

  it("reads anything outside its subset as null, so the page keeps the server's value", () => {
    expect(parseExpression("iif({a} > 1, 'x', 'y')")).not.toBeNull();
    expect(value("iif({a} > 1, 'x', 'y')", { a: 2 })).toBeNull();
    expect(parseExpression("1 +")).toBeNull();
    expect(parseExpression("{unclosed")).toBeNull();
    expect(parseExpression("1 # 2")).toBeNull();
    expect(value("1 / 0")).toBeNull();
  });

  it("recognises a remaining-points counter, and nothing else as one", () => {
    expect(remainingCounter(parseExpression("100 - sum({q.a}, {q.b})")!)).toEqual({ total: 100, variables: ["q.a", "q.b"] });
    expect(remainingCounter(parseExpression("sum({q.a}, {q.b})")!)).toBeNull();
    expect(remainingCounter(parseExpression("100 - {q.a}")!)).toBeNull();
    expect(remainingCounter(parseExpression("100 - sum({q.a}, 5)")!)).toBeNull();
  });

  it("agrees with survey-core on the instrument's own counters, for any points typed", () => {
    const counters = instrument.survey.pages.flatMap((page) => page.elements.filter((e) => e.type === "expression"));
    expect(counters.length).toBeGreaterThan(0);
    const points = fc.option(fc.integer({ min: -20, max: 150 }), { nil: undefined });
    // One model, its data replaced each run: survey-core recomputes every expression when the data changes.
    const survey = new Model(instrument.survey);
    fc.assert(
      fc.property(fc.constantFrom(...counters), fc.dictionary(fc.constantFrom(...instrument.modelIds), points), (counter, typed) => {
        const question = String(counter.expression).match(/\{(\w+)\./)![1]!;
        const allocation = Object.fromEntries(Object.entries(typed).filter(([, v]) => v !== undefined));
        survey.data = { [question]: allocation };
        const ours = value(String(counter.expression), Object.fromEntries(Object.entries(allocation).map(([model, v]) => [`${question}.${model}`, v])));
        expect(ours).toBe(survey.getQuestionByName(counter.name).value);
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});

describe("points in words", () => {
  it("says how many are left or too many, never a bare or negative number", () => {
    expect(remainingText(10, 100)).toBe("10 points left");
    expect(remainingText(1, 100)).toBe("1 point left");
    expect(remainingText(0, 100)).toBe("All 100 points shared");
    expect(remainingText(-20, 100)).toBe("20 points too many");
    expect(remainingText(-1, 100)).toBe("1 point too many");
    expect(remainingSentence(-20, 100)).toBe("You have 20 points too many: take 20 off.");
    expect(remainingSentence(10, 100)).toBe("You have 10 points left to share.");
    expect(remainingSentence(100, 100)).toBe("None of the 100 points has been shared yet.");
  });

  it("reads digits as numbers and nothing else", () => {
    expect(parseNumberInput(" 30 ")).toBe(30);
    expect(parseNumberInput("12.5")).toBe(12.5);
    expect(parseNumberInput("-4")).toBe(-4);
    for (const text of ["", " ", "thirty", "3o", "1e3", "0x10", "1,5"]) expect(parseNumberInput(text), text).toBeUndefined();
  });
});
