import { describe, expect, it } from "vitest";
import { storableDraft } from "~/domain/instrument/answers";
import { currentInstrument as instrument } from "~/domain/instrument/instruments";
import { cleanDraftFor, skippedWarning } from "~/domain/survey/questionnaire";
import { answersByModel } from "../../../support/answers";

describe("the staff instrument's pages", () => {
  it("store whatever part of a draft can be stored, saying what was left out", () => {
    const { answers, dropped } = storableDraft(instrument, { alloc_now: { retail: 150, social: 20 }, ka_p1: 4, rm_p1: 9, mystery: "x" });
    expect(answers).toEqual({ alloc_now: { social: 20 }, ka_p1: 4 });
    expect(dropped.map((d) => d.path.join("."))).toEqual(expect.arrayContaining(["alloc_now.retail", "rm_p1", "mystery"]));
    expect(dropped.find((d) => d.path.join(".") === "alloc_now.retail")!.message).toBe("at most 100 points");
  });

  it("key what cannot be stored by the field the respondent typed it in", () => {
    const clean = cleanDraftFor(instrument);
    const { data, errors } = clean({ alloc_now: { retail: 150, social: 20 }, statements_practices: { ka_p1: 4 } });
    expect(data).toEqual({ alloc_now: { social: 20 }, statements_practices: { ka_p1: 4 } });
    expect(errors).toEqual({ "alloc_now.retail": ["At most 100 points."] });
  });

  it("say what skipping costs: no practice profile below four answered statements per approach", () => {
    const skipped = { count: 24, firstPage: 2, pages: [] };
    const none = skippedWarning(instrument, answersByModel(instrument, {}), skipped);
    expect(none.headline).toBe("You skipped 24 statements.");
    expect(none.consequence).toMatch(/^Your practice profile needs answers to at least 4 statements for each approach, so with these gaps it cannot be worked out/);
    const enough = skippedWarning(instrument, answersByModel(instrument, { key_account: { plus: 4, reverse: 2 }, relationship: { plus: 3, reverse: 3 }, retail: { plus: 2, reverse: 4 }, social: { plus: 5, reverse: 1 } }), { ...skipped, count: 1 });
    expect(enough.headline).toBe("You skipped 1 statement.");
    expect(enough.consequence).toMatch(/can still be worked out/);
  });
});
