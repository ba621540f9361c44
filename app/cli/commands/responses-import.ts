import { readFileSync, statSync } from "node:fs";
import { z } from "zod";
import { getInstrument } from "~/domain/instrument/instruments";
import { parseImport } from "~/domain/rounds/response-import";
import { scoreResponse } from "~/domain/instrument/scoring";
import { importResponses } from "~/models/responses.server";
import { findRound, listLevels } from "~/models/rounds.server";
import { CliError, printJson, withoutBom, type CliIO } from "../io";
import { parseOptions } from "../options";

const MAX_FILE_BYTES = 50 * 1024 * 1024;

const optionsSchema = z.object({
  round: z.string().trim().min(1, "give the round id (from `round create`)"),
  file: z.string().trim().min(1, "give the path of a JSON or JSON-lines file"),
});

export function responsesImportCommand(io: CliIO, rawOptions: unknown) {
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
  const { db } = io.database();
  const found = findRound(db, options.round);
  if (!found) throw new CliError(`--round: no round with id "${options.round}"`);
  const instrument = getInstrument(found.round.instrumentId, found.round.instrumentVersion);
  const levels = listLevels(db, found.round.id);
  const parsed = parseImport(text, instrument, levels.map((l) => l.key));
  if (!parsed.ok) throw new CliError(`Nothing imported from ${options.file}:\n  ${parsed.problems.join("\n  ")}`);
  const levelIds = new Map(levels.map((level) => [level.key, level.id]));
  const imported = importResponses(
    db,
    found.round.id,
    parsed.records.map((record) => ({
      levelId: levelIds.get(record.level)!,
      answers: record.answers,
      scores: scoreResponse(instrument, record.answers),
    })),
  );
  printJson(io, { imported });
}
