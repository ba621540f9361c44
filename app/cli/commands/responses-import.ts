import { readFileSync, statSync } from "node:fs";
import { z } from "zod";
import { questionnaireFor } from "~/domain/instrument/instruments";
import { scoreAnswers } from "~/domain/instrument/score-answers";
import { parseImport } from "~/domain/rounds/response-import";
import { importResponses } from "~/models/responses.server";
import { findRound, listLevels } from "~/models/rounds.server";
import { CliError, printJson, withoutBom, type CliIO } from "../io";
import { parseOptions } from "../options";

const MAX_FILE_BYTES = 50 * 1024 * 1024;

const optionsSchema = z.object({
  round: z.string().trim().min(1, "give the round id (from `round create`)"),
  file: z.string().trim().min(1, "give the path of a JSON or JSON-lines file"),
});

export async function responsesImportCommand(io: CliIO, rawOptions: unknown) {
  const options = parseOptions(optionsSchema, rawOptions);
  let text: string;
  try {
    const size = statSync(options.file).size;
    if (size > MAX_FILE_BYTES) throw new CliError(`--file: ${options.file} is ${size} bytes; split it into files under 50 MB`);
    text = withoutBom(readFileSync(options.file, "utf8"));
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`--file: cannot read ${options.file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const { db } = await io.database();
  const found = await findRound(db, options.round);
  if (!found) throw new CliError(`--round: no round with id "${options.round}"`);
  const levels = await listLevels(db, found.round.id);
  const byKey = new Map(levels.map((level) => [level.key, level]));
  // Each record is checked against what its level answers: "customers" the customer questionnaire, staff levels the round's instrument.
  const questionnaireOf = (key: string) => questionnaireFor(found.round, byKey.get(key)!);
  const staff = questionnaireFor(found.round, { kind: "staff" });
  const parsed = parseImport(text, staff, levels.map((l) => l.key), questionnaireOf);
  if (!parsed.ok) throw new CliError(`Nothing imported from ${options.file}:\n  ${parsed.problems.join("\n  ")}`);
  const imported = await importResponses(
    db,
    found.round.id,
    parsed.records.map((record) => ({
      levelId: byKey.get(record.level)!.id,
      answers: record.answers,
      scores: scoreAnswers(questionnaireOf(record.level), record.answers),
    })),
  );
  printJson(io, { imported });
}
