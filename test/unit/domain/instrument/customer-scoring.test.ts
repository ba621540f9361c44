import { describe, expect, it } from "vitest";
import { answersSchema } from "~/domain/instrument/answers";
import { customerScoringKey, parseCustomerInstrument } from "~/domain/instrument/customer-instrument";
import { npsGroup, npsPoints, scoreCustomerResponse } from "~/domain/instrument/customer-scoring";
import { currentCustomerInstrument } from "~/domain/instrument/instruments";
import customerViewV1 from "../../../../surveys/customer-view.v1.json";

const instrument = currentCustomerInstrument;
const WANTED = { key_account: 10, relationship: 60, retail: 20, social: 10 };

/** Keys: ka_x1 +, ka_x2 -, ka_x3 +; rm_x1 +, rm_x2 -, rm_x3 -; rt_x1 +, rt_x2 +, rt_x3 -; so_x1 +, so_x2 -, so_x3 -. */
const answers = (statements: Record<string, number | "dk">, recommend = 9) => ({ recommend, want_alloc: WANTED, ...statements });

describe("the customer questionnaire (surveys/customer-view.v1.json)", () => {
  it("has 8-12 statements, each model with both + and - statements, an allocation, a 0-10 question and an optional comment", () => {
    expect(instrument.items.length).toBeGreaterThanOrEqual(8);
    expect(instrument.items.length).toBeLessThanOrEqual(12);
    for (const model of instrument.modelIds) {
      const keys = instrument.items.filter((i) => i.model === model).map((i) => i.reverse);
      expect(keys).toContain(true);
      expect(keys).toContain(false);
    }
    expect(instrument.allocations).toEqual([instrument.wanted]);
    expect(instrument.scoredRatings).toEqual([{ name: instrument.nps, values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }]);
    expect(instrument.contextQuestions.filter((q) => q.kind === "text").map((q) => q.name)).toEqual(["cx_comment"]);
  });

  it("prints its key with exactly product.md's fields", () => {
    const key = customerScoringKey(instrument);
    expect(Object.keys(key).sort()).toEqual(["id", "items", "models", "nps", "scale", "version", "wanted"]);
    expect(key).toMatchObject({ id: "customer-view", version: 1, scale: { min: 1, max: 5 }, wanted: "want_alloc", nps: "recommend" });
    expect(key.models.map((m) => m.id)).toEqual(["key_account", "relationship", "retail", "social"]);
    for (const item of key.items) expect(Object.keys(item).sort()).toEqual(["facet", "model", "name", "reverse"]);
  });

  it("is refused when a model's statements are all keyed one way, naming the model", () => {
    const broken = structuredClone(customerViewV1);
    for (const item of broken.items) if (item.model === "retail") item.reverse = false;
    expect(() => parseCustomerInstrument(broken, "broken.json")).toThrow(/model "retail" needs both a \+ and a - statement/);
  });

  it("is refused when its survey lacks the 0-10 question the key names", () => {
    const broken = structuredClone(customerViewV1);
    broken.nps = "missing_question";
    expect(() => parseCustomerInstrument(broken, "broken.json")).toThrow(/missing_question/);
  });

  it("requires the allocation and the 0-10 answer on submit, and takes no answer outside 0-10", () => {
    const schema = answersSchema(instrument, "submit");
    expect(schema.safeParse(answers({})).success).toBe(true);
    expect(schema.safeParse({ want_alloc: WANTED }).success).toBe(false);
    expect(schema.safeParse(answers({}, 11)).success).toBe(false);
    expect(schema.safeParse({ recommend: 5, want_alloc: { ...WANTED, social: 20 } }).success).toBe(false);
  });
});

describe("scoreCustomerResponse: hand-worked cases", () => {
  it("balanced answers (no acquiescence): intensities are the keyed means, shares their normalisation", () => {
    // ka: 4, 4, and 2 reversed = 4 -> 0.75; rm: 5, and 1, 1 reversed = 5 -> 1; rt: 3, 3, 3 -> 0.5; so: 2, and 4, 4 reversed = 2 -> 0.25.
    // Acquiescence per model: ((4) + (2)) / 2 - 3 = 0, (5 + 1) / 2 - 3 = 0, 0, (2 + 4) / 2 - 3 = 0. Sum of intensities 2.5.
    const scores = scoreCustomerResponse(instrument, answers({ ka_x1: 4, ka_x3: 4, ka_x2: 2, rm_x1: 5, rm_x2: 1, rm_x3: 1, rt_x1: 3, rt_x2: 3, rt_x3: 3, so_x1: 2, so_x2: 4, so_x3: 4 }));
    expect(scores.intensities).toEqual({ key_account: 0.75, relationship: 1, retail: 0.5, social: 0.25 });
    expect(scores.experienced!.key_account).toBeCloseTo(0.3, 12);
    expect(scores.experienced!.relationship).toBeCloseTo(0.4, 12);
    expect(scores.experienced!.retail).toBeCloseTo(0.2, 12);
    expect(scores.experienced!.social).toBeCloseTo(0.1, 12);
    expect(scores.wanted).toEqual({ key_account: 0.1, relationship: 0.6, retail: 0.2, social: 0.1 });
    expect(scores.nps).toBe(9);
  });

  it("takes an agreeing customer's acquiescence (1 point here) off every answer before keying", () => {
    // ka: + 5, 5, - 3 -> (5 + 3) / 2 - 3 = 1; rm: + 4, - 4, 4 -> 1; rt: + 4, 4, - 4 -> 1; so: + 3, - 5, 5 -> 1. Acquiescence 1.
    // After the shift: ka 4, 4, reversed (3 - 1 = 2) -> 4: 0.75; rm 3 and reversed 3: 0.5; rt 0.5; so 2 and reversed 4 -> 2: 0.25. Sum 2.
    const scores = scoreCustomerResponse(instrument, answers({ ka_x1: 5, ka_x3: 5, ka_x2: 3, rm_x1: 4, rm_x2: 4, rm_x3: 4, rt_x1: 4, rt_x2: 4, rt_x3: 4, so_x1: 3, so_x2: 5, so_x3: 5 }));
    expect(scores.intensities).toEqual({ key_account: 0.75, relationship: 0.5, retail: 0.5, social: 0.25 });
    expect(scores.experienced).toEqual({ key_account: 0.375, relationship: 0.25, retail: 0.25, social: 0.125 });
  });

  it("gives a customer who answers one value throughout no experienced profile, but keeps their want and NPS answer", () => {
    const all4 = Object.fromEntries(instrument.items.map((i) => [i.name, 4]));
    const scores = scoreCustomerResponse(instrument, answers(all4, 3));
    expect(scores.experienced).toBeNull();
    expect(scores.intensities).toBeNull();
    expect(scores.wanted.relationship).toBe(0.6);
    expect(scores.nps).toBe(3);
  });

  it("needs two answered statements per model: one plus two don't-knows leaves no experienced profile", () => {
    const base = { ka_x1: 4, ka_x3: 4, ka_x2: 2, rm_x1: 5, rm_x2: 1, rm_x3: 1, rt_x1: 3, rt_x2: 3, rt_x3: 3, so_x1: 2, so_x2: 4, so_x3: 4 };
    expect(scoreCustomerResponse(instrument, answers({ ...base, so_x2: "dk", so_x3: "dk" })).experienced).toBeNull();
    // Two of three answered is enough: so = mean(0.25, reversed 4 = 0.25).
    expect(scoreCustomerResponse(instrument, answers({ ...base, so_x3: "dk" })).intensities!.social).toBe(0.25);
  });
});

describe("Net Promoter groups (seed 002)", () => {
  it("counts 9-10 as promoters (+100), 7-8 passives (0), 0-6 detractors (-100)", () => {
    expect([0, 6, 7, 8, 9, 10].map(npsGroup)).toEqual(["detractor", "detractor", "passive", "passive", "promoter", "promoter"]);
    expect([0, 6, 7, 8, 9, 10].map(npsPoints)).toEqual([-100, -100, 0, 0, 100, 100]);
  });
});
