import { z } from "zod";
import { eraseOrganisation, eraseRound, organisationErasureSummary, roundErasureSummary, type ErasureSummary } from "~/models/erasure.server";
import { CliError, printJson, type CliIO } from "../io";
import { parseOptions } from "../options";

const roundSchema = z.object({ round: z.string().trim().min(1, "give the round id"), yes: z.boolean().optional() });
const organisationSchema = z.object({ id: z.string().trim().min(1, "give the organisation id"), yes: z.boolean().optional() });

/** Without --yes, says what would go and deletes nothing; with it, erases and prints what went. */
function erase(io: CliIO, summary: ErasureSummary | undefined, missing: string, confirmed: boolean, run: () => ErasureSummary | undefined) {
  if (!summary) throw new CliError(missing);
  if (!confirmed) {
    printJson(io, { deleted: false, wouldDelete: summary });
    io.stderr("Nothing was deleted. Run again with --yes to delete all of the above for good.\n");
    return;
  }
  printJson(io, { deleted: true, ...run()! });
}

export function roundDeleteCommand(io: CliIO, rawOptions: unknown) {
  const options = parseOptions(roundSchema, rawOptions);
  const { db } = io.database();
  erase(io, roundErasureSummary(db, options.round), `--round: no round with id "${options.round}"`, options.yes === true, () => eraseRound(db, options.round));
}

export function organisationDeleteCommand(io: CliIO, rawOptions: unknown) {
  const options = parseOptions(organisationSchema, rawOptions);
  const { db } = io.database();
  erase(io, organisationErasureSummary(db, options.id), `--id: no organisation with id "${options.id}"`, options.yes === true, () => eraseOrganisation(db, options.id));
}
