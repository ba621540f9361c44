import { z } from "zod";
import { currentInstrument } from "~/domain/instrument/instruments";
import { DEFAULT_MIN_GROUP_SIZE, minGroupSizeSchema, organisationNameSchema, parseLevelList, roundNameSchema } from "~/domain/rounds/rounds";
import { createRound, linkFor } from "~/models/rounds.server";
import { CliError, printJson, type CliIO } from "../io";
import { parseOptions } from "../options";

const optionsSchema = z.object({
  org: organisationNameSchema,
  name: roundNameSchema,
  levels: z.string(),
  minGroup: minGroupSizeSchema.default(DEFAULT_MIN_GROUP_SIZE),
  json: z.boolean().optional(),
});

export function roundCreateCommand(io: CliIO, rawOptions: unknown) {
  const options = parseOptions(optionsSchema, rawOptions, { minGroup: "--min-group" });
  const levels = parseLevelList(options.levels);
  if (!levels.success) {
    throw new CliError(`--levels: ${levels.error.issues.map((i) => i.message).join("; ")}. Write them as id:Label,id:Label (e.g. board:Board,front:Front line).`);
  }
  const { db } = io.database();
  const created = createRound(db, {
    organisationName: options.org,
    name: options.name,
    levels: levels.data,
    minGroupSize: options.minGroup,
    instrument: { id: currentInstrument.id, version: currentInstrument.version },
    status: "open",
  });
  const { baseUrl } = io.config();
  printJson(io, {
    roundId: created.round.id,
    levels: created.levels.map((level) => ({ id: level.key, label: level.label, link: linkFor(baseUrl, level.linkToken) })),
  });
  if (!options.json) io.stderr(`Round "${options.name}" is open. Share each level's link with that level.\n`);
}
