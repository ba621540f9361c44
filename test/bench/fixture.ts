import { NORTHWIND_PLANS } from "~db/seed";
import type { Db } from "~db/client";
import { currentInstrument } from "~/domain/instrument/instruments";
import { createRandom } from "~/domain/statistics/random";
import { scoreResponse } from "~/domain/instrument/scoring";
import { simulateAnswers } from "~/domain/statistics/simulate";
import { importResponses } from "~/models/responses.server";
import { createRound } from "~/models/rounds.server";

/** A round with `total` submitted responses spread over six levels, each level drawn from one of the demo's plans. */
export async function benchRound(db: Db, total: number, levelCount = 6) {
  const plans = Object.values(NORTHWIND_PLANS);
  const levels = Array.from({ length: levelCount }, (_, i) => ({ key: `level-${i + 1}`, label: `Level ${i + 1}` }));
  const { round, levels: created } = await createRound(db, {
    organisationName: "Benchmark Ltd",
    name: "Benchmark round",
    levels,
    minGroupSize: 5,
    instrument: { id: currentInstrument.id, version: currentInstrument.version },
    status: "open",
  });
  const random = createRandom("bench");
  const batch = 1000;
  for (let start = 0; start < total; start += batch) {
    const records = Array.from({ length: Math.min(batch, total - start) }, (_, k) => {
      const i = start + k;
      const level = created[i % levelCount]!;
      const answers = simulateAnswers(currentInstrument, plans[(i % levelCount) % plans.length]!, random);
      return { levelId: level.id, answers, scores: scoreResponse(currentInstrument, answers) };
    });
    await importResponses(db, round.id, records);
  }
  return { round, levels: created };
}
