import { describe, expect, it } from "vitest";
import { countedThrough, isReleaseDue, releaseAtCloseKind, type ReleaseStep } from "~/domain/report/release";

const steps = (...finals: boolean[]): ReleaseStep[] => finals.map((final, index) => ({ seq: index + 1, final }));

describe("release steps", () => {
  it("makes a step only when the minimum group (never below 3) is pending", () => {
    expect(isReleaseDue(0, 5)).toBe(false);
    expect(isReleaseDue(4, 5)).toBe(false);
    expect(isReleaseDue(5, 5)).toBe(true);
    expect(isReleaseDue(2, 1)).toBe(false);
    expect(isReleaseDue(3, 1)).toBe(true);
  });

  it("releases everything pending at the first close, and after a reopen only a full minimum group", () => {
    expect(releaseAtCloseKind(0, 5, false)).toBe("none");
    expect(releaseAtCloseKind(1, 5, false)).toBe("final");
    expect(releaseAtCloseKind(1, 5, true)).toBe("none");
    expect(releaseAtCloseKind(4, 5, true)).toBe("none");
    expect(releaseAtCloseKind(5, 5, true)).toBe("step");
  });

  it("lets a figure move by fewer than the minimum group of its contributors only at the first close", () => {
    // Step 1: 5 contributors; step 2 (first close): 1 more; step 3 (a second, final-marked close): 1 more.
    const perStep = new Map([
      [1, 5],
      [2, 1],
      [3, 1],
    ]);
    const at = (seq: number) => perStep.get(seq) ?? 0;
    expect(countedThrough(steps(false), at, 5)).toEqual({ through: 1, contributors: 5 });
    expect(countedThrough(steps(false, true), at, 5)).toEqual({ through: 2, contributors: 6 });
    expect(countedThrough(steps(false, true, true), at, 5)).toEqual({ through: 2, contributors: 6 });
    // Below the minimum in all, even the first close shows nothing.
    expect(countedThrough(steps(true), () => 4, 5)).toEqual({ through: 0, contributors: 0 });
  });
});
