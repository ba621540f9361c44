import { z } from "zod";
import type { AnswerKey } from "./instrument";

/**
 * The answers object of product.md: allocations are objects of model id ->
 * points, items are a number on the scale or "dk", a scored rating (the
 * customers' 0-10 likelihood to recommend) is a whole number it offers,
 * context questions are optional. One schema, derived from the questionnaire
 * (staff instrument or customer questionnaire), serves the web submit,
 * autosave, the CLI import and the tests.
 */
export type Allocation = Partial<Record<string, number>>;
export type ItemAnswer = number | "dk";
export type Answers = Record<string, Allocation | ItemAnswer | string>;

export type AnswerMode = "submit" | "draft";

export const POINTS_TOTAL = 100;

export function allocationTotal(allocation: Allocation | undefined): number {
  return Object.values(allocation ?? {}).reduce<number>((sum, points) => sum + (points ?? 0), 0);
}

const cache = new WeakMap<AnswerKey, Record<AnswerMode, z.ZodType<Answers>>>();

/** Null means "not answered": drop it rather than reject it, as SurveyJS and hand-made imports both send it. */
function withoutNulls(value: unknown, computedNames: readonly string[]): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry === null || entry === undefined || computedNames.includes(key)) continue;
    result[key] = entry;
  }
  return result;
}

export function answersSchema(instrument: AnswerKey, mode: AnswerMode): z.ZodType<Answers> {
  let schemas = cache.get(instrument);
  if (!schemas) {
    schemas = { submit: buildSchema(instrument, "submit"), draft: buildSchema(instrument, "draft") };
    cache.set(instrument, schemas);
  }
  return schemas[mode];
}

function buildSchema(instrument: AnswerKey, mode: AnswerMode): z.ZodType<Answers> {
  const { min, max, dontKnow } = instrument.scale;
  const points =
    mode === "submit"
      ? z.number({ error: "give points as a whole number from 0 to 100" }).int("give points as a whole number from 0 to 100").min(0, "points cannot be negative").max(POINTS_TOTAL, "at most 100 points")
      : z.number({ error: "give points as a number from 0 to 100" }).min(0, "points cannot be negative").max(POINTS_TOTAL, "at most 100 points");
  const modelList = instrument.modelIds.join(", ");
  const allocationBase = z.preprocess(
    (value) => withoutNulls(value, []),
    z.strictObject(Object.fromEntries(instrument.modelIds.map((id) => [id, points.optional()])), {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `unknown model ${issue.keys.map((k) => `"${k}"`).join(", ")}; the models are ${modelList}`
          : issue.code === "invalid_type"
            ? issue.input === undefined
              ? `required: share 100 points across ${modelList}`
              : `give an object of model id -> points (models: ${modelList})`
            : undefined,
    }),
  );
  const allocation =
    mode === "submit"
      ? allocationBase.superRefine((value, ctx) => {
          const total = allocationTotal(value as Allocation);
          if (total !== POINTS_TOTAL) {
            ctx.addIssue({ code: "custom", message: `the points add up to ${total}; they must add up to exactly 100` });
          }
        })
      : allocationBase;
  const itemAnswer = z.custom<ItemAnswer>(
    (value) => value === dontKnow || (Number.isInteger(value) && (value as number) >= min && (value as number) <= max),
    { error: `answer with a whole number from ${min} to ${max}, or "${dontKnow}" for don't know` },
  );

  const rating = (values: readonly number[]) => {
    const range = `a whole number from ${values[0]} to ${values[values.length - 1]}`;
    return z.custom<number>((value) => typeof value === "number" && values.includes(value), {
      error: (issue) => (issue.input === undefined ? `required: answer with ${range}` : `answer with ${range}`),
    });
  };

  const shape: Record<string, z.ZodType> = {};
  for (const name of instrument.allocations) {
    shape[name] = mode === "submit" ? allocation : allocation.optional();
  }
  for (const question of instrument.scoredRatings) shape[question.name] = mode === "submit" ? rating(question.values) : rating(question.values).optional();
  for (const item of instrument.items) shape[item.name] = itemAnswer.optional();
  for (const question of instrument.contextQuestions) {
    shape[question.name] =
      question.kind === "choice"
        ? z.enum(question.choices as [string, ...string[]], { error: `choose one of: ${question.choices.join(", ")}` }).optional()
        : question.kind === "rating"
          ? rating(question.values).optional()
          : z.string({ error: "give text" }).max(question.maxLength, `keep it under ${question.maxLength} characters`).optional();
  }
  const computed = instrument.computedNames;
  return z.preprocess(
    (value) => withoutNulls(value, computed),
    z.strictObject(shape, {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `unknown question ${issue.keys.map((k) => `"${k}"`).join(", ")}`
          : issue.code === "invalid_type"
            ? "answers must be an object of question name -> answer"
            : undefined,
    }),
  ) as unknown as z.ZodType<Answers>;
}

/** "alloc_now: the points add up to 90; ..." lines for people and logs. */
export function describeIssues(error: z.ZodError, prefix: (string | number)[] = []): string[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path].map(String).join(".");
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}

/**
 * The part of a draft that can be stored, and what was left out and why.
 * The survey page saves whatever it can on every post: one wrong field
 * (150 points, a word where a number goes) never costs the others.
 */
export function storableDraft(instrument: AnswerKey, value: Record<string, unknown>): { answers: Answers; dropped: { path: string[]; message: string }[] } {
  const schema = answersSchema(instrument, "draft");
  const current: Record<string, unknown> = structuredClone(value);
  const dropped: { path: string[]; message: string }[] = [];
  // Each pass removes every value zod names; a draft has few enough questions that this ends quickly.
  for (let pass = 0; pass < 10; pass++) {
    const result = schema.safeParse(current);
    if (result.success) return { answers: result.data, dropped };
    for (const issue of result.error.issues) {
      const path = issue.path.map(String);
      const keys = issue.code === "unrecognized_keys" ? issue.keys.map((key) => [...path, key]) : [path];
      for (const key of keys) {
        if (key.length === 0) return { answers: {}, dropped: [...dropped, { path: [], message: issue.message }] };
        dropped.push({ path: key, message: issue.message });
        removePath(current, key);
      }
    }
  }
  return { answers: {}, dropped };
}

function removePath(target: Record<string, unknown>, path: string[]) {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    delete target[head];
    return;
  }
  const child = target[head];
  if (child && typeof child === "object") {
    removePath(child as Record<string, unknown>, rest);
    if (Object.keys(child).length === 0) delete target[head];
  } else delete target[head];
}
