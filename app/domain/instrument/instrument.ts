import { z } from "zod";

/**
 * An instrument file (surveys/<id>.v<version>.json) holds the SurveyJS
 * questionnaire and the scoring key beside it. The key never reaches a
 * respondent: the browser only gets `survey`.
 */

const idPattern = /^[a-z][a-z0-9_]*$/;
export const identifier = z.string().regex(idPattern, "use lower-case letters, digits and _ (starting with a letter)");
export const fraction = z.number().min(0).max(1);

export const modelSchema = z.object({
  id: identifier,
  label: z.string().min(1),
  definition: z.string().min(1),
});

export const itemSchema = z.object({
  name: identifier,
  model: identifier,
  facet: identifier,
  reverse: z.boolean(),
  /**
   * Which profile the statement measures: "implicit" (a practice, measure, structure or experience) or
   * "explicit" (a belief about which model the organisation runs, on the same scale). Absent means implicit.
   */
  profile: z.enum(["implicit", "explicit"]).default("implicit"),
  /** Secondary loadings (instrument.md, "Weights"); the primary model has weight 1. */
  secondary: z.array(z.object({ model: identifier, weight: fraction.positive() })).optional(),
});

/** Say-do rules also need the intensities themselves to part by this much (0: no such condition, as in version 1). */
const intensityGap = fraction.default(0);

const patternsSchema = z.object({
  /**
   * What a level "says" in the say-do rules: the allocation ("explicit", version 1) or the belief
   * statements ("said", version 2), which sit on the same metric as the implicit profile.
   */
  sayProfile: z.enum(["explicit", "said"]).default("explicit"),
  espousedNotEnacted: z.object({ minGap: fraction, maxIntensity: fraction, minIntensityGap: intensityGap }),
  enactedNotEspoused: z.object({ minGap: fraction, minIntensity: fraction, minIntensityGap: intensityGap }),
  levelsDisagree: z.object({ minDistance: fraction, minLead: fraction, minSplitShare: fraction }),
  boardOnlyModel: z.object({ minGap: fraction, minOtherLevels: z.number().int().min(1) }),
  hiddenFromTop: z.object({ minGap: fraction, minIntensity: fraction, minIntensityGap: intensityGap }),
  blindLineOfSight: z.object({ minDistance: fraction, lineOfSightFacet: identifier, practicesFacet: identifier }),
  ambitionGap: z.object({ minGap: fraction }),
});

export const surveyElementSchema: z.ZodType<SurveyElement> = z.lazy(() =>
  z
    .object({
      type: z.string(),
      name: z.string().min(1),
      elements: z.array(surveyElementSchema).optional(),
    })
    .passthrough(),
);

/** A SurveyJS element; the properties the key cares about are checked per question type. */
export interface SurveyElement {
  type: string;
  name: string;
  elements?: SurveyElement[];
  [key: string]: unknown;
}

const matrixSchema = z.object({
  rows: z.array(z.object({ value: z.string(), text: z.string().optional() }).passthrough()).min(1),
  columns: z.array(z.object({ value: z.union([z.string(), z.number()]) }).passthrough()).min(2),
});
const multipleTextSchema = z.object({ items: z.array(z.object({ name: z.string() }).passthrough()) });
const choicesSchema = z.object({
  choices: z.array(z.union([z.string(), z.object({ value: z.string() }).passthrough()])).min(1),
});
const textSchema = z.object({ maxLength: z.number().int().positive().optional() });
const ratingSchema = z.object({
  rateMin: z.number().int().optional(),
  rateMax: z.number().int().optional(),
  rateStep: z.number().int().positive().optional(),
  rateValues: z.array(z.union([z.number().int(), z.object({ value: z.number().int() }).passthrough()])).optional(),
});

/** The common parts of every questionnaire file: who it is, the welcome, models, facets, scale and the SurveyJS pages. */
export const questionnaireFileSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  version: z.number().int().positive(),
  title: z.string().min(1),
  welcome: z.object({ intro: z.string().min(1), minutes: z.number().int().positive() }),
  models: z.array(modelSchema).min(2),
  facets: z.array(z.object({ id: identifier, label: z.string().min(1) })).min(1),
  scale: z.object({ min: z.number().int(), max: z.number().int(), dontKnow: z.literal("dk") }),
  items: z.array(itemSchema).min(1),
  survey: z.object({ pages: z.array(z.object({ name: z.string(), elements: z.array(surveyElementSchema) }).passthrough()) }).passthrough(),
});

/** Response style rules (instrument.md section 8), shared by every questionnaire with balanced keys. */
export const responseStyleSchema = z.object({ removeAcquiescence: z.boolean(), straightLiningMinItems: z.number().int().min(2) });

const instrumentFileSchema = questionnaireFileSchema.extend({
  explicit: z.object({ now: identifier, desired: identifier }),
  scoring: z.object({
    minItemsPerModel: z.number().int().min(1),
    minFacetItemsPerModel: z.number().int().min(1),
    /** Belief statements answered per model for a "said" profile (instruments with explicit items). */
    minExplicitItemsPerModel: z.number().int().min(1).default(1),
    /**
     * Version 2: acquiescence (agreeing whatever the statement) is estimated from the balanced keys and
     * removed before intensities, and a respondent who gives one answer throughout is kept out of every
     * statement-based profile. Absent (version 1): both are only counted in the report.
     */
    responseStyle: responseStyleSchema.optional(),
  }),
  patterns: patternsSchema,
});

export type InstrumentFile = z.infer<typeof instrumentFileSchema>;
export type Model = z.infer<typeof modelSchema>;
export type Item = z.infer<typeof itemSchema>;
export type PatternThresholds = z.infer<typeof patternsSchema>;

/** A context question (function, tenure, free text, a rating): optional, never scored. */
export type ContextQuestion =
  | { name: string; kind: "choice"; choices: string[] }
  | { name: string; kind: "text"; maxLength: number }
  | { name: string; kind: "rating"; values: number[] };

/** A rating question the key scores (the customers' 0-10 likelihood to recommend): required on submit. */
export interface ScoredRating {
  name: string;
  values: number[];
}

/**
 * What the answers object of any questionnaire holds, for the one answers schema (answers.ts): allocations,
 * statements on the scale, scored ratings, and optional context questions.
 */
export interface AnswerKey {
  modelIds: string[];
  scale: { min: number; max: number; dontKnow: "dk" };
  items: Item[];
  /** Allocation questions: an object of model id -> points summing to 100, required on submit. */
  allocations: string[];
  scoredRatings: ScoredRating[];
  contextQuestions: ContextQuestion[];
  /** Expression questions (the live "points left" counters): their values are derived, never stored. */
  computedNames: string[];
}

/** What reading a questionnaire's SurveyJS pages against its key finds. */
export interface SurveyParts {
  /** Each statement's wording as respondents read it, for the report's evidence. */
  itemText: Record<string, string>;
  /** Statement grids: the matrix question name and the item names it holds. */
  matrices: { name: string; facet: string; rows: string[] }[];
  contextQuestions: ContextQuestion[];
  scoredRatings: ScoredRating[];
  computedNames: string[];
}

export interface Instrument extends InstrumentFile, AnswerKey, SurveyParts {
  /** Staff questionnaires; the customer questionnaire is a CustomerInstrument (customer-instrument.ts). */
  perspective: "staff";
  /** Model ids in instrument order; every profile is keyed by these. */
  modelIds: string[];
  /** Practice, measure, structure and experience statements: the implicit profile. */
  implicitItems: Item[];
  /** Belief statements (version 2): the "said" profile. Empty for version 1. */
  explicitItems: Item[];
}

export class InstrumentError extends Error {
  constructor(source: string, problems: string[]) {
    super(`Instrument ${source} is invalid:\n  - ${problems.join("\n  - ")}`);
    this.name = "InstrumentError";
  }
}

function walk(elements: SurveyElement[], visit: (element: SurveyElement) => void) {
  for (const element of elements) {
    visit(element);
    if (element.elements) walk(element.elements, visit);
  }
}

const choiceValue = (choice: string | { value: string }) => (typeof choice === "string" ? choice : choice.value);
const DEFAULT_TEXT_LIMIT = 2000;

/** A questionnaire file read against its schema, or an InstrumentError naming every problem. */
export function readInstrumentFile<T extends z.ZodType>(schema: T, raw: unknown, source: string): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new InstrumentError(
      source,
      parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`),
    );
  }
  return parsed.data;
}

/** Validates an instrument file and cross-checks its survey against its scoring key. */
export function parseInstrument(raw: unknown, source = "file"): Instrument {
  const file = readInstrumentFile(instrumentFileSchema, raw, source);
  const problems: string[] = [];
  const modelIds = file.models.map((m) => m.id);
  const facetIds = new Set(file.facets.map((f) => f.id));
  checkKey(file, problems);
  const hasExplicitItems = file.items.some((i) => i.profile === "explicit");
  for (const id of modelIds) {
    const count = file.items.filter((i) => i.model === id && i.profile === "implicit").length;
    if (count < file.scoring.minItemsPerModel) {
      problems.push(`model "${id}" has ${count} implicit item${count === 1 ? "" : "s"}, fewer than scoring.minItemsPerModel (${file.scoring.minItemsPerModel})`);
    }
    const explicitCount = file.items.filter((i) => i.model === id && i.profile === "explicit").length;
    if (hasExplicitItems && explicitCount < file.scoring.minExplicitItemsPerModel) {
      problems.push(`model "${id}" has ${explicitCount} belief items, fewer than scoring.minExplicitItemsPerModel (${file.scoring.minExplicitItemsPerModel})`);
    }
  }
  if (file.patterns.sayProfile === "said" && !hasExplicitItems) {
    problems.push('patterns.sayProfile is "said" but no item has profile "explicit"');
  }
  for (const item of file.items) {
    if (item.profile === "explicit" && item.secondary?.length) problems.push(`belief item "${item.name}" cannot have secondary loadings`);
  }
  for (const facet of [file.patterns.blindLineOfSight.lineOfSightFacet, file.patterns.blindLineOfSight.practicesFacet]) {
    if (!facetIds.has(facet)) problems.push(`patterns.blindLineOfSight names unknown facet "${facet}"`);
  }

  const parts = readSurvey(file, { allocations: [file.explicit.now, file.explicit.desired], scoredRatings: [] }, problems);
  if (problems.length > 0) throw new InstrumentError(source, problems);
  return {
    ...file,
    ...parts,
    perspective: "staff",
    modelIds,
    allocations: [file.explicit.now, file.explicit.desired],
    implicitItems: file.items.filter((item) => item.profile === "implicit"),
    explicitItems: file.items.filter((item) => item.profile === "explicit"),
  };
}

type QuestionnaireFile = z.infer<typeof questionnaireFileSchema>;

/** Checks every questionnaire's key needs: models and items named once, a scale that runs upwards, items keyed to its models and facets. */
export function checkKey(file: QuestionnaireFile, problems: string[]): void {
  const modelIds = file.models.map((m) => m.id);
  const facetIds = new Set(file.facets.map((f) => f.id));
  for (const id of duplicates(modelIds)) problems.push(`model "${id}" is defined twice`);
  for (const name of duplicates(file.items.map((i) => i.name))) problems.push(`item "${name}" is defined twice`);
  if (file.scale.min >= file.scale.max) problems.push("scale.min must be below scale.max");
  for (const item of file.items) {
    if (!modelIds.includes(item.model)) problems.push(`item "${item.name}" is keyed to unknown model "${item.model}"`);
    if (!facetIds.has(item.facet)) problems.push(`item "${item.name}" is in unknown facet "${item.facet}"`);
    for (const loading of item.secondary ?? []) {
      if (!modelIds.includes(loading.model)) problems.push(`item "${item.name}" has a secondary loading on unknown model "${loading.model}"`);
      if (loading.model === item.model) problems.push(`item "${item.name}" loads twice on "${item.model}"`);
    }
  }
}

/**
 * Reads a questionnaire's SurveyJS pages against its key, adding every mismatch to `problems`: allocations
 * are multiple-text questions with one box per model, scored ratings are rating questions on whole numbers,
 * statement grids ask only keyed items on exactly the scale and one facet each, every keyed item is asked,
 * and no question name is used twice. Anything else is a context question the key can read, or a problem.
 */
export function readSurvey(
  file: QuestionnaireFile,
  expected: { allocations: readonly string[]; scoredRatings: readonly { name: string; values?: readonly number[] }[] },
  problems: string[],
): SurveyParts {
  const modelIds = file.models.map((m) => m.id);
  const itemsByName = new Map(file.items.map((item) => [item.name, item]));
  const names: string[] = [];
  const matrices: SurveyParts["matrices"] = [];
  const contextQuestions: ContextQuestion[] = [];
  const scoredRatings: ScoredRating[] = [];
  const computedNames: string[] = [];
  const itemText: Record<string, string> = {};
  const allocations = new Set(expected.allocations);
  const ratingNames = new Map(expected.scoredRatings.map((r) => [r.name, r.values]));
  const scaleValues = [...range(file.scale.min, file.scale.max), file.scale.dontKnow].map(String);

  for (const page of file.survey.pages) {
    walk(page.elements, (element) => {
      if (element.type === "panel" || element.type === "html") return;
      names.push(element.name);
      const where = `question "${element.name}"`;
      if (allocations.has(element.name)) {
        const itemNames = multipleTextSchema.safeParse(element).data?.items.map((i) => i.name) ?? [];
        if (element.type !== "multipletext" || !sameSet(itemNames, modelIds)) {
          problems.push(`allocation "${element.name}" must be a multipletext with one item per model (${modelIds.join(", ")})`);
        }
      } else if (element.type === "matrix") {
        const matrix = matrixSchema.safeParse(element);
        if (!matrix.success) {
          problems.push(`${where}: a matrix needs rows [{ value }] and columns [{ value }]`);
          return;
        }
        const rows = matrix.data.rows.map((r) => r.value);
        for (const row of matrix.data.rows) itemText[row.value] = row.text ?? row.value;
        const columns = matrix.data.columns.map((c) => String(c.value));
        if (!sameSet(columns, scaleValues)) {
          problems.push(`matrix "${element.name}" must offer exactly the scale ${scaleValues.join(", ")}`);
        }
        const facetsInMatrix = new Set(rows.map((row) => itemsByName.get(row)?.facet));
        for (const row of rows) {
          if (!itemsByName.has(row)) problems.push(`matrix "${element.name}" asks "${row}", which is not in the scoring key`);
        }
        const facet = [...facetsInMatrix][0];
        if (facetsInMatrix.size !== 1 || !facet) problems.push(`matrix "${element.name}" mixes facets`);
        names.push(...rows);
        matrices.push({ name: element.name, facet: facet ?? "", rows });
      } else if (element.type === "expression") {
        computedNames.push(element.name);
      } else if (element.type === "rating") {
        const values = ratingValues(element);
        if (!values) {
          problems.push(`${where}: a rating needs whole-number rateMin and rateMax (at least two values) or rateValues`);
          return;
        }
        if (ratingNames.has(element.name)) {
          const wanted = ratingNames.get(element.name);
          if (wanted && !sameSet(values.map(String), wanted.map(String))) problems.push(`rating "${element.name}" must offer exactly ${wanted.join(", ")}`);
          scoredRatings.push({ name: element.name, values });
        } else contextQuestions.push({ name: element.name, kind: "rating", values });
      } else if (["dropdown", "radiogroup"].includes(element.type)) {
        const choices = choicesSchema.safeParse(element);
        if (!choices.success) problems.push(`${where}: choices must be a list of strings or { value, text }`);
        else contextQuestions.push({ name: element.name, kind: "choice", choices: choices.data.choices.map(choiceValue) });
      } else if (element.type === "comment" || element.type === "text") {
        const text = textSchema.safeParse(element);
        if (!text.success) problems.push(`${where}: maxLength must be a positive whole number`);
        contextQuestions.push({ name: element.name, kind: "text", maxLength: text.data?.maxLength ?? DEFAULT_TEXT_LIMIT });
      } else {
        problems.push(`question "${element.name}" has type "${element.type}", which the scoring key cannot read`);
      }
    });
  }
  for (const name of duplicates(names)) problems.push(`question name "${name}" is used twice`);
  for (const allocation of allocations) {
    if (!names.includes(allocation)) problems.push(`allocation "${allocation}" is missing from the survey`);
  }
  for (const { name } of expected.scoredRatings) {
    if (!scoredRatings.some((r) => r.name === name)) problems.push(`rating "${name}" is missing from the survey (it must be a rating question)`);
  }
  const asked = new Set(matrices.flatMap((m) => m.rows));
  for (const item of file.items) {
    if (!asked.has(item.name)) problems.push(`item "${item.name}" is in the scoring key but not asked in the survey`);
  }
  return { itemText, matrices, contextQuestions, scoredRatings, computedNames };
}

/** The values a SurveyJS rating offers: its rateValues, else rateMin to rateMax in rateStep (SurveyJS's defaults 1, 5, 1). */
function ratingValues(element: SurveyElement): number[] | null {
  const rating = ratingSchema.safeParse(element);
  if (!rating.success) return null;
  const { rateValues, rateMin = 1, rateMax = 5, rateStep = 1 } = rating.data;
  const values = rateValues?.length ? rateValues.map((v) => (typeof v === "number" ? v : v.value)) : range(rateMin, rateMax).filter((v) => (v - rateMin) % rateStep === 0);
  return values.length >= 2 && new Set(values).size === values.length ? values : null;
}

/** The scoring key as `instrument --json` prints it (product.md contract). */
export function scoringKey(instrument: Instrument) {
  return {
    id: instrument.id,
    version: instrument.version,
    models: instrument.models.map(({ id, label }) => ({ id, label })),
    scale: { min: instrument.scale.min, max: instrument.scale.max },
    explicit: { now: instrument.explicit.now, desired: instrument.explicit.desired },
    items: instrument.items.map(({ name, model, facet, reverse, profile }) => ({ name, model, facet, reverse, profile })),
  };
}

export function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) (seen.has(value) ? repeated : seen).add(value);
  return [...repeated];
}

export function sameSet(a: string[], b: string[]) {
  return a.length === b.length && new Set(a).size === a.length && b.every((x) => a.includes(x));
}

export function range(min: number, max: number): number[] {
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}
