import { describe, expect, it } from "vitest";
import { checkRoundForm, closingInstant, levelKeyFromLabel, openingInstant, roundFormInput, roundFormSchema } from "~/domain/rounds/round-form";

const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(key, v);
  return roundFormInput(data);
};
const valid = { name: "Spring", instrument: "customer-models@1", levelLabel: ["Board", "Front line"], levelId: ["", ""], minGroupSize: "5" };

describe("round form", () => {
  it("accepts a complete form, defaulting the minimum group size", () => {
    const parsed = roundFormSchema.parse(form({ ...valid, minGroupSize: "" }));
    expect(parsed).toMatchObject({ name: "Spring", levelLabels: ["Board", "Front line"], minGroupSize: 5, opensOn: null, closesOn: null, welcomeNote: "" });
  });
  it("refuses fewer than two levels, duplicate labels and a group size below 3", () => {
    const messages = (fields: Record<string, string | string[]>) => roundFormSchema.safeParse(form({ ...valid, ...fields })).error?.issues.map((i) => i.message);
    expect(messages({ levelLabel: ["Board"], levelId: [""] })).toContain("a round needs at least two levels to compare");
    expect(messages({ levelLabel: ["Board", "board"], levelId: ["", ""] })).toContain('"board" appears twice: give each level its own name');
    expect(messages({ minGroupSize: "2" })).toContain("minimum group size cannot be below 3");
  });
  it("requires the closing date on or after the opening date", () => {
    const result = roundFormSchema.safeParse(form({ ...valid, opensOn: "2027-03-10", closesOn: "2027-03-01" }));
    expect(result.error?.issues[0]).toMatchObject({ path: ["closesOn"], message: "the closing date must be on or after the opening date" });
    expect(roundFormSchema.safeParse(form({ ...valid, opensOn: "10/03/2027" })).error?.issues[0]?.message).toBe("use a date such as 2027-03-31");
  });
  it("turns days into the start and end of the day, UTC", () => {
    expect(openingInstant("2027-03-10")?.toISOString()).toBe("2027-03-10T00:00:00.000Z");
    expect(closingInstant("2027-03-10")?.toISOString()).toBe("2027-03-10T23:59:59.999Z");
    expect(openingInstant(null)).toBeNull();
  });
  it("derives unique level ids from labels", () => {
    expect(levelKeyFromLabel("Middle managers (loyalty & CRM)", new Set())).toBe("middle-managers-loyalty-crm");
    expect(levelKeyFromLabel("Équipe", new Set())).toBe("equipe");
    expect(levelKeyFromLabel("Board", new Set(["board"]))).toBe("board-2");
    expect(levelKeyFromLabel("!!!", new Set())).toBe("level");
  });

  describe("checkRoundForm: every problem at once", () => {
    const rules = { now: new Date("2027-03-15T12:00:00Z"), instrumentExists: (id: string, version: number) => id === "customer-models" && version === 1 };

    it("reports the schema's problems together with those that need more than the fields", () => {
      const result = checkRoundForm(
        form({ ...valid, name: "", instrument: "customer-models@9", levelLabel: ["Board", "", ""], levelId: ["", "", ""], closesOn: "2027-03-01", minGroupSize: "4" }),
        { ...rules, minGroup: { current: 5, anyResponse: true } },
      );
      expect(result).toEqual({
        ok: false,
        errors: {
          name: "give the round a name",
          instrument: "choose one of the listed questionnaires",
          levelLabels: "level 2: a level needs a label; level 3: a level needs a label",
          closesOn: "the closing date has passed; choose a later day or leave it empty",
          minGroupSize:
            "minimum group size cannot go below 5 now that people have answered (respondents were promised groups of at least 5); keep 5 or raise it",
        },
      });
    });

    it("accepts a good form, and a lower minimum group while nobody has answered", () => {
      const result = checkRoundForm(form({ ...valid, minGroupSize: "3" }), { ...rules, minGroup: { current: 5, anyResponse: false } });
      expect(result.ok && result.form.minGroupSize).toBe(3);
    });
  });
});
