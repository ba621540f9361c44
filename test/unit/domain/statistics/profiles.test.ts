import { describe, expect, it } from "vitest";
import { meanProfile, normalise, topModel, totalVariation } from "~/domain/statistics/profiles";

const ids = ["a", "b", "c"];

describe("profiles", () => {
  it("total variation distance is half the summed absolute differences", () => {
    expect(totalVariation({ a: 0.7, b: 0.2, c: 0.1 }, { a: 0.2, b: 0.5, c: 0.3 }, ids)).toBeCloseTo(0.5, 12);
    expect(totalVariation({ a: 1, b: 0, c: 0 }, { a: 0, b: 0, c: 1 }, ids)).toBe(1);
    expect(totalVariation({ a: 0.3, b: 0.3, c: 0.4 }, { a: 0.3, b: 0.3, c: 0.4 }, ids)).toBe(0);
  });
  it("normalises weights to shares, and all-zero weights to equal shares", () => {
    expect(normalise({ a: 1, b: 3, c: 0 }, ids)).toEqual({ a: 0.25, b: 0.75, c: 0 });
    expect(normalise({ a: 0, b: 0, c: 0 }, ids)).toEqual({ a: 1 / 3, b: 1 / 3, c: 1 / 3 });
  });
  it("averages profiles with each counting once", () => {
    expect(meanProfile([{ a: 1, b: 0, c: 0 }, { a: 0, b: 0.5, c: 0.5 }], ids)).toEqual({ a: 0.5, b: 0.25, c: 0.25 });
    expect(meanProfile([], ids)).toBeNull();
  });
  it("names the top model, ties going to the earlier model", () => {
    expect(topModel({ a: 0.2, b: 0.5, c: 0.3 }, ids)).toBe("b");
    expect(topModel({ a: 0.4, b: 0.4, c: 0.2 }, ids)).toBe("a");
  });
});
