import type { Answers } from "~/domain/instrument/answers";
import type { Instrument } from "~/domain/instrument/instrument";

/** Answers with every item of a model set to a value; reverse items get their own value. */
export function answersByModel(
  instrument: Instrument,
  values: Record<string, { plus: number | "dk"; reverse: number | "dk" }>,
  allocations: { now?: Record<string, number>; desired?: Record<string, number> } = {},
): Answers {
  const answers: Answers = {
    [instrument.explicit.now]: allocations.now ?? { key_account: 25, relationship: 25, retail: 25, social: 25 },
    [instrument.explicit.desired]: allocations.desired ?? { key_account: 25, relationship: 25, retail: 25, social: 25 },
  };
  for (const item of instrument.items) {
    const value = values[item.model];
    if (value) answers[item.name] = item.reverse ? value.reverse : value.plus;
  }
  return answers;
}
