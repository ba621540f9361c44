import { z } from "zod";
import { minGroupSizeSchema } from "~/domain/rounds/rounds";
import { RoundEditError, setMinGroupSize } from "~/models/rounds.server";
import { CliError, printJson, type CliIO } from "../io";
import { parseOptions } from "../options";

const optionsSchema = z.object({
  round: z.string().trim().min(1, "give the round id"),
  minGroup: minGroupSizeSchema,
});

/** `round set --round <id> --min-group N`: the minimum group can be raised, never lowered once anyone answered. */
export async function roundSetCommand(io: CliIO, rawOptions: unknown) {
  const options = parseOptions(optionsSchema, rawOptions, { minGroup: "--min-group" });
  try {
    const round = await setMinGroupSize((await io.database()).db, options.round, options.minGroup);
    printJson(io, { roundId: round.id, minGroupSize: round.minGroupSize });
  } catch (error) {
    if (!(error instanceof RoundEditError)) throw error;
    throw new CliError(error.field === "minGroupSize" ? `--min-group: ${error.message}` : `--round: no round with id "${options.round}"`);
  }
}
