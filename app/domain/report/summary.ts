import { shortModelLabel } from "../instrument/labels";
import { topModel, type Profile } from "../statistics/profiles";
import type { Report, ReportFinding, ReportLevel } from "./report";
import { leversOf, type ModelLevers } from "./summary-levers";
import { MIN_FIRM_CONTRIBUTORS, THRESHOLD_TOLERANCE } from "./patterns";

/**
 * The executive summary: one to four messages a board can read, each merging related findings and saying
 * what to measure, restructure or reward. Built from the report alone (its findings, level figures and
 * strategy), so it can show nothing the anonymity rules hold back. Only firm findings take part, and every
 * one of them belongs to exactly one message; tentative findings stay in the findings list.
 *
 * The rules are a table: each theme is one small rule, run in order, and a rule only sees the firm findings
 * no earlier rule has taken. A later theme (customers, say) is one more entry before `remaining`.
 */
export interface SummaryMessage {
  message: string;
  recommendation: string;
  /** Keys of the findings the message rests on. */
  findings: string[];
}

export const MAX_SUMMARY_MESSAGES = 4;
/**
 * A level is named as far from the intended mix only when its whole interval clears this distance (20
 * points, the distance rules' threshold) and its figures rest on at least MIN_FIRM_CONTRIBUTORS people:
 * a ranking of point estimates names levels from pure noise.
 */
export const STRATEGY_FAR = 0.2;
/** Levels this close (5 points) to the furthest one are named with it. */
export const STRATEGY_TIE = 0.05;

/** What the rules read. */
export type SummaryInput = Pick<Report, "findings" | "levels" | "models" | "instrument" | "strategy"> & { customers?: Report["customers"] };

export interface SummaryRule {
  id: string;
  /** The stories of this theme, from the firm findings no earlier rule has taken (in report order). */
  stories: (open: readonly ReportFinding[], context: SummaryContext) => SummaryMessage[];
}

/** Words and figures the rules share. */
export interface SummaryContext {
  levels: readonly ReportLevel[];
  level: (id: string) => ReportLevel;
  label: (levelId: string) => string;
  /** "retail", "key account management": a model's short name in a sentence. */
  model: (id: string) => string;
  levers: (id: string) => ModelLevers;
  /** Round order of a level (the first is the top level). */
  order: (levelId: string) => number;
  modelIds: readonly string[];
  /** What a level says it runs on the say-do metric: belief statements (version 2) or the allocation (version 1). */
  says: (level: ReportLevel) => Profile | null;
  beliefs: boolean;
  strategy: Profile | null;
  /** The customers' part, when the round asks them (their figures are null below the minimum group). */
  customers: Report["customers"];
}

export const pct = (share: number | null | undefined) => `${Math.round((share ?? 0) * 100)}%`;
const points = (share: number) => `${Math.round(share * 100)} points`;

/** "a", "a and b", "a, b and c". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

const unique = <T,>(values: readonly T[]) => [...new Set(values)];
const keysOf = (findings: readonly ReportFinding[]) => findings.map((f) => f.key);
const top = (profile: Profile | null, context: SummaryContext) => (profile ? topModel(profile, context.modelIds) : null);
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Against the intended mix: which levels' allocated mix is furthest from it (the allocation is on the
 * strategy's own scale), and whether each level's practice leads with the model the strategy puts first.
 * Level labels are read as plural nouns ("Board are"), as in the findings' sentences.
 */
export const strategyRule: SummaryRule = {
  id: "strategy",
  stories(_open, context) {
    const { strategy } = context;
    const measured = context.levels.filter((l) => l.reportable && l.strategyDistance?.explicit);
    const interval = (l: ReportLevel) => l.strategyDistance!.explicit!;
    const distance = (l: ReportLevel) => interval(l).distance;
    const far = measured.filter((l) => (l.release?.included ?? l.responses) >= MIN_FIRM_CONTRIBUTORS && interval(l).ci[0] >= STRATEGY_FAR - THRESHOLD_TOLERANCE);
    if (!strategy || far.length === 0) return [];
    const ranked = [...far].sort((a, b) => distance(b) - distance(a) || context.order(a.id) - context.order(b.id));
    const intended = topModel(strategy, context.modelIds);
    const mix = listOf(
      context.modelIds
        .filter((id) => strategy[id]! > 0)
        .sort((a, b) => strategy[b]! - strategy[a]!)
        .map((id) => `${context.model(id)} ${pct(strategy[id])}`),
    );
    const furthestDistance = distance(ranked[0]!);
    // Levels within five points of the furthest are named with it: a difference that small says nothing.
    const furthest = ranked.filter((l) => distance(l) >= furthestDistance - STRATEGY_TIE);
    const levers = context.levers(intended);
    const names = listOf(furthest.map((l) => l.label));
    const leads = unique(furthest.map((l) => top(l.explicit, context)!));
    let message = `Measured against the intended mix (${mix}), ${names} are furthest from it in the mix they allocate today (${points(furthestDistance)} apart, with ${listOf(leads.map(context.model))} first)`;
    // The nearest level is named only when its interval lies wholly below the furthest levels' intervals.
    const nearest = [...measured].sort((a, b) => distance(a) - distance(b) || context.order(a.id) - context.order(b.id))[0]!;
    const separated = !furthest.includes(nearest) && furthest.every((l) => interval(nearest).ci[1] < interval(l).ci[0]);
    message += separated ? `; ${nearest.label} are nearest (${points(distance(nearest))}).` : ".";
    const recommendation = `Make the intended model explicit where ${names} look: put ${levers.measure} on the scorecard they review, and make ${levers.reward} count in their targets; then check in the next round whether the distance has closed.`;
    const practised = measured.filter((l) => l.implicit);
    const leading = practised.filter((l) => top(l.implicit, context) === intended);
    if (practised.length > 0) {
      message +=
        leading.length === 0
          ? ` In practice, no level leads with ${context.model(intended)}.`
          : leading.length === practised.length
            ? ` In practice, every level leads with ${context.model(intended)}.`
            : ` In practice, only ${listOf(leading.map((l) => l.label))} lead with ${context.model(intended)}.`;
    }
    return [{ message, recommendation, findings: [] }];
  },
};

/** Levels that disagree on the model: several disagreements with one level are one story about that level. */
export const multilayeredRule: SummaryRule = {
  id: "multilayered",
  stories(open, context) {
    let left = open.filter((f) => f.pattern === "levels_disagree");
    let boardOnly = open.filter((f) => f.pattern === "board_only_model");
    const stories: SummaryMessage[] = [];
    for (;;) {
      const counts = new Map<string, number>();
      for (const f of left) for (const id of f.levels) counts.set(id, (counts.get(id) ?? 0) + 1);
      const [outlier, n] = [...counts].sort((a, b) => b[1] - a[1] || context.order(a[0]) - context.order(b[0]))[0] ?? [undefined, 0];
      if (!outlier || n < 2) break;
      const involved = left.filter((f) => f.levels.includes(outlier));
      const own = boardOnly.filter((f) => f.levels[0] === outlier);
      left = left.filter((f) => !involved.includes(f));
      boardOnly = boardOnly.filter((f) => !own.includes(f));
      stories.push(outlierStory(outlier, involved, own, context));
    }
    for (const f of left) stories.push(pairStory(f, context));
    for (const f of boardOnly) stories.push(boardOnlyStory(f, context));
    return stories;
  },
};

/** `who`: the levels concerned, as a phrase ("Board and Front line", "Middle managers and the others"). */
function agreeRecommendation(own: string, others: string | null, context: SummaryContext, who: string): string {
  if (!others || others === own) {
    return `Write down, on one page, the mix each level believes the organisation runs and agree one; then review ${context.levers(own).measure} with ${who} together, so that they judge decisions by the same gauges.`;
  }
  return `Agree which model the organisation runs before anyone's work is judged against it: put ${context.model(own)}'s measures (${context.levers(own).measure}) beside ${context.model(others)}'s (${context.levers(others).measure}) in one scorecard that ${who} all review, then decide which of them targets and structure should follow.`;
}

function outlierStory(outlier: string, involved: ReportFinding[], own: ReportFinding[], context: SummaryContext): SummaryMessage {
  const level = context.level(outlier);
  const others = involved.map((f) => f.levels.find((id) => id !== outlier)!).sort((a, b) => context.order(a) - context.order(b));
  const ownTop = top(level.explicit, context)!;
  const otherTops = unique(others.map((id) => top(context.level(id).explicit, context)!));
  const otherNames = listOf(others.map(context.label));
  let message: string;
  if (otherTops.length === 1 && otherTops[0] !== ownTop) {
    message = `${level.label} describe a different organisation from ${otherNames}: they put ${context.model(ownTop)} first (${pct(level.explicit![ownTop])}), where the others put ${context.model(otherTops[0]!)} first.`;
  } else {
    const model = mostCommon(involved.map((f) => f.model).filter((m): m is string => m !== null)) ?? ownTop;
    const shares = others.map((id) => context.level(id).explicit![model]!);
    message = `${level.label} describe a different mix from ${otherNames}, most of all on ${context.model(model)}: ${pct(level.explicit![model])} against ${
      shares.length === 1 ? pct(shares[0]) : `${pct(Math.min(...shares))} to ${pct(Math.max(...shares))}`
    }.`;
  }
  if (own.length > 0) message += ` No other level sees ${listOf(own.map((f) => context.model(f.model!)))} as this central.`;
  const otherTop = otherTops.length === 1 ? otherTops[0]! : null;
  return { message, recommendation: agreeRecommendation(ownTop, otherTop, context, others.length === 1 ? `${level.label} and ${otherNames}` : `${level.label} and the others`), findings: keysOf([...involved, ...own]) };
}

function pairStory(finding: ReportFinding, context: SummaryContext): SummaryMessage {
  const [a, b] = finding.levels.map(context.level) as [ReportLevel, ReportLevel];
  const ta = top(a.explicit, context)!;
  const tb = top(b.explicit, context)!;
  const message =
    ta !== tb
      ? `${a.label} and ${b.label} describe different organisations: ${a.label} put ${context.model(ta)} first (${pct(a.explicit![ta])}), ${b.label} ${context.model(tb)} (${pct(b.explicit![tb])}).`
      : `${a.label} and ${b.label} describe different mixes, ${points(finding.size)} apart, most of all on ${context.model(finding.model ?? ta)}.`;
  return { message, recommendation: agreeRecommendation(ta, tb, context, `${a.label} and ${b.label}`), findings: [finding.key] };
}

function boardOnlyStory(finding: ReportFinding, context: SummaryContext): SummaryMessage {
  const level = context.level(finding.levels[0]!);
  const model = finding.model!;
  return {
    message: `Only ${level.label} see ${context.model(model)} as this central (${pct(level.explicit![model])}); every other level gives it at least ${points(finding.size)} less.`,
    recommendation: `Check that ${level.label}'s reviews do not pull against the levels below: show those levels how their work feeds ${context.levers(model).measure}, or change those gauges if ${context.model(model)} is not what the organisation runs.`,
    findings: [finding.key],
  };
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** A model practised below the top that the top does not see; the practising level's own "done, not said" on it is the same story. */
export const hiddenFromTopRule: SummaryRule = {
  id: "hidden_from_top",
  stories(open, context) {
    const hidden = open.filter((f) => f.pattern === "hidden_from_top" && f.model);
    return unique(hidden.map((f) => f.model!)).map((model) => {
      const these = hidden.filter((f) => f.model === model);
      const levels = unique(these.map((f) => f.levels[0]!)).sort((a, b) => context.order(a) - context.order(b));
      const topLevel = context.level(these[0]!.levels[1]!);
      const unnamed = open.filter((f) => f.pattern === "enacted_not_espoused" && f.model === model && levels.includes(f.levels[0]!));
      const name = context.model(model);
      const practice =
        levels.length === 1 ? pct(context.level(levels[0]!).implicit?.[model]) : listOf(levels.map((id) => `${context.label(id)} ${pct(context.level(id).implicit?.[model])}`));
      const topSays = context.says(topLevel)?.[model];
      let message = `In practice, ${listOf(levels.map(context.label))} run ${name} (${practice}), which ${topLevel.label}'s ${
        context.beliefs ? "beliefs hardly register" : "stated mix hardly includes"
      } (${pct(topSays)}).`;
      if (unnamed.length > 0) message += ` ${capital(listOf(unnamed.map((f) => context.label(f.levels[0]!))))} do not name it either.`;
      const levers = context.levers(model);
      return {
        message,
        recommendation: `Bring ${name} into ${topLevel.label}'s line of sight before deciding its future: add ${levers.measure} to what ${topLevel.label} review, then choose knowingly whether to formalise it (${levers.structure}) or let it go. A model nobody names works until the market changes, and nobody sees when it stops.`,
        findings: keysOf([...these, ...unnamed]),
      };
    });
  },
};

/** One level's say-do story: what it says but does not do, what it does but does not say, and what its management measures. */
export const sayDoRule: SummaryRule = {
  id: "say_do",
  stories(open, context) {
    const mine = open.filter((f) => ["espoused_not_enacted", "enacted_not_espoused", "blind_line_of_sight"].includes(f.pattern));
    const levels = unique(mine.map((f) => f.levels[0]!)).sort((a, b) => context.order(a) - context.order(b));
    return levels.map((id) => levelSayDoStory(context.level(id), mine.filter((f) => f.levels[0] === id), context));
  },
};

function levelSayDoStory(level: ReportLevel, findings: ReportFinding[], context: SummaryContext): SummaryMessage {
  // Findings arrive largest first within firm findings (report order): the first of each kind leads the story.
  const said = findings.find((f) => f.pattern === "espoused_not_enacted")?.model ?? null;
  const done = findings.find((f) => f.pattern === "enacted_not_espoused")?.model ?? null;
  const blind = findings.find((f) => f.pattern === "blind_line_of_sight");
  const says = context.says(level);
  const verb = context.beliefs ? "believe" : "say";
  const of = context.beliefs ? "of their beliefs" : "of the mix they state";
  const sight = blind?.model ?? null;
  // The rule's evidence names the statements of the practice facet's and the line-of-sight facet's top models.
  const practised = blind?.evidence.map((e) => e.model).find((m) => m !== sight) ?? null;
  const L = level.label;
  const m = context.model;
  let message: string;
  let recommendation: string;
  if (said && done) {
    message = `${L} ${verb} they run ${m(said)} (${pct(says?.[said])} ${of}), but in practice they run ${m(done)} (${pct(level.implicit?.[done])} of their practice, against ${pct(says?.[done])} ${verb}d).`;
    recommendation = `Make the model ${L} really run explicit before changing it: tell them plainly that their work is run and measured as ${m(done)} (${context.levers(done).measure}). If ${m(said)} is what the organisation wants from them, give it measures (${context.levers(said).measure}) and a place in their targets (${context.levers(said).reward}); if not, stop describing their work as ${m(said)}.`;
  } else if (said) {
    message = `${L} ${verb} ${m(said)} is central (${pct(says?.[said])} ${of}), but little of their practice shows it (${pct(level.implicit?.[said])}).`;
    recommendation = `Decide whether ${m(said)} is meant to be real at ${L}: if it is, measure it (${context.levers(said).measure}) and reward it (${context.levers(said).reward}); if not, stop presenting it as the model.`;
  } else if (done) {
    message = `In practice ${L} run ${m(done)} (${pct(level.implicit?.[done])} of their practice), well beyond what they ${verb} (${pct(says?.[done])}).`;
    recommendation = `Name ${m(done)} as part of how ${L} work and put it on their scorecard (${context.levers(done).measure}), so that it is managed on purpose before anyone changes it.`;
  } else {
    message = `What management reviews at ${L} follows ${m(sight!)}, while their practice leans to ${practised ? m(practised) : "another model"}.`;
    recommendation = `Add measures of what ${L} actually do to what management reviews${practised ? ` (${context.levers(practised).measure})` : ""}, beside ${context.levers(sight!).measure}.`;
  }
  if (blind && (said || done)) message += ` What management reviews there follows ${m(sight!)}${sight === done ? " too" : ""}.`;
  return { message, recommendation, findings: keysOf(findings) };
}

/** Where levels want the mix to move in three years, and what would have to be measured first. */
export const ambitionRule: SummaryRule = {
  id: "ambition",
  stories(open, context) {
    const gaps = open.filter((f) => f.pattern === "ambition_gap" && f.model);
    const levels = unique(gaps.map((f) => f.levels[0]!)).sort((a, b) => context.order(a) - context.order(b));
    return levels.map((id) => {
      const level = context.level(id);
      const these = gaps.filter((f) => f.levels[0] === id);
      const moves = these.map((f) => {
        const change = level.desired![f.model!]! - level.explicit![f.model!]!;
        return { model: f.model!, more: change > 0, text: `${change > 0 ? "more" : "less"} ${context.model(f.model!)} (${change > 0 ? "+" : "−"}${points(Math.abs(change))})` };
      });
      const more = moves.filter((move) => move.more).map((move) => move.model);
      const less = moves.filter((move) => !move.more).map((move) => move.model);
      const recommendation =
        more.length > 0
          ? `Before moving the mix, start measuring ${listOf(more.map((model) => context.levers(model).measure))}, and reward ${listOf(more.map((model) => context.levers(model).reward))}: an ambition with no place in what management reviews or rewards tends to stay on paper.`
          : `Say what will stop as ${listOf(less.map(context.model))} shrink${less.length === 1 ? "s" : ""}: which reviews of ${listOf(less.map((model) => context.levers(model).measure))} and which roles would go, before the mix moves.`;
      return { message: `${level.label} want ${listOf(moves.map((move) => move.text))} in three years.`, recommendation, findings: keysOf(these) };
    });
  },
};

/**
 * What customers experience against what levels believe and what customers want (issue 15): one story per
 * model, merging the levels' relationship gaps on it with the customers' unmet want for it.
 */
export const customersRule: SummaryRule = {
  id: "customers",
  stories(open, context) {
    const customers = context.customers;
    const mine = open.filter((f) => (f.pattern === "relationship_gap" || f.pattern === "unmet_want") && f.model);
    if (!customers || mine.length === 0) return [];
    return unique(mine.map((f) => f.model!)).map((model) => {
      const these = mine.filter((f) => f.model === model);
      const believers = unique(these.filter((f) => f.pattern === "relationship_gap").map((f) => f.levels[0]!)).sort((a, b) => context.order(a) - context.order(b));
      const wanted = these.some((f) => f.pattern === "unmet_want");
      const name = context.model(model);
      const levers = context.levers(model);
      const gets = pct(customers.experienced?.[model]);
      const who = listOf(believers.map(context.label));
      const believed = listOf(believers.map((id) => `${context.label(id)} ${pct(context.says(context.level(id))?.[model])}`));
      const nps = customers.nps === null ? "" : ` Their Net Promoter Score is ${Math.round(customers.nps)}.`;
      let message: string;
      let recommendation: string;
      if (believers.length > 0 && wanted) {
        message = `Customers want ${name} (${pct(customers.wanted?.[model])} of what they want from the relationship) and ${who} believe they provide it (${believed}), but customers experience little of it (${gets}).${nps}`;
        recommendation = `Close the gap from the customer's side: measure ${levers.measure} as customers report it, give them ${levers.structure}, and make ${levers.reward} count in ${who}'s targets; ask the same customers again in the next round.`;
      } else if (believers.length > 0) {
        message = `${who} believe the organisation runs ${name} (${believed}), but its customers experience little of it (${gets}).${nps}`;
        recommendation = `Check ${name} from the customer's side before relying on it: put ${levers.measure}, as customers report it, on ${who}'s scorecard, and either give customers the ${name} ${who} believe in (${levers.structure}) or stop describing the organisation's work as ${name}.`;
      } else {
        message = `Customers want more ${name} than they get: ${pct(customers.wanted?.[model])} of what they want from the relationship, ${gets} of what they experience.${nps}`;
        recommendation = `Find out which customers want ${name} and what their business is worth; if it is worth it, start measuring ${levers.measure} and organise for it (${levers.structure}).`;
      }
      return { message, recommendation, findings: keysOf(these) };
    });
  },
};

/** Any firm finding no theme above took (a pattern added later): said as it is, so none is left out. */
export const remainingRule: SummaryRule = {
  id: "remaining",
  stories(open, context) {
    if (open.length === 0) return [];
    const models = unique(open.map((f) => f.model).filter((m): m is string => m !== null));
    return [
      {
        message: open.map((f) => f.summary).join(" "),
        recommendation:
          models.length > 0
            ? `Put ${listOf(models.map((model) => context.levers(model).measure))} on the agenda where these levels' results are reviewed, and decide which model each should serve.`
            : "Put these findings on the agenda where the levels' results are reviewed, and decide what each level should be measured on.",
        findings: keysOf(open),
      },
    ];
  },
};

/** The themes, in the order their messages appear. */
export const SUMMARY_RULES: readonly SummaryRule[] = [strategyRule, multilayeredRule, hiddenFromTopRule, sayDoRule, customersRule, ambitionRule, remainingRule];

export function summaryContext(input: SummaryInput): SummaryContext {
  const byId = new Map(input.levels.map((level) => [level.id, level]));
  const modelIds = input.models.map((m) => m.id);
  const beliefs = input.instrument.sayProfile === "said";
  return {
    levels: input.levels,
    level: (id) => byId.get(id)!,
    label: (id) => byId.get(id)?.label ?? id,
    model: (id) => shortModelLabel(input.models.find((m) => m.id === id)?.label ?? id).replace(/^\w/, (c) => c.toLowerCase()),
    levers: (id) => leversOf(id, shortModelLabel(input.models.find((m) => m.id === id)?.label ?? id).toLowerCase()),
    order: (id) => input.levels.findIndex((l) => l.id === id),
    modelIds,
    says: (level) => (beliefs ? level.said : level.explicit),
    beliefs,
    strategy: input.strategy,
    customers: input.customers ?? null,
  };
}

/** Merges stories into one message (their sentences in order, each recommendation once). */
export function mergeStories(stories: readonly SummaryMessage[]): SummaryMessage {
  return {
    message: stories.map((s) => s.message).join(" "),
    recommendation: unique(stories.map((s) => s.recommendation)).join(" "),
    findings: stories.flatMap((s) => s.findings),
  };
}

/**
 * At most four messages: first a theme's stories are merged (the theme with most stories first), then, if
 * more than four themes spoke, the last ones are merged into the fourth message.
 */
export function fitMessages(themes: readonly (readonly SummaryMessage[])[], max = MAX_SUMMARY_MESSAGES): SummaryMessage[] {
  let groups = themes.filter((t) => t.length > 0).map((t) => [...t]);
  const count = () => groups.reduce((n, g) => n + g.length, 0);
  while (count() > max) {
    const largest = groups.reduce((best, g, i) => (g.length > groups[best]!.length ? i : best), 0);
    if (groups[largest]!.length <= 1) break;
    groups = groups.map((g, i) => (i === largest ? [mergeStories(g)] : g));
  }
  const messages = groups.flat();
  return messages.length > max ? [...messages.slice(0, max - 1), mergeStories(messages.slice(max - 1))] : messages;
}

export function summarise(input: SummaryInput, rules: readonly SummaryRule[] = SUMMARY_RULES): SummaryMessage[] {
  const context = summaryContext(input);
  let open = input.findings.filter((f) => !f.tentative);
  const themes: SummaryMessage[][] = [];
  for (const rule of rules) {
    const stories = rule.stories(open, context).map((story) => ({ ...story, findings: story.findings.filter((key) => open.some((f) => f.key === key)) }));
    const taken = new Set(stories.flatMap((s) => s.findings));
    open = open.filter((f) => !taken.has(f.key));
    themes.push(stories);
  }
  return fitMessages(themes);
}
