import { asc, eq } from "drizzle-orm";
import type { Db } from "~db/client";
import { levels, organisations, rounds, type RoundStatus } from "~db/schema";
import type { LevelSpec } from "~/domain/rounds";
import { newId, newToken } from "~/utils/ids.server";
import { findOrCreateOrganisation } from "./organisations.server";

export type Round = typeof rounds.$inferSelect;
export type Level = typeof levels.$inferSelect;

export interface NewRound {
  organisationName: string;
  name: string;
  levels: LevelSpec;
  minGroupSize: number;
  instrument: { id: string; version: number };
  status?: RoundStatus;
  opensAt?: Date | null;
  closesAt?: Date | null;
  welcomeNote?: string;
  predecessorId?: string | null;
}

/** Creates the round and its levels (each with its own open link) in one transaction. */
export function createRound(db: Db, input: NewRound): { round: Round; levels: Level[] } {
  return db.transaction(
    (tx) => {
      const organisation = findOrCreateOrganisation(tx, input.organisationName);
      const round = tx
        .insert(rounds)
        .values({
          id: newId(),
          organisationId: organisation.id,
          name: input.name,
          instrumentId: input.instrument.id,
          instrumentVersion: input.instrument.version,
          status: input.status ?? "draft",
          opensAt: input.opensAt ?? null,
          closesAt: input.closesAt ?? null,
          minGroupSize: input.minGroupSize,
          welcomeNote: input.welcomeNote ?? "",
          predecessorId: input.predecessorId ?? null,
        })
        .returning()
        .get();
      const created = input.levels.map((level, position) =>
        tx
          .insert(levels)
          .values({ roundId: round.id, key: level.key, label: level.label, position, linkToken: newToken() })
          .returning()
          .get(),
      );
      return { round, levels: created };
    },
    { behavior: "immediate" },
  );
}

export function findRound(db: Db, roundId: string) {
  return db
    .select({ round: rounds, organisation: organisations })
    .from(rounds)
    .innerJoin(organisations, eq(organisations.id, rounds.organisationId))
    .where(eq(rounds.id, roundId))
    .get();
}

export function listLevels(db: Db, roundId: string): Level[] {
  return db.select().from(levels).where(eq(levels.roundId, roundId)).orderBy(asc(levels.position)).all();
}

export function setRoundStatus(db: Db, roundId: string, status: RoundStatus): void {
  db.update(rounds).set({ status }).where(eq(rounds.id, roundId)).run();
}

export function linkFor(baseUrl: string, token: string): string {
  return `${baseUrl}/r/${token}`;
}
