import { describe, expect, it } from "vitest";
import { getInstrument } from "~/domain/instrument/instruments";
import { parseInstrument } from "~/domain/instrument/instrument";
import { keyedValue, scoreResponse } from "~/domain/instrument/scoring";
import customerModelsV1 from "../../../../surveys/customer-models.v1.json";
import customerModelsV2 from "../../../../surveys/customer-models.v2.json";
import { answersByModel } from "../../../support/answers";

/** Version 1 rounds keep version 1 scoring: these cases pin it down. */
const instrument = getInstrument("customer-models", 1);
const v2 = getInstrument("customer-models", 2);
const item = (name: string) => instrument.items.find((i) => i.name === name)!;

describe("keyedValue", () => {
  it("keeps a + item and rescales 1..5 to 0..1", () => {
    expect([1, 2, 3, 4, 5].map((x) => keyedValue(instrument, item("ka_p1"), x))).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
  it("reverses a - item as min + max - x before rescaling", () => {
    expect([1, 2, 3, 4, 5].map((x) => keyedValue(instrument, item("ka_c1"), x))).toEqual([1, 0.75, 0.5, 0.25, 0]);
  });
});

describe("scoreResponse, version 1", () => {
  it("turns allocations into shares of 100 points", () => {
    const scores = scoreResponse(
      instrument,
      answersByModel(instrument, {}, { now: { retail: 70, relationship: 15, social: 10, key_account: 5 }, desired: { retail: 100 } }),
    );
    expect(scores.explicit).toEqual({ key_account: 0.05, relationship: 0.15, retail: 0.7, social: 0.1 });
    expect(scores.desired).toEqual({ key_account: 0, relationship: 0, retail: 1, social: 0 });
  });

  it("computes intensities and implicit shares by hand-checked arithmetic", () => {
    // key_account: 5, 4, 3, 2, 1 on the + items and 2 on ka_c1 (reversed to 4):
    // rescaled 1, .75, .5, .25, 0, .75 -> mean 13/24. relationship: all 3 -> 1/2.
    // retail: + items 5 and rt_c1 = 1 (reversed to 5) -> 1. social: + items 1, so_c1 = 5 -> 0.
    const answers = answersByModel(instrument, {
      relationship: { plus: 3, reverse: 3 },
      retail: { plus: 5, reverse: 1 },
      social: { plus: 1, reverse: 5 },
    });
    Object.assign(answers, { ka_p1: 5, ka_p2: 4, ka_l1: 3, ka_l2: 2, ka_s1: 1, ka_c1: 2 });
    const scores = scoreResponse(instrument, answers);
    expect(scores.intensities!.key_account).toBeCloseTo(13 / 24, 12);
    expect(scores.intensities).toMatchObject({ relationship: 0.5, retail: 1, social: 0 });
    // Shares: intensities over their sum 49/24.
    expect(scores.implicit!.key_account).toBeCloseTo(13 / 49, 12);
    expect(scores.implicit!.relationship).toBeCloseTo(12 / 49, 12);
    expect(scores.implicit!.retail).toBeCloseTo(24 / 49, 12);
    expect(scores.implicit!.social).toBe(0);
    expect(scores.answeredItems).toBe(24);
  });

  it("gives equal shares to someone who agrees with everything (the reverse items cancel acquiescence)", () => {
    const scores = scoreResponse(
      instrument,
      answersByModel(instrument, Object.fromEntries(instrument.modelIds.map((id) => [id, { plus: 5, reverse: 5 }]))),
    );
    for (const id of instrument.modelIds) {
      expect(scores.intensities![id]).toBeCloseTo(5 / 6, 12);
      expect(scores.implicit![id]).toBeCloseTo(0.25, 12);
    }
  });

  it("gives the same answer throughout equal shares", () => {
    const scores = scoreResponse(
      instrument,
      answersByModel(instrument, Object.fromEntries(instrument.modelIds.map((id) => [id, { plus: 2, reverse: 2 }]))),
    );
    for (const id of instrument.modelIds) expect(scores.implicit![id]).toBeCloseTo(0.25, 12);
  });

  it("gives equal shares when every intensity is 0", () => {
    const scores = scoreResponse(
      instrument,
      answersByModel(instrument, Object.fromEntries(instrument.modelIds.map((id) => [id, { plus: 1, reverse: 5 }]))),
    );
    expect(scores.intensities).toEqual({ key_account: 0, relationship: 0, retail: 0, social: 0 });
    expect(scores.implicit).toEqual({ key_account: 0.25, relationship: 0.25, retail: 0.25, social: 0.25 });
  });

  it("counts don't know as unanswered and keeps a model with 4 of 6 items", () => {
    const answers = answersByModel(instrument, {
      key_account: { plus: 4, reverse: 2 },
      relationship: { plus: 4, reverse: 2 },
      retail: { plus: 4, reverse: 2 },
      social: { plus: 4, reverse: 2 },
    });
    // Two social items unknown: 4 answered, the minimum.
    Object.assign(answers, { so_p1: "dk", so_l2: "dk" });
    const scores = scoreResponse(instrument, answers);
    expect(scores.implicit).not.toBeNull();
    expect(scores.intensities!.social).toBeCloseTo(0.75, 12);
    expect(scores.dontKnow).toEqual({ practices: 1, line_of_sight: 1, structure_incentives: 0, customer_experience: 0 });
    expect(scores.answeredItems).toBe(22);
  });

  it("has no implicit profile when any model has fewer than 4 answered items, but keeps explicit and desired", () => {
    const answers = answersByModel(instrument, {
      key_account: { plus: 4, reverse: 2 },
      relationship: { plus: 4, reverse: 2 },
      retail: { plus: 4, reverse: 2 },
      social: { plus: 4, reverse: 2 },
    });
    Object.assign(answers, { so_p1: "dk", so_l2: "dk" });
    delete answers.so_s1; // skipped counts the same as don't know
    const scores = scoreResponse(instrument, answers);
    expect(scores.implicit).toBeNull();
    expect(scores.intensities).toBeNull();
    expect(scores.explicit.retail).toBe(0.25);
  });

  it("builds facet profiles, which need one answered item per model in the facet", () => {
    const answers = answersByModel(instrument, {
      key_account: { plus: 2, reverse: 3 },
      relationship: { plus: 3, reverse: 3 },
      retail: { plus: 5, reverse: 3 },
      social: { plus: 1, reverse: 3 },
    });
    Object.assign(answers, { so_l1: "dk", so_l2: "dk" });
    const scores = scoreResponse(instrument, answers);
    // Practices: intensities .25, .5, 1, 0 -> shares over 1.75.
    expect(scores.facetProfiles.practices!.retail).toBeCloseTo(1 / 1.75, 12);
    expect(scores.facetProfiles.practices!.social).toBe(0);
    expect(scores.facetProfiles.line_of_sight).toBeNull();
    // Customer experience is all reverse items answered 3: equal shares.
    expect(scores.facetProfiles.customer_experience).toEqual({ key_account: 0.25, relationship: 0.25, retail: 0.25, social: 0.25 });
  });

  it("weights a secondary loading in the model's mean, without counting it towards the minimum", () => {
    const json = structuredClone(customerModelsV1) as { items: { name: string; secondary?: unknown }[] };
    json.items.find((i) => i.name === "ka_p1")!.secondary = [{ model: "relationship", weight: 0.5 }];
    const weighted = parseInstrument(json, "test");
    const answers = answersByModel(weighted, {
      key_account: { plus: 5, reverse: 1 }, // every key_account item at 1.0
      relationship: { plus: 1, reverse: 5 }, // every relationship item at 0
      retail: { plus: 3, reverse: 3 },
      social: { plus: 3, reverse: 3 },
    });
    const scores = scoreResponse(weighted, answers);
    // relationship: (6 x 0 + 0.5 x 1.0) / (6 + 0.5)
    expect(scores.intensities!.relationship).toBeCloseTo(0.5 / 6.5, 12);
    expect(scores.intensities!.key_account).toBe(1);
    // With three relationship items unknown, ka_p1's loading does not make up the fourth.
    Object.assign(answers, { rm_p1: "dk", rm_p2: "dk", rm_l1: "dk" });
    expect(scoreResponse(weighted, answers).implicit).toBeNull();
  });
});

describe("scoreResponse, version 2: beliefs on the practice metric, response style removed", () => {
  /** Agrees with a statement and with its opposite on every model but retail, which the respondent really sees. */
  function acquiescentRetail() {
    const answers = answersByModel(v2, {
      key_account: { plus: 4, reverse: 4 },
      relationship: { plus: 4, reverse: 4 },
      retail: { plus: 5, reverse: 1 },
      social: { plus: 4, reverse: 4 },
    });
    // Two of key_account's three reverse practice statements unknown: its answered keys are no longer balanced.
    Object.assign(answers, { ka_l2: "dk", ka_c1: "dk" });
    return answers;
  }

  it("estimates acquiescence per respondent as the mean over models of the + and - means' midpoint offset", () => {
    // key_account: + mean 4 (ka_p1, ka_l1, ka_s1, ka_e1, ka_e3), - mean 4 (ka_p2, ka_e2) -> (4 + 4) / 2 - 3 = 1.
    // relationship and social likewise 1; retail (5 + 1) / 2 - 3 = 0. Mean over the four models: 0.75.
    const scores = scoreResponse(v2, acquiescentRetail());
    expect(scores.responseStyle.acquiescence).toBeCloseTo(0.75, 12);
    expect(scores.responseStyle.straightLined).toBe(false);
  });

  it("removes acquiescence before intensities, so agreeing with everything does not read as a model", () => {
    const scores = scoreResponse(v2, acquiescentRetail());
    // key_account implicit: + items (ka_p1, ka_l1, ka_s1) at 4 - 0.75 = 3.25 -> (3.25 - 1) / 4 = 0.5625;
    // - item ka_p2 at 4 - 0.75 = 3.25 -> 6 - 3.25 = 2.75 -> 0.4375. Mean (3 x 0.5625 + 0.4375) / 4 = 0.53125.
    expect(scores.intensities!.key_account).toBeCloseTo(0.53125, 12);
    // Balanced models are unchanged by the shift: relationship 0.5, retail (0.8125 + 1.1875) / 2 = 1.
    expect(scores.intensities!.relationship).toBeCloseTo(0.5, 12);
    expect(scores.intensities!.retail).toBeCloseTo(1, 12);
    // Without the correction key_account would read (3 x 0.75 + 0.25) / 4 = 0.625: the style made a model.
    const v1Style = parseInstrument({ ...structuredClone(customerModelsV2), scoring: { ...customerModelsV2.scoring, responseStyle: undefined } }, "no-style");
    expect(scoreResponse(v1Style, acquiescentRetail()).intensities!.key_account).toBeCloseTo(0.625, 12);
  });

  it("builds the said profile from the belief statements, on the same scale and with the same correction", () => {
    const scores = scoreResponse(v2, acquiescentRetail());
    // Beliefs (two + and one - per model): key_account (0.5625 + 0.5625 + 0.4375) / 3 = 0.520833..., likewise
    // relationship and social; retail (0.8125 + 0.8125 + 1.1875) / 3 = 0.9375. Shares over 2.5.
    expect(scores.saidIntensities!.key_account).toBeCloseTo(1.5625 / 3, 12);
    expect(scores.saidIntensities!.retail).toBeCloseTo(0.9375, 12);
    expect(scores.said!.retail).toBeCloseTo(0.375, 12);
    expect(scores.said!.key_account).toBeCloseTo(1.5625 / 3 / 2.5, 12);
    expect(scores.dontKnow).toMatchObject({ beliefs: 0, line_of_sight: 1, customer_experience: 1 });
  });

  it("needs one answered belief statement per model for a said profile", () => {
    const answers = acquiescentRetail();
    Object.assign(answers, { so_e1: "dk", so_e2: "dk", so_e3: "dk" });
    const scores = scoreResponse(v2, answers);
    expect(scores.said).toBeNull();
    expect(scores.implicit).not.toBeNull();
  });

  it("keeps a straight-liner out of every statement-based profile, but counts their allocations", () => {
    const answers = answersByModel(v2, Object.fromEntries(v2.modelIds.map((id) => [id, { plus: 3, reverse: 3 }])), {
      now: { key_account: 10, relationship: 20, retail: 60, social: 10 },
    });
    const scores = scoreResponse(v2, answers);
    expect(scores.responseStyle).toEqual({ acquiescence: 0, straightLined: true });
    expect(scores.implicit).toBeNull();
    expect(scores.said).toBeNull();
    expect(scores.facetProfiles.practices).toBeNull();
    expect(scores.explicit.retail).toBe(0.6);
  });

  it("counts a respondent with fewer answers than the straight-lining minimum as not straight-lined", () => {
    const answers = answersByModel(v2, {});
    for (const name of ["ka_p1", "rm_p1", "rt_p1", "so_p1", "ka_l1", "rm_l1", "rt_l1", "so_l1", "ka_s1", "rm_s1", "rt_s1"]) answers[name] = 4;
    expect(scoreResponse(v2, answers).responseStyle.straightLined).toBe(false);
    answers.so_s1 = 4;
    expect(scoreResponse(v2, answers).responseStyle.straightLined).toBe(true);
  });

  it("flags but does not exclude a version 1 straight-liner (version 1 keeps version 1 scoring)", () => {
    const scores = scoreResponse(instrument, answersByModel(instrument, Object.fromEntries(instrument.modelIds.map((id) => [id, { plus: 2, reverse: 2 }]))));
    expect(scores.responseStyle.straightLined).toBe(true);
    expect(scores.implicit).not.toBeNull();
  });
});
