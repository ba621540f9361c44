import { currentInstrument as instrument } from "~/domain/instrument/instruments";
import { createRandom } from "~/domain/statistics/random";
import { buildReport, type Report } from "~/domain/report/report";
import { scoreResponse } from "~/domain/instrument/scoring";
import { simulateAnswers, type LevelPlan } from "~/domain/statistics/simulate";

/** One simulated round: `perLevel` respondents drawn from each level's plan, scored and reported as the app does. */
export function simulateRound(plans: Record<string, LevelPlan>, perLevel: number, seed: string | number, minGroupSize = 5): Report {
  const random = createRandom(`simulation:${seed}`);
  const levelIds = Object.keys(plans);
  const responses = levelIds.flatMap((levelId) =>
    Array.from({ length: perLevel }, () => ({ levelId, ...scoreResponse(instrument, simulateAnswers(instrument, plans[levelId]!, random)) })),
  );
  return buildReport({
    round: { id: `sim-${seed}`, name: "Simulation", organisation: "Simulated" },
    minGroupSize,
    instrument,
    levels: levelIds.map((id) => ({ id, label: id })),
    responses,
  });
}
