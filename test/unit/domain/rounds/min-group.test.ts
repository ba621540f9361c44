import { describe, expect, it } from "vitest";
import { minGroupChangeProblem } from "~/domain/rounds/min-group";

describe("the minimum group only goes up once anyone answered", () => {
  it("allows any change before the first response", () => {
    expect(minGroupChangeProblem({ current: 7, proposed: 3, anyResponse: false })).toBeNull();
  });
  it("allows keeping or raising it after", () => {
    expect(minGroupChangeProblem({ current: 5, proposed: 5, anyResponse: true })).toBeNull();
    expect(minGroupChangeProblem({ current: 5, proposed: 9, anyResponse: true })).toBeNull();
  });
  it("refuses lowering it after, saying what to do", () => {
    expect(minGroupChangeProblem({ current: 5, proposed: 4, anyResponse: true })).toBe(
      "minimum group size cannot go below 5 now that people have answered (respondents were promised groups of at least 5); keep 5 or raise it",
    );
  });
});
