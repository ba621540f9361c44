import { describe, expect, it } from "vitest";
import { confirmationProblem } from "~/domain/rounds/erasure";

describe("confirming an erasure", () => {
  it("needs the name typed back (case and outer spaces aside)", () => {
    expect(confirmationProblem("  northwind retail ", "Northwind Retail", "organisation")).toBeNull();
  });
  it("refuses a missing or different name, saying nothing was deleted", () => {
    expect(confirmationProblem(null, "Spring", "round")).toEqual({ status: 400, message: "type the round’s name to confirm; nothing was deleted" });
    expect(confirmationProblem("   ", "Spring", "round")?.status).toBe(400);
    expect(confirmationProblem("Sprint", "Spring", "round")).toEqual({ status: 422, message: "that is not the round’s name (“Spring”); nothing was deleted" });
  });
});
