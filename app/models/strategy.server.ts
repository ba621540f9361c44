import { eq } from "drizzle-orm";
import type { Db } from "~db/client";
import { rounds } from "~db/schema";
import type { StrategyMix } from "~/domain/report/strategy";

/**
 * Records (or, with null, removes) a round's intended mix. The round row is part of the report's cache key,
 * so the next read of the report recomputes it against the new mix.
 */
export async function saveRoundStrategy(db: Db, roundId: string, mix: StrategyMix | null): Promise<boolean> {
  return db.transaction(async (tx) => {
    const saved = await tx.update(rounds).set({ strategy: mix }).where(eq(rounds.id, roundId)).returning({ id: rounds.id });
    return saved.length > 0;
  });
}
