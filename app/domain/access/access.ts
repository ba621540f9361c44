/**
 * Who may do what. Admins see every organisation; facilitators and consultants
 * only those they are assigned to, and anything else is hidden (answered as 404,
 * so guessing ids reveals nothing). Within an organisation a role may lack a
 * capability (403).
 */
export type Role = "admin" | "facilitator" | "consultant";

export type Capability =
  | "organisation.view" // organisation page, rounds and participation
  | "round.manage" // create, edit, open, close, clone rounds; links and invitations
  | "report.view" // gap report, its JSON and CSV
  | "report.annotate" // notes on findings
  | "report.strategy" // the round's intended mix (the strategy anchor)
  | "users.manage" // admin pages
  | "data.erase"; // delete a round, or an organisation with everything in it

const ROLE_CAPABILITIES: Record<Role, readonly Capability[]> = {
  admin: ["organisation.view", "round.manage", "report.view", "report.annotate", "report.strategy", "users.manage", "data.erase"],
  facilitator: ["organisation.view", "round.manage", "report.view", "report.strategy"],
  consultant: ["organisation.view", "report.view", "report.annotate", "report.strategy"],
};

export interface Actor {
  role: Role;
  organisationIds: readonly string[];
}

export type AccessDecision = "allow" | "hide" | "deny";

export function decideAccess(actor: Actor, capability: Capability, organisationId: string | null): AccessDecision {
  if (capability === "users.manage") return actor.role === "admin" ? "allow" : "hide";
  if (organisationId !== null && actor.role !== "admin" && !actor.organisationIds.includes(organisationId)) return "hide";
  return ROLE_CAPABILITIES[actor.role].includes(capability) ? "allow" : "deny";
}

export function hasCapability(role: Role, capability: Capability): boolean {
  return ROLE_CAPABILITIES[role].includes(capability);
}

/** May this role create organisations (and so be assigned to them)? */
export const canCreateOrganisations = (role: Role) => role === "admin" || role === "facilitator";
