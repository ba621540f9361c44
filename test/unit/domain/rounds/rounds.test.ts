import { describe, expect, it } from "vitest";
import { effectiveMinGroupSize, isReportable, partitionByAnonymity, responsesNeeded } from "~/domain/report/anonymity";
import { minGroupSizeSchema, parseLevelList, roundAvailability } from "~/domain/rounds/rounds";

describe("parseLevelList", () => {
  it("reads id:Label pairs, trimming spaces and keeping colons in labels", () => {
    const parsed = parseLevelList(" board:Board , front:Front line: stores");
    expect(parsed.data).toEqual([
      { key: "board", label: "Board" },
      { key: "front", label: "Front line: stores" },
    ]);
  });
  it("refuses one level, missing labels, bad ids and duplicates", () => {
    expect(parseLevelList("board:Board").error?.issues[0]?.message).toBe("a round needs at least two levels to compare");
    expect(parseLevelList("board,front:Front").error?.issues[0]?.message).toBe("a level needs a label");
    expect(parseLevelList("bo ard:Board,front:Front").error?.issues[0]?.message).toMatch(/a level id uses letters/);
    expect(parseLevelList("a:A,a:B").error?.issues[0]?.message).toBe('level id "a" is used twice');
  });
});

describe("minimum group size", () => {
  it("is a whole number of at least 3", () => {
    expect(minGroupSizeSchema.parse("4")).toBe(4);
    expect(minGroupSizeSchema.safeParse(2).error?.issues[0]?.message).toBe("minimum group size cannot be below 3");
    expect(minGroupSizeSchema.safeParse("2.5").success).toBe(false);
    expect(minGroupSizeSchema.safeParse("five").success).toBe(false);
  });
});

describe("anonymity", () => {
  it("reports a level only from the minimum group size, never below 3", () => {
    expect(isReportable(4, 5)).toBe(false);
    expect(isReportable(5, 5)).toBe(true);
    expect(effectiveMinGroupSize(1)).toBe(3);
    expect(isReportable(2, 1)).toBe(false);
    expect(responsesNeeded(3, 5)).toBe(2);
    expect(responsesNeeded(9, 5)).toBe(0);
  });
  it("partitions groups into reportable and suppressed", () => {
    const { reportable, suppressed } = partitionByAnonymity([{ count: 5 }, { count: 4 }, { count: 12 }], 5);
    expect(reportable.map((g) => g.count)).toEqual([5, 12]);
    expect(suppressed.map((g) => g.count)).toEqual([4]);
  });
});

describe("roundAvailability", () => {
  const now = new Date("2026-06-01T12:00:00Z");
  const round = (status: "draft" | "open" | "closed", opensAt: string | null = null, closesAt: string | null = null) => ({
    status,
    opensAt: opensAt ? new Date(opensAt) : null,
    closesAt: closesAt ? new Date(closesAt) : null,
  });
  it("is open only when opened and within its dates", () => {
    expect(roundAvailability(round("open"), now)).toBe("open");
    expect(roundAvailability(round("open", "2026-05-01", "2026-07-01"), now)).toBe("open");
    expect(roundAvailability(round("draft"), now)).toBe("not_open");
    expect(roundAvailability(round("open", "2026-06-02"), now)).toBe("not_open");
    expect(roundAvailability(round("closed"), now)).toBe("closed");
    expect(roundAvailability(round("open", null, "2026-06-01T12:00:00Z"), now)).toBe("closed");
  });
});
