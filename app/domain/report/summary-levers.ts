/**
 * What a board can measure, restructure or reward to make a model explicit (seed 004: senior management's
 * line of sight follows the explicit model, so the implicit one has to be named and measured before it can be
 * managed). Drawn from the instrument's own statements: line of sight (measures), structure and incentives.
 * A model an instrument adds later without a row here gets the generic levers below.
 */
export interface ModelLevers {
  /** What management would review. */
  measure: string;
  /** How people would be organised. */
  structure: string;
  /** What targets would count. */
  reward: string;
}

export const MODEL_LEVERS: Record<string, ModelLevers> = {
  key_account: {
    measure: "results customer by customer for the largest customers",
    structure: "one named person accountable for each major customer",
    reward: "growth with the named major customers",
  },
  relationship: {
    measure: "how many customers stay, how many leave and how many would recommend you",
    structure: "each customer's history at hand for whoever deals with them",
    reward: "keeping customers as much as winning new ones",
  },
  retail: {
    measure: "availability, range and prices against competitors",
    structure: "teams organised around what you sell and where you sell it",
    reward: "availability and a lower cost to serve",
  },
  social: {
    measure: "what customers say about you in public online, and the business those conversations bring",
    structure: "people from across the organisation talking with customers online",
    reward: "fast public answers and the sales that come from conversations",
  },
};

export function leversOf(model: string, name: string): ModelLevers {
  return (
    MODEL_LEVERS[model] ?? {
      measure: `the figures that show ${name} at work`,
      structure: `a named owner for ${name}`,
      reward: `results that come from ${name}`,
    }
  );
}
