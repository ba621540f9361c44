import type { Db } from "~db/client";
import { invitations } from "~db/schema";
import { newToken } from "~/utils/ids.server";

export type Invitation = typeof invitations.$inferSelect;

export function createInvitation(db: Db, input: { roundId: string; levelId: number; email: string; name?: string | null }): Invitation {
  return db
    .insert(invitations)
    .values({ roundId: input.roundId, levelId: input.levelId, email: input.email, name: input.name ?? null, token: newToken() })
    .returning()
    .get();
}
