import { describe, expect, it } from "vitest";
import { instruments } from "~/domain/instrument/instruments";
import { handlePagePost, reviewForSubmit, skippedStatements, type CleanDraft } from "~/domain/survey/flow";
import { buildPageView, type ElementView } from "~/domain/survey/page-view";
import { readPagePost } from "~/domain/survey/page-post";
import { openSurvey, UnsupportedSurveyError } from "~/domain/survey/survey-model";

/**
 * A questionnaire unlike the staff instrument (as the customer questionnaire
 * will be): a 0-10 rating, a panel, a question shown only for low ratings, a
 * number box, a page shown only for high ratings, and a statement grid.
 */
const customer = {
  completeText: "Send",
  pages: [
    {
      name: "p_score",
      title: "Your view",
      elements: [
        { type: "rating", name: "nps", title: "How likely are you to recommend us?", rateMin: 0, rateMax: 10, minRateDescription: "Not at all likely", maxRateDescription: "Extremely likely", isRequired: true },
        {
          type: "panel",
          name: "why_panel",
          title: "Tell us more",
          elements: [{ type: "comment", name: "why_low", title: "What should we do better?", visibleIf: "{nps} < 7", maxLength: 20 }],
        },
        { type: "text", name: "years", title: "Years as our customer", inputType: "number" },
        { type: "html", name: "note", html: "<p>Thanks, {nps} noted.</p>" },
      ],
    },
    { name: "p_fans", title: "For our fans", visibleIf: "{nps} >= 9", elements: [{ type: "dropdown", name: "channel", title: "How did you hear of us?", choices: ["Friend", { value: "web", text: "Online" }] }] },
    {
      name: "p_grid",
      title: "What we are like",
      elements: [
        {
          type: "matrix",
          name: "grid",
          titleLocation: "hidden",
          columns: [1, 2, 3].map((v) => ({ value: v, text: `Level ${v}` })),
          rows: [
            { value: "g1", text: "Quick to answer" },
            { value: "g2", text: "Easy to reach" },
          ],
        },
        { type: "radiogroup", name: "size", title: "Your size", choices: ["Small", "Large"] },
      ],
    },
  ],
};

const fields = (entries: Record<string, string>) => new Map(Object.entries(entries));
const keepEverything: CleanDraft = (data) => ({ data, errors: {} });
const kinds = (elements: ElementView[]): string[] => elements.flatMap((e) => (e.kind === "panel" ? [e.kind, ...kinds(e.elements)] : [e.kind]));

describe("survey pages from any SurveyJS questionnaire", () => {
  it("renders each element type, following survey-core's visibility for the answers so far", () => {
    const low = buildPageView(openSurvey(customer, { nps: 3 }), 0);
    expect(kinds(low.elements)).toEqual(["choice", "panel", "text", "text", "html"]);
    expect(low).toMatchObject({ title: "Your view", position: 1, count: 2, first: true, last: false });
    const rating = low.elements[0] as Extract<ElementView, { kind: "choice" }>;
    expect(rating).toMatchObject({ layout: "scale", anchors: { low: "Not at all likely", high: "Extremely likely" }, value: "3", required: true });
    expect(rating.options.map((o) => o.value)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    expect(low.elements[3]).toMatchObject({ kind: "html", html: "<p>Thanks, 3 noted.</p>" });

    const high = buildPageView(openSurvey(customer, { nps: 10 }), 0);
    expect(kinds(high.elements)).toEqual(["choice", "text", "html"]);
    expect(high.count).toBe(3);
    const grid = buildPageView(openSurvey(customer, { nps: 10, grid: { g2: 3 } }), 2);
    expect(grid).toMatchObject({ position: 3, count: 3, last: true, buttons: { submit: "Send" } });
    const statements = grid.elements[0] as Extract<ElementView, { kind: "statements" }>;
    expect(statements.titleHidden).toBe(true);
    expect(statements.rows.map((r) => [r.field, r.title, r.value, r.layout])).toEqual([
      ["g1", "Quick to answer", "", "scale"],
      ["g2", "Easy to reach", "3", "scale"],
    ]);
    expect(grid.elements[1]).toMatchObject({ kind: "choice", layout: "list", anchors: null });
  });

  it("reads a posted page back into answers, keeping what it cannot read on screen only", () => {
    const model = openSurvey(customer, { nps: 3, why_low: "old" });
    const post = readPagePost(model, 0, fields({ nps: "2", years: "twelve", why_low: "x".repeat(25) }));
    expect(post.values).toEqual({ nps: 2, years: undefined, why_low: undefined });
    expect(post.raw).toEqual({ nps: "2", years: "twelve", why_low: "x".repeat(25) });
    expect(Object.keys(post.errors).sort()).toEqual(["why_low", "years"]);
    const grid = readPagePost(openSurvey(customer, {}), 2, fields({ g1: "2", g2: "7", size: "Large" }));
    expect(grid.values).toEqual({ grid: { g1: 2 }, size: "Large" });
    expect(grid.errors).toEqual({ g2: ["Choose one of the options shown."] });
  });

  it("moves on only when the page is in order, saves on every post, and goes back without checking", () => {
    const empty = handlePagePost({ survey: customer, data: {}, page: 0, intent: "next", posted: fields({ years: "4" }), clean: keepEverything });
    expect(empty).toMatchObject({ kind: "show", page: 0, data: { years: 4 } });
    expect(empty.kind === "show" && empty.view.problems).toEqual([{ target: "f-nps-0", message: "Response required." }]);
    expect(handlePagePost({ survey: customer, data: {}, page: 0, intent: "back", posted: fields({ years: "4" }), clean: keepEverything })).toMatchObject({ kind: "go", page: 0, data: { years: 4 } });
    // A high rating leads to the fans' page; a low one skips it.
    expect(handlePagePost({ survey: customer, data: {}, page: 0, intent: "next", posted: fields({ nps: "9" }), clean: keepEverything })).toMatchObject({ kind: "go", page: 1 });
    expect(handlePagePost({ survey: customer, data: {}, page: 0, intent: "next", posted: fields({ nps: "2" }), clean: keepEverything })).toMatchObject({ kind: "go", page: 2 });
    const dropped = handlePagePost({ survey: customer, data: {}, page: 0, intent: "next", posted: fields({ nps: "9", years: "4" }), clean: (data) => ({ data: { nps: data.nps }, errors: { years: ["Not storable."] } }) });
    expect(dropped).toMatchObject({ kind: "show", data: { nps: 9 } });
  });

  it("asks about skipped statements, and submits only what the respondent could see", () => {
    const answered = { nps: 10, why_low: "written before the score went up", channel: "web", size: "Small" };
    expect(skippedStatements(openSurvey(customer, answered))).toEqual({ count: 2, firstPage: 2, pages: [{ index: 2, title: "What we are like", count: 2 }] });
    expect(reviewForSubmit(customer, answered, 2, false)).toMatchObject({ kind: "confirm", skipped: { count: 2 } });
    const complete = reviewForSubmit(customer, { ...answered, grid: { g1: 1, g2: 2 } }, 2, false);
    expect(complete).toEqual({ kind: "complete", data: expect.anything(), page: 2, answers: { nps: 10, channel: "web", size: "Small", grid: { g1: 1, g2: 2 } } });
    expect(reviewForSubmit(customer, {}, 2, true)).toMatchObject({ kind: "show", page: 0, reason: "incomplete" });
  });

  it("refuses a question type it cannot show, naming it", () => {
    const survey = { pages: [{ name: "p", elements: [{ type: "signaturepad", name: "sign" }] }] };
    expect(() => buildPageView(openSurvey(survey, {}), 0)).toThrow(UnsupportedSurveyError);
    expect(() => buildPageView(openSurvey(survey, {}), 0)).toThrow(/"sign" has type "signaturepad"/);
  });

  it("shows every page of every instrument the app knows", () => {
    for (const instrument of instruments) {
      const model = openSurvey(instrument.survey, {});
      instrument.survey.pages.forEach((_, index) => expect(() => buildPageView(model, index), `${instrument.id} v${instrument.version} page ${index}`).not.toThrow());
    }
  });
});
