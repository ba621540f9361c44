export type PatternId =
  | "espoused_not_enacted"
  | "enacted_not_espoused"
  | "levels_disagree"
  | "board_only_model"
  | "hidden_from_top"
  | "blind_line_of_sight"
  | "ambition_gap"
  | "relationship_gap"
  | "unmet_want";

/** instrument.md §6: each pattern's name, why it matters, and the question the consultant should ask. */
export const PATTERN_TEXT: Record<PatternId, { name: string; why: string; ask: string }> = {
  espoused_not_enacted: {
    name: "Said, not done",
    why: "Management watches the model it believes in and may be steering by the wrong gauges.",
    ask: "Which measure, role or budget would disappear if you stopped running this model?",
  },
  enacted_not_espoused: {
    name: "Speaking prose",
    why: "The organisation does something without knowing it. An unconscious model can work for years, but nobody will see when the market stops rewarding it.",
    ask: "Which of your results really come from this, and who would notice first if it faltered?",
  },
  levels_disagree: {
    name: "Levels disagree on the model",
    why: "Each level judges decisions against a model the other does not hold.",
    ask: "If both levels wrote one page on how we win customers, whose page would be true?",
  },
  board_only_model: {
    name: "Board-only model",
    why: "The top level's line of sight follows its explicit model; if only it holds that model, its reviews pull against what the rest of the organisation recognises.",
    ask: "Where below the board would someone meet this model in their daily work?",
  },
  hidden_from_top: {
    name: "Hidden from the top",
    why: "When the implicit model is the stronger one, senior managers look at the wrong things.",
    ask: "What does this level do for customers that never reaches a board paper?",
  },
  blind_line_of_sight: {
    name: "Blind line of sight",
    why: "Measures lag practice, and they lag social engagement most of all.",
    ask: "Which number you review would warn you early that this way of working is failing?",
  },
  ambition_gap: {
    name: "Ambition gap",
    why: "Success depends on how fast the mix changes; an ambition with no support in line of sight or structure tends to stay on paper.",
    ask: "What would you have to start measuring, and whom would you reward differently, to make this move?",
  },
  relationship_gap: {
    name: "Relationship gap",
    why: "Customers expect a firm to understand the relationship it offers and to hold up its end; when a level believes it runs a model its customers do not experience, it steers by a picture the market does not share, and the experience customers get is where a model's success shows.",
    ask: "Where would a customer meet this model, and what would they have to experience to believe in it?",
  },
  unmet_want: {
    name: "Unmet want",
    why: "Customers who want a kind of relationship and do not get it are frustrated in their expectations: this is where loyalty leaks, and where promoters turn into detractors.",
    ask: "Which customers want this, what is their business worth, and what would it take to give it to them?",
  },
};

const pct = (share: string | number) => `${Math.round(Number(share) * 100)}%`;
const points = (share: number) => `${Math.round(share * 100)} points`;
const lower = (label: string | number) => String(label).replace(/^\w/, (c) => c.toLowerCase());

/** One plain sentence, in whole percentage points, from the facts of a finding. */
export function describeFinding(pattern: PatternId, f: Record<string, string | number>, size: number): string {
  const beliefs = f.basis === "said";
  switch (pattern) {
    case "espoused_not_enacted":
      return beliefs
        ? `${f.level}'s beliefs give ${lower(f.model!)} ${pct(f.explicit!)} of what wins customers here, but their answers about practice give it ${pct(f.implicit!)}: said, not done.`
        : `${f.level} say ${lower(f.model!)} is ${pct(f.explicit!)} of how the organisation runs today, but their answers about practice put it at ${pct(f.implicit!)}: said, not done.`;
    case "enacted_not_espoused":
      return beliefs
        ? `${f.level}'s answers about practice give ${lower(f.model!)} ${pct(f.implicit!)}, well above the ${pct(f.explicit!)} their beliefs give it: done without being said.`
        : `${f.level}'s answers about practice put ${lower(f.model!)} at ${pct(f.implicit!)}, far above the ${pct(f.explicit!)} they say it has: done without being said.`;
    case "levels_disagree":
      return f.topA !== f.topB
        ? `${f.level} and ${f.other} disagree on the model: ${f.level} put ${lower(f.topA!)} first (${pct(f.shareA!)}), ${f.other} put ${lower(f.topB!)} first (${pct(f.shareB!)}).`
        : `${f.level} and ${f.other} describe different mixes, ${points(size)} apart, most of all on ${lower(f.model!)}.`;
    case "board_only_model":
      return `Only ${f.level} see ${lower(f.model!)} as this central (${pct(f.explicit!)}): every other level gives it at least ${points(Number(f.gap))} less.`;
    case "hidden_from_top":
      return beliefs
        ? `${f.level}'s practice gives ${lower(f.model!)} ${pct(f.implicit!)}, while ${f.top}'s beliefs give it ${pct(f.topExplicit!)}: hidden from the top.`
        : `${f.level}'s practice enacts ${lower(f.model!)} at ${pct(f.implicit!)}, while ${f.top} say the organisation runs it at ${pct(f.topExplicit!)}: hidden from the top.`;
    case "blind_line_of_sight":
      return `${f.level}: practice leans to ${lower(f.practiceModel!)}, but what management measures leans to ${lower(f.model!)} (${points(size)} apart).`;
    case "ambition_gap":
      return `${f.level} want ${points(size)} ${f.direction} ${lower(f.model!)} in three years (${pct(f.desired!)} instead of ${pct(f.explicit!)} today).`;
    case "relationship_gap":
      return `${f.level}'s beliefs give ${lower(f.model!)} ${pct(f.said!)} of what wins customers here, but what customers experience gives it ${pct(f.experienced!)}: a relationship gap.`;
    case "unmet_want":
      return `Customers give ${lower(f.model!)} ${pct(f.wanted!)} of what they want from the relationship, but it is ${pct(f.experienced!)} of what they experience, and they do not on balance experience it: an unmet want.`;
  }
}

/** Why a finding is firm or tentative, in one sentence that is true of how it was decided. */
export function describeCertainty(
  certainty: { firm: boolean; by: "interval" | "split" | "condition" | "small_group"; levels?: string[]; share?: number },
  threshold: number,
  levelLabel: (id: string) => string,
  minFirm: number,
): string {
  const limit = `${Math.round(threshold * 100)}-point threshold`;
  switch (certainty.by) {
    case "split":
      return `Firm: the two levels put different models first in at least ${Math.round((certainty.share ?? 0.95) * 100)}% of resamples, although the distance's interval reaches below the ${limit}.`;
    case "interval":
      return certainty.firm
        ? `Firm: the whole 95% interval clears the ${limit}.`
        : `Tentative: the interval reaches below the ${limit}, so this may not hold with more responses.`;
    case "condition":
      return "Tentative: the size clears the threshold, but its condition on how strongly the model is present does not hold in at least 97.5% of resamples.";
    case "small_group":
      return `Tentative: fewer than ${minFirm} respondents contribute to it in ${(certainty.levels ?? []).map(levelLabel).join(" and ")}; no finding that rests on so few is firm.`;
  }
}
