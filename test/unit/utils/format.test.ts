import { describe, expect, it } from "vitest";
import { cssString, formatTime, plural } from "~/utils/format";

describe("plural", () => {
  it("puts the noun in the number the count needs", () => {
    expect(plural(1, "response")).toBe("1 response");
    expect(plural(0, "response")).toBe("0 responses");
    expect(plural(2, "response")).toBe("2 responses");
    expect(plural(1, "person", "people")).toBe("1 person");
    expect(plural(12000, "person", "people")).toBe("12,000 people");
  });
});

describe("formatTime", () => {
  it("gives the hour and minute in UTC", () => {
    expect(formatTime(Date.UTC(2027, 2, 1, 10, 1, 59))).toBe("10:01");
    expect(formatTime(Date.UTC(2027, 2, 1, 0, 0))).toBe("00:00");
  });
});

describe("cssString (the print view's running footer)", () => {
  it("keeps letters, digits and spaces, and escapes everything else, so no name can end the string, the rule or the <style>", () => {
    expect(cssString("Northwind Retail 2027")).toBe('"Northwind Retail 2027"');
    expect(cssString("Round · 2026-11-27")).toBe('"Round \\b7  2026\\2d 11\\2d 27"');
    const hostile = cssString('x"; } body { display: none } </style><script>alert(1)</script>');
    expect(hostile.slice(1, -1)).not.toMatch(/["<>{};]/);
  });
});
