import { DIALECT } from "./dialect";
import * as pg from "./schema/pg";
import * as sqlite from "./schema/sqlite";

/**
 * The tables of the dialect db/dialect.ts chose, typed as the SQLite ones: the two schemas have the same
 * tables, columns and JavaScript values (test/unit/db/schema-equivalence.test.ts holds them to it), so models
 * are written and type-checked once and run on either database.
 */
const chosen = (DIALECT === "pg" ? pg : sqlite) as unknown as typeof sqlite;

export * from "./schema/values";
export const {
  organisations,
  rounds,
  levels,
  invitations,
  invitationMessages,
  responses,
  users,
  memberships,
  sessions,
  retiredLinks,
  releases,
  exclusions,
  findingNotes,
  rateLimits,
  openLinkRefusals,
  openLinkArrivals,
  heartbeat,
} = chosen;
