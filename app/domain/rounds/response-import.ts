import { z } from "zod";
import { answersSchema, describeIssues, type Answers } from "../instrument/answers";
import type { AnswerKey } from "../instrument/instrument";
import { parseUntrustedJson } from "../json";

export interface ImportedRecord {
  level: string;
  answers: Answers;
}

export type ImportParse = { ok: true; records: ImportedRecord[] } | { ok: false; problems: string[] };

const MAX_PROBLEMS = 20;

function parseRecords(text: string): { values: unknown[]; labels: string[] } | { problem: string } {
  const trimmed = text.trim();
  if (trimmed === "") return { problem: "the file is empty; give a JSON array or JSON lines of { level, answers }" };
  if (trimmed.startsWith("[")) {
    try {
      const values = parseUntrustedJson(trimmed);
      if (!Array.isArray(values)) return { problem: "the file must hold a JSON array of records" };
      return { values, labels: values.map((_, i) => `record ${i + 1}`) };
    } catch (error) {
      return { problem: `the file is not valid JSON (${(error as Error).message})` };
    }
  }
  const values: unknown[] = [];
  const labels: string[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") continue;
    try {
      values.push(parseUntrustedJson(line));
    } catch (error) {
      return { problem: `line ${index + 1} is not valid JSON (${(error as Error).message})` };
    }
    labels.push(`record ${labels.length + 1} (line ${index + 1})`);
  }
  return { values, labels };
}

/**
 * Parses and validates an import file (product.md: a JSON array or JSON lines
 * of { level, answers }) exactly as web submissions are validated: each record
 * against the questionnaire its level answers (the staff instrument, or for
 * "customers" the customer questionnaire). All or nothing: any problem rejects
 * the whole file, naming the record.
 */
export function parseImport(text: string, instrument: AnswerKey, levelIds: readonly string[], questionnaireOf: (levelId: string) => AnswerKey = () => instrument): ImportParse {
  const parsed = parseRecords(text);
  if ("problem" in parsed) return { ok: false, problems: [parsed.problem] };
  if (parsed.values.length === 0) return { ok: false, problems: ["the file holds no records"] };
  const recordSchema = z
    .object(
      {
        level: z.string({ error: "level is required (a level id of the round)" }).refine((id) => levelIds.includes(id), {
          error: (issue) => `level "${String(issue.input)}" is not a level of this round (levels: ${levelIds.join(", ")})`,
        }),
        answers: z.unknown(),
      },
      { error: "each record must be an object { level, answers }" },
    )
    .transform((record, ctx) => {
      const answers = answersSchema(questionnaireOf(record.level), "submit").safeParse(record.answers);
      if (answers.success) return { level: record.level, answers: answers.data };
      for (const issue of answers.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: ["answers", ...issue.path] });
      return z.NEVER;
    });
  const records: ImportedRecord[] = [];
  const problems: string[] = [];
  parsed.values.forEach((value, i) => {
    const result = recordSchema.safeParse(value);
    if (result.success) records.push(result.data);
    else problems.push(...describeIssues(result.error).map((line) => `${parsed.labels[i]}: ${line}`));
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_PROBLEMS);
    if (problems.length > MAX_PROBLEMS) shown.push(`... and ${problems.length - MAX_PROBLEMS} more problems`);
    return { ok: false, problems: shown };
  }
  return { ok: true, records };
}
