import { describe, expect, it } from "vitest";
import { decideAccess, type Capability } from "~/domain/access/access";

const admin = { role: "admin" as const, organisationIds: [] };
const facilitator = { role: "facilitator" as const, organisationIds: ["org-a"] };
const consultant = { role: "consultant" as const, organisationIds: ["org-a"] };

describe("decideAccess", () => {
  it("lets admins do everything everywhere", () => {
    for (const capability of ["organisation.view", "round.manage", "report.view", "report.annotate", "users.manage"] as Capability[]) {
      expect(decideAccess(admin, capability, "org-z")).toBe("allow");
    }
  });
  it("hides organisations a facilitator or consultant is not assigned to", () => {
    expect(decideAccess(facilitator, "organisation.view", "org-b")).toBe("hide");
    expect(decideAccess(consultant, "report.view", "org-b")).toBe("hide");
  });
  it("gives facilitators rounds and reports, consultants reports and notes", () => {
    expect(decideAccess(facilitator, "round.manage", "org-a")).toBe("allow");
    expect(decideAccess(facilitator, "report.view", "org-a")).toBe("allow");
    expect(decideAccess(facilitator, "report.annotate", "org-a")).toBe("deny");
    expect(decideAccess(consultant, "round.manage", "org-a")).toBe("deny");
    expect(decideAccess(consultant, "report.annotate", "org-a")).toBe("allow");
  });
  it("hides user management from everyone but admins", () => {
    expect(decideAccess(facilitator, "users.manage", null)).toBe("hide");
    expect(decideAccess(consultant, "users.manage", null)).toBe("hide");
  });
});
