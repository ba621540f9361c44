import { describe, expect, it } from "vitest";
import { answersSchema, describeIssues } from "~/domain/instrument/answers";
import { fromSurveyData, surveyLayout, toSurveyData } from "~/domain/instrument/survey-data";
import { currentInstrument as instrument } from "~/domain/instrument/instruments";

const submit = answersSchema(instrument, "submit");
const draft = answersSchema(instrument, "draft");
const complete = { alloc_now: { retail: 70, relationship: 30 }, alloc_desired: { social: 100 } };
const messages = (value: unknown, schema = submit) => {
  const result = schema.safeParse(value);
  return result.success ? [] : describeIssues(result.error);
};

describe("answers schema (submit)", () => {
  it("accepts allocations (missing models count as 0), scale answers, dk and context", () => {
    const result = submit.parse({ ...complete, ka_p1: 5, rm_c1: "dk", ctx_tenure: "3to10", ctx_customer_view: "Friendly" });
    expect(result).toEqual({ ...complete, ka_p1: 5, rm_c1: "dk", ctx_tenure: "3to10", ctx_customer_view: "Friendly" });
  });

  it("says what the points add up to when they are not 100", () => {
    expect(messages({ ...complete, alloc_now: { retail: 60, social: 30 } })).toEqual([
      "alloc_now: the points add up to 90; they must add up to exactly 100",
    ]);
  });

  it("requires both allocations", () => {
    expect(messages({ alloc_now: complete.alloc_now })).toEqual([
      "alloc_desired: required: share 100 points across key_account, relationship, retail, social",
    ]);
  });

  it("refuses fractional and negative points and unknown models", () => {
    expect(messages({ ...complete, alloc_now: { retail: 70.5, social: 29.5 } })[0]).toMatch(/alloc_now.retail: give points as a whole number/);
    expect(messages({ ...complete, alloc_now: { retail: 110, social: -10 } })).toContain("alloc_now.social: points cannot be negative");
    expect(messages({ ...complete, alloc_now: { retail: 100, loyalty: 0 } })[0]).toMatch(/alloc_now: unknown model "loyalty"/);
  });

  it("refuses answers off the scale and unknown questions", () => {
    expect(messages({ ...complete, ka_p1: 6 })).toEqual(['ka_p1: answer with a whole number from 1 to 5, or "dk" for don\'t know']);
    expect(messages({ ...complete, ka_p1: "4" })).toHaveLength(1);
    expect(messages({ ...complete, favourite_colour: "blue" })).toEqual(['unknown question "favourite_colour"']);
    expect(messages({ ...complete, ctx_tenure: "forever" })[0]).toMatch(/ctx_tenure: choose one of/);
    expect(messages({ ...complete, ctx_customer_view: "x".repeat(501) })).toEqual(["ctx_customer_view: keep it under 500 characters"]);
  });

  it("drops SurveyJS's computed counters and null (unanswered) values", () => {
    expect(submit.parse({ ...complete, alloc_now_left: 0, alloc_desired_left: 0, ka_p1: null })).toEqual(complete);
  });

  it("refuses something that is not an object", () => {
    expect(messages([1, 2])).toEqual(["answers must be an object of question name -> answer"]);
  });
});

describe("answers schema (draft)", () => {
  it("accepts partial answers and allocations that do not add up yet", () => {
    expect(draft.parse({ alloc_now: { retail: 40 } })).toEqual({ alloc_now: { retail: 40 } });
    expect(draft.parse({})).toEqual({});
  });
  it("still refuses values no answer could have", () => {
    expect(messages({ ka_p1: 9 }, draft)).toHaveLength(1);
    expect(messages({ alloc_now: { retail: 150 } }, draft)).toEqual(["alloc_now.retail: at most 100 points"]);
  });
});

describe("SurveyJS data and the flat answers object", () => {
  const layout = surveyLayout(instrument);
  it("spreads statement grids out and drops counters", () => {
    const data = { alloc_now: { retail: 100 }, alloc_now_left: 0, statements_practices: { ka_p1: 4, rm_p1: "dk" }, ctx_tenure: "lt1" };
    expect(fromSurveyData(layout, data)).toEqual({ alloc_now: { retail: 100 }, ka_p1: 4, rm_p1: "dk", ctx_tenure: "lt1" });
  });
  it("nests a draft back into the grids it came from", () => {
    const answers = { alloc_now: { retail: 100 }, ka_p1: 4, ka_l1: 2, ctx_tenure: "lt1" };
    expect(toSurveyData(layout, answers)).toEqual({
      alloc_now: { retail: 100 },
      statements_practices: { ka_p1: 4 },
      statements_line_of_sight: { ka_l1: 2 },
      ctx_tenure: "lt1",
    });
    expect(fromSurveyData(layout, toSurveyData(layout, answers))).toEqual(answers);
  });
});
