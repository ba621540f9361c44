import { currentCustomerInstrument, currentInstrument } from "~/domain/instrument/instruments";
import { scoreCustomerResponse } from "~/domain/instrument/customer-scoring";
import type { Instrument } from "~/domain/instrument/instrument";
import { scoreResponse } from "~/domain/instrument/scoring";
import { buildReport, type Report } from "~/domain/report/report";
import { createRandom } from "~/domain/statistics/random";
import { simulateAnswers, type LevelPlan } from "~/domain/statistics/simulate";
import { simulateCustomerAnswers, type CustomerPlan } from "~/domain/statistics/simulate-customers";

export interface SimulationOptions {
  minGroupSize?: number;
  instrument?: Instrument;
  resamples?: number;
  /** The round's customers: how many, drawn from which plan (answering the current customer questionnaire). */
  customers?: { plan: CustomerPlan; count: number };
}

/**
 * One simulated round: respondents drawn from each level's plan (`perLevel` of them, or a count per
 * level), scored and reported exactly as the app does.
 */
export function simulateRound(
  plans: Record<string, LevelPlan>,
  perLevel: number | Record<string, number>,
  seed: string | number,
  { minGroupSize = 3, instrument = currentInstrument, resamples, customers }: SimulationOptions = {},
): Report {
  const random = createRandom(`simulation:${seed}`);
  const levelIds = Object.keys(plans);
  const responses = levelIds.flatMap((levelId) =>
    Array.from({ length: typeof perLevel === "number" ? perLevel : perLevel[levelId]! }, () => {
      const answers = simulateAnswers(instrument, plans[levelId]!, random);
      return { levelId, answers, ...scoreResponse(instrument, answers) };
    }),
  );
  return buildReport({
    round: { id: `sim-${seed}`, name: "Simulation", organisation: "Simulated" },
    minGroupSize,
    instrument,
    levels: levelIds.map((id) => ({ id, label: id })),
    responses,
    resamples,
    customers: customers && {
      instrument: currentCustomerInstrument,
      responses: Array.from({ length: customers.count }, () => {
        const answers = simulateCustomerAnswers(currentCustomerInstrument, customers.plan, random);
        return { ...scoreCustomerResponse(currentCustomerInstrument, answers), answers };
      }),
    },
  });
}
