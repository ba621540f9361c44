import { z } from "zod";
import { compactDatabase } from "~db/erasure";
import { eraseOrganisation, eraseRound, organisationErasureSummary, roundErasureSummary, type ErasureSummary } from "~/models/erasure.server";
import { CliError, printJson, type CliIO } from "../io";
import { parseOptions } from "../options";

const flags = { yes: z.boolean().optional(), compact: z.boolean().optional() };
const roundSchema = z.object({ round: z.string().trim().min(1, "give the round id"), ...flags });
const organisationSchema = z.object({ id: z.string().trim().min(1, "give the organisation id"), ...flags });

/** Without --yes, says what would go and deletes nothing; with it, erases (then, with --compact, rebuilds the file) and prints what went. */
async function erase(
  io: CliIO,
  summary: ErasureSummary | undefined,
  missing: string,
  options: { yes?: boolean; compact?: boolean },
  run: () => Promise<ErasureSummary | undefined>,
) {
  if (!summary) throw new CliError(missing);
  if (!options.yes) {
    printJson(io, { deleted: false, wouldDelete: summary });
    io.stderr("Nothing was deleted. Run again with --yes to delete all of the above for good.\n");
    return;
  }
  const erased = (await run())!;
  if (options.compact) await compactDatabase(await io.database());
  printJson(io, { deleted: true, compacted: options.compact === true, ...erased });
}

export async function roundDeleteCommand(io: CliIO, rawOptions: unknown) {
  const options = parseOptions(roundSchema, rawOptions);
  const database = await io.database();
  const summary = await roundErasureSummary(database.db, options.round);
  await erase(io, summary, `--round: no round with id "${options.round}"`, options, () => eraseRound(database, options.round));
}

export async function organisationDeleteCommand(io: CliIO, rawOptions: unknown) {
  const options = parseOptions(organisationSchema, rawOptions);
  const database = await io.database();
  const summary = await organisationErasureSummary(database.db, options.id);
  await erase(io, summary, `--id: no organisation with id "${options.id}"`, options, () => eraseOrganisation(database, options.id));
}
