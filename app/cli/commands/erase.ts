import { z } from "zod";
import { compactDatabase } from "~db/erasure";
import { eraseOrganisation, eraseRound, organisationErasureSummary, roundErasureSummary, type ErasureSummary } from "~/models/erasure.server";
import { CliError, printJson, type CliIO } from "../io";
import { parseOptions } from "../options";

const flags = { yes: z.boolean().optional(), compact: z.boolean().optional() };
const roundSchema = z.object({ round: z.string().trim().min(1, "give the round id"), ...flags });
const organisationSchema = z.object({ id: z.string().trim().min(1, "give the organisation id"), ...flags });

/** Without --yes, says what would go and deletes nothing; with it, erases (then, with --compact, rebuilds the file) and prints what went. */
function erase(io: CliIO, summary: ErasureSummary | undefined, missing: string, options: { yes?: boolean; compact?: boolean }, run: () => ErasureSummary | undefined) {
  if (!summary) throw new CliError(missing);
  if (!options.yes) {
    printJson(io, { deleted: false, wouldDelete: summary });
    io.stderr("Nothing was deleted. Run again with --yes to delete all of the above for good.\n");
    return;
  }
  const erased = run()!;
  if (options.compact) compactDatabase(io.database().db);
  printJson(io, { deleted: true, compacted: options.compact === true, ...erased });
}

export function roundDeleteCommand(io: CliIO, rawOptions: unknown) {
  const options = parseOptions(roundSchema, rawOptions);
  const { db } = io.database();
  erase(io, roundErasureSummary(db, options.round), `--round: no round with id "${options.round}"`, options, () => eraseRound(db, options.round));
}

export function organisationDeleteCommand(io: CliIO, rawOptions: unknown) {
  const options = parseOptions(organisationSchema, rawOptions);
  const { db } = io.database();
  erase(io, organisationErasureSummary(db, options.id), `--id: no organisation with id "${options.id}"`, options, () => eraseOrganisation(db, options.id));
}
