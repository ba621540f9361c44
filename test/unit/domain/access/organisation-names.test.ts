import { describe, expect, it } from "vitest";
import { sameOrganisationName } from "~/domain/access/organisation-names";

describe("organisation names", () => {
  it("are the same name whatever the case, Unicode form, spacing or invisible characters", () => {
    expect(sameOrganisationName("Contoso Logistics", "contoso  logistics")).toBe(true);
    expect(sameOrganisationName("Acme", "Ａｃｍｅ")).toBe(true);
    expect(sameOrganisationName("Acme", "Ac\u200Bme")).toBe(true);
    expect(sameOrganisationName("Acme", "\u2060Acme\uFEFF")).toBe(true);
  });

  it("keeps different letters different, even when they look alike", () => {
    expect(sameOrganisationName("Acme", "Acne")).toBe(false);
    expect(sameOrganisationName("Acme", "Acm\u0435")).toBe(false);
  });
});
