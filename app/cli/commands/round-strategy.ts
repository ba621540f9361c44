import { z } from "zod";
import { getInstrument } from "~/domain/instrument/instruments";
import { parseStrategyText, strategyShares } from "~/domain/report/strategy";
import { findRound } from "~/models/rounds.server";
import { saveRoundStrategy } from "~/models/strategy.server";
import { CliError, printJson, type CliIO } from "../io";
import { parseOptions } from "../options";

const optionsSchema = z
  .object({
    round: z.string().trim().min(1, "give the round id"),
    mix: z.string().optional(),
    clear: z.boolean().optional(),
  })
  .refine((o) => (o.mix === undefined) !== !o.clear, {
    path: ["mix"],
    message: "give the intended mix (e.g. --mix retail:60,social:40) or --clear to remove it: one of the two, not both and not neither",
  });

/** Records a round's intended mix (the strategy anchor), or removes it; prints the mix as the report carries it. */
export async function roundStrategyCommand(io: CliIO, rawOptions: unknown) {
  const options = parseOptions(optionsSchema, rawOptions);
  const { db } = await io.database();
  const found = await findRound(db, options.round);
  if (!found) throw new CliError(`--round: no round with id "${options.round}"`);
  const { modelIds } = getInstrument(found.round.instrumentId, found.round.instrumentVersion);
  let mix = null;
  if (options.mix !== undefined) {
    const parsed = parseStrategyText(options.mix, modelIds);
    if (!parsed.success) throw new CliError(`--mix: ${parsed.errors.join("; ")}. Write it as model:points,... with whole points adding up to 100 (models: ${modelIds.join(", ")}).`);
    mix = parsed.mix;
  }
  await saveRoundStrategy(db, found.round.id, mix);
  printJson(io, { roundId: found.round.id, strategy: mix ? strategyShares(mix, modelIds) : null });
  io.stderr(mix ? "The intended mix is recorded; the report compares every level with it.\n" : "The intended mix is removed.\n");
}
