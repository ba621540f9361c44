import { describe, expect, it } from "vitest";
import { InstrumentError, parseInstrument, scoringKey } from "~/domain/instrument/instrument";
import customerModelsV1 from "../../../../surveys/customer-models.v1.json";
import customerModelsV2 from "../../../../surveys/customer-models.v2.json";

/** The instrument file, loosely typed so a test can break any part of it. */
type Json = {
  items: { name: string; model: string }[];
  scoring: { minItemsPerModel: number };
  survey: { pages: { elements: Record<string, unknown[]>[] }[] };
};
const broken = (change: (json: Json) => void) => {
  const json = structuredClone(customerModelsV1) as unknown as Json;
  change(json);
  return () => parseInstrument(json, "broken.json");
};

describe("parseInstrument", () => {
  it("accepts the shipped instrument and finds its parts", () => {
    const instrument = parseInstrument(customerModelsV1, "v1");
    expect(instrument.modelIds).toEqual(["key_account", "relationship", "retail", "social"]);
    expect(instrument.items).toHaveLength(24);
    expect(instrument.matrices.map((m) => m.facet)).toEqual(["practices", "line_of_sight", "structure_incentives", "customer_experience"]);
    expect(instrument.contextQuestions.map((q) => q.name)).toEqual(["ctx_function", "ctx_tenure", "ctx_customer_view"]);
    expect(instrument.computedNames).toEqual(["alloc_now_left", "alloc_desired_left"]);
    // Version 1: exactly one reverse item per model, all in Customer experience.
    for (const id of instrument.modelIds) {
      const reversed = instrument.items.filter((i) => i.model === id && i.reverse);
      expect(reversed.map((i) => i.facet)).toEqual(["customer_experience"]);
    }
  });

  it("names an item keyed to an unknown model", () => {
    expect(broken((j) => (j.items[0]!.model = "loyalty"))).toThrow(/item "ka_p1" is keyed to unknown model "loyalty"/);
  });

  it("names a duplicate question name", () => {
    expect(
      broken((j) => {
        const rows = j.survey.pages[3]!.elements[0]!.rows as { value: string }[];
        rows[0]!.value = "ka_p1";
      }),
    ).toThrow(/question name "ka_p1" is used twice/);
  });

  it("names a duplicate item in the key", () => {
    expect(broken((j) => void j.items.push({ ...j.items[0]! }))).toThrow(/item "ka_p1" is defined twice/);
  });

  it("names an item of the key that the survey never asks", () => {
    expect(
      broken((j) => {
        const rows = j.survey.pages[2]!.elements[0]!.rows as { value: string }[];
        rows.splice(0, 1);
      }),
    ).toThrow(/item "ka_p1" is in the scoring key but not asked/);
  });

  it("refuses a statement grid whose columns are not the scale", () => {
    expect(
      broken((j) => {
        j.survey.pages[2]!.elements[0]!.columns!.pop();
      }),
    ).toThrow(/matrix "statements_practices" must offer exactly the scale 1, 2, 3, 4, 5, dk/);
  });

  it("refuses an allocation without one item per model", () => {
    expect(
      broken((j) => {
        j.survey.pages[0]!.elements[1]!.items!.pop();
      }),
    ).toThrow(/allocation "alloc_now" must be a multipletext with one item per model/);
  });

  it("refuses a model with fewer items than the scoring minimum", () => {
    expect(broken((j) => (j.scoring.minItemsPerModel = 7))).toThrow(/model "key_account" has 6 implicit items, fewer than scoring.minItemsPerModel \(7\)/);
  });

  it("refuses a say-do comparison on belief statements when there are none", () => {
    expect(broken((j) => ((j as unknown as { patterns: { sayProfile: string } }).patterns.sayProfile = "said"))).toThrow(
      /patterns.sayProfile is "said" but no item has profile "explicit"/,
    );
  });

  it("reports schema problems with their path", () => {
    const json = structuredClone(customerModelsV1) as Record<string, unknown>;
    delete json.scale;
    expect(() => parseInstrument(json, "x.json")).toThrow(InstrumentError);
    expect(() => parseInstrument(json, "x.json")).toThrow(/Instrument x.json is invalid:\n {2}- scale:/);
  });
});

describe("scoringKey", () => {
  it("has exactly the fields of product.md's `instrument --json`", () => {
    const key = scoringKey(parseInstrument(customerModelsV1));
    expect(Object.keys(key)).toEqual(["id", "version", "models", "scale", "explicit", "items"]);
    expect(key).toMatchObject({
      id: "customer-models",
      version: 1,
      scale: { min: 1, max: 5 },
      explicit: { now: "alloc_now", desired: "alloc_desired" },
    });
    expect(key.models[0]).toEqual({ id: "key_account", label: "Key account management" });
    expect(key.items.find((i) => i.name === "rt_c1")).toEqual({ name: "rt_c1", model: "retail", facet: "customer_experience", reverse: true, profile: "implicit" });
  });

  it("marks version 2's belief statements as the explicit profile", () => {
    const key = scoringKey(parseInstrument(customerModelsV2));
    expect(key.version).toBe(2);
    expect(key.items.find((i) => i.name === "rt_e2")).toEqual({ name: "rt_e2", model: "retail", facet: "beliefs", reverse: true, profile: "explicit" });
    expect(key.items.filter((i) => i.profile === "explicit")).toHaveLength(12);
  });
});

describe("version 2's item bank (instrument.md section 8)", () => {
  const v2 = parseInstrument(customerModelsV2, "v2");
  it("balances the keys of every model: three + and three - practice statements; two + and one - belief statements", () => {
    for (const id of v2.modelIds) {
      const implicit = v2.implicitItems.filter((i) => i.model === id);
      expect(implicit.filter((i) => i.reverse)).toHaveLength(3);
      expect(implicit.filter((i) => !i.reverse)).toHaveLength(3);
      expect(v2.explicitItems.filter((i) => i.model === id).map((i) => i.reverse).sort()).toEqual([false, false, true]);
    }
  });
  it("has reverse keys outside Customer experience for every model, balanced within the facets blind line of sight compares", () => {
    for (const id of v2.modelIds) {
      const reversedOutsideExperience = v2.implicitItems.filter((i) => i.model === id && i.reverse && i.facet !== "customer_experience");
      expect(reversedOutsideExperience.length).toBeGreaterThanOrEqual(2);
      for (const facet of ["practices", "line_of_sight"]) {
        const inFacet = v2.implicitItems.filter((i) => i.model === id && i.facet === facet);
        expect(inFacet.filter((i) => i.reverse).length, `${id} ${facet}`).toBe(inFacet.filter((i) => !i.reverse).length);
      }
    }
  });
  it("asks the beliefs after the allocations and before any practice statement, with every statement's wording known", () => {
    expect(v2.survey.pages.map((p) => p.name).slice(0, 4)).toEqual(["page_now", "page_desired", "page_beliefs", "page_practices"]);
    for (const item of v2.items) expect(v2.itemText[item.name]!.length, item.name).toBeGreaterThan(20);
  });
});
