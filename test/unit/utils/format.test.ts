import { describe, expect, it } from "vitest";
import { cssString } from "~/utils/format";

describe("cssString (the print view's running footer)", () => {
  it("keeps letters, digits and spaces, and escapes everything else, so no name can end the string, the rule or the <style>", () => {
    expect(cssString("Northwind Retail 2027")).toBe('"Northwind Retail 2027"');
    expect(cssString("Round · 2026-11-27")).toBe('"Round \\b7  2026\\2d 11\\2d 27"');
    const hostile = cssString('x"; } body { display: none } </style><script>alert(1)</script>');
    expect(hostile.slice(1, -1)).not.toMatch(/["<>{};]/);
  });
});
