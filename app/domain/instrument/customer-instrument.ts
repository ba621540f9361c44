import { z } from "zod";
import {
  checkKey,
  fraction,
  identifier,
  InstrumentError,
  readInstrumentFile,
  questionnaireFileSchema,
  readSurvey,
  responseStyleSchema,
  type AnswerKey,
  type Item,
  type SurveyParts,
} from "./instrument";

/**
 * The customer questionnaire (surveys/customer-view.v<version>.json): what dealing with the organisation
 * is like (statements keyed to the models, the experienced profile), what the customer wants from the
 * relationship (a 100-point allocation, the wanted profile), a 0-10 likelihood to recommend (Net Promoter
 * Score) and an optional comment. Checked against its survey as strictly as the staff instrument.
 */

/** Net Promoter's scale: 0 to 10. */
export const NPS_VALUES = Array.from({ length: 11 }, (_, i) => i);

const customerFileSchema = questionnaireFileSchema.extend({
  /** The allocation question: what the customer wants from the relationship. */
  wanted: identifier,
  /** The 0-10 likelihood-to-recommend question. */
  nps: identifier,
  scoring: z.object({
    /** Statements a model needs answered for the experienced profile. */
    minItemsPerModel: z.number().int().min(1),
    responseStyle: responseStyleSchema,
  }),
  patterns: z.object({
    /** A level says a model that customers do not experience: belief share minus experienced share, with intensity conditions. */
    relationshipGap: z.object({ minGap: fraction, maxIntensity: fraction, minIntensityGap: fraction }),
    /** Customers want a model they do not experience: wanted share minus experienced share, and experienced intensity below this. */
    unmetWant: z.object({ minGap: fraction, maxIntensity: fraction }),
  }),
});

type CustomerFile = z.infer<typeof customerFileSchema>;

export interface CustomerInstrument extends Omit<CustomerFile, "items">, AnswerKey, SurveyParts {
  perspective: "customers";
  modelIds: string[];
  items: Item[];
}

/** Validates a customer questionnaire file and cross-checks its survey against its key. */
export function parseCustomerInstrument(raw: unknown, source = "file"): CustomerInstrument {
  const file = readInstrumentFile(customerFileSchema, raw, source);
  const problems: string[] = [];
  checkKey(file, problems);
  const modelIds = file.models.map((m) => m.id);
  for (const item of file.items) {
    if (item.profile !== "implicit") problems.push(`item "${item.name}": customer statements are all experience statements (profile "implicit")`);
    if (item.secondary?.length) problems.push(`item "${item.name}": customer statements load on one model only`);
  }
  for (const id of modelIds) {
    const items = file.items.filter((i) => i.model === id);
    if (items.length < file.scoring.minItemsPerModel) {
      problems.push(`model "${id}" has ${items.length} statements, fewer than scoring.minItemsPerModel (${file.scoring.minItemsPerModel})`);
    }
    // Balanced keys: acquiescence is estimated per model from a statement and its opposite.
    if (!items.some((i) => i.reverse) || !items.some((i) => !i.reverse)) {
      problems.push(`model "${id}" needs both a + and a - statement (balanced keys)`);
    }
  }
  if (file.wanted === file.nps) problems.push("wanted and nps must be different questions");
  const parts = readSurvey(file, { allocations: [file.wanted], scoredRatings: [{ name: file.nps, values: NPS_VALUES }] }, problems);
  if (problems.length > 0) throw new InstrumentError(source, problems);
  return { ...file, ...parts, perspective: "customers", modelIds, allocations: [file.wanted] };
}

/** The customer questionnaire's key as `instrument --customer --json` prints it (product.md, contract version 2). */
export function customerScoringKey(instrument: CustomerInstrument) {
  return {
    id: instrument.id,
    version: instrument.version,
    models: instrument.models.map(({ id, label }) => ({ id, label })),
    scale: { min: instrument.scale.min, max: instrument.scale.max },
    wanted: instrument.wanted,
    nps: instrument.nps,
    items: instrument.items.map(({ name, model, facet, reverse }) => ({ name, model, facet, reverse })),
  };
}
