import { normalise, type Profile } from "../statistics/profiles";
import type { Allocation, Answers } from "./answers";
import type { CustomerInstrument } from "./customer-instrument";
import { allocationProfile, intensities, responseStyle } from "./scoring";

/**
 * What one customer's submitted answers yield; stored beside the answers (as the staff scores are) so that
 * reports never re-score.
 */
export interface CustomerScores {
  /**
   * The experienced profile: the statements' intensities normalised to shares, on the metric of a level's
   * belief ("said") and practice profiles. Null when a model has fewer answered statements than the
   * questionnaire's minimum, or the customer gave one answer throughout.
   */
  experienced: Profile | null;
  /** Mean rescaled agreement (0..1) per model after acquiescence is taken off; null exactly when experienced is. */
  intensities: Profile | null;
  /** The wanted profile: the 100-point allocation as shares. */
  wanted: Profile;
  /** The 0-10 likelihood to recommend. */
  nps: number;
}

export type NpsGroup = "promoter" | "passive" | "detractor";

/** Reichheld's groups (seed 002): 9-10 promoters, 7-8 passives, 0-6 detractors. */
export function npsGroup(answer: number): NpsGroup {
  return answer >= 9 ? "promoter" : answer >= 7 ? "passive" : "detractor";
}

/** One customer's part of a Net Promoter Score: +100 a promoter, -100 a detractor, 0 a passive; the score is their mean. */
export function npsPoints(answer: number): number {
  const group = npsGroup(answer);
  return group === "promoter" ? 100 : group === "detractor" ? -100 : 0;
}

/**
 * Scores a customer's answers like a staff member's practice statements (instrument.md section 1, and
 * section 8's response-style rules): key, take the customer's acquiescence off, rescale, average per model,
 * require the minimum per model, normalise. A customer who straight-lines has no experienced profile.
 */
export function scoreCustomerResponse(instrument: CustomerInstrument, answers: Answers): CustomerScores {
  const style = responseStyle(instrument, answers);
  const shift = instrument.scoring.responseStyle.removeAcquiescence ? (style.acquiescence ?? 0) : 0;
  const excluded = style.straightLined;
  const experiencedIntensities = excluded ? null : intensities(instrument, answers, instrument.items, instrument.scoring.minItemsPerModel, shift);
  const nps = answers[instrument.nps];
  if (typeof nps !== "number") throw new Error(`A customer's answers need "${instrument.nps}" (validate them with answersSchema first)`);
  return {
    experienced: experiencedIntensities && normalise(experiencedIntensities, instrument.modelIds),
    intensities: experiencedIntensities,
    wanted: allocationProfile(instrument, answers[instrument.wanted] as Allocation | undefined),
    nps,
  };
}

/** Scores stored for a customer's response, told apart from a staff member's. */
export function isCustomerScores(scores: object): scores is CustomerScores {
  return "wanted" in scores && "nps" in scores;
}
