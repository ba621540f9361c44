import { z } from "zod";
import { currentCustomerInstrument, currentInstrument } from "~/domain/instrument/instruments";
import { DEFAULT_MIN_GROUP_SIZE, minGroupSizeSchema, organisationNameSchema, parseLevelList, roundNameSchema } from "~/domain/rounds/rounds";
import { claimOrganisationByName, findOrganisation, type NameClaim } from "~/models/organisations.server";
import { createRound, linkFor } from "~/models/rounds.server";
import { CliError, printJson, quoted, type CliIO } from "../io";
import { parseOptions } from "../options";

const optionsSchema = z
  .object({
    org: organisationNameSchema.optional(),
    orgId: z.string().trim().min(1, "give the organisation's id").optional(),
    name: roundNameSchema,
    levels: z.string(),
    minGroup: minGroupSizeSchema.default(DEFAULT_MIN_GROUP_SIZE),
    json: z.boolean().optional(),
    customers: z.boolean().optional(),
  })
  .refine((options) => (options.org === undefined) !== (options.orgId === undefined), {
    path: ["org"],
    message: "give either --org <name> (created, or reused by name) or --org-id <id> (an existing organisation), not both",
  });

/** Why a name cannot be reused, and what to run instead. */
function refusal(name: string, claim: Extract<NameClaim, { ok: false }>): CliError {
  const ids = claim.candidates.map((organisation) => `--org-id ${organisation.id}`).join(" or ");
  if (claim.reason === "ambiguous") {
    return new CliError(`--org: ${claim.candidates.length} organisations are called ${quoted(name)}; say which with ${ids}, or choose a new name`);
  }
  return new CliError(
    `--org: an organisation called ${quoted(name)} was made by a facilitator, so it is not reused by name. ` +
      `To add this round to it, run again with ${ids}; for a separate organisation, choose another name.`,
  );
}

export async function roundCreateCommand(io: CliIO, rawOptions: unknown) {
  const options = parseOptions(optionsSchema, rawOptions, { minGroup: "--min-group", orgId: "--org-id" });
  const levels = parseLevelList(options.levels);
  if (!levels.success) {
    throw new CliError(`--levels: ${levels.error.issues.map((i) => i.message).join("; ")}. Write them as id:Label,id:Label (e.g. board:Board,front:Front line).`);
  }
  const { db } = await io.database();
  // One transaction: two scripts creating the same new name at once make one organisation, not two.
  const created = await db.transaction(async (tx) => {
    let claim: NameClaim;
    if (options.orgId !== undefined) {
      const organisation = await findOrganisation(tx, options.orgId);
      if (!organisation) throw new CliError(`--org-id: no organisation with id ${quoted(options.orgId)}`);
      claim = { ok: true, organisation, created: false };
    } else {
      claim = await claimOrganisationByName(tx, options.org!);
      if (!claim.ok) throw refusal(options.org!, claim);
    }
    const round = await createRound(tx, {
      organisationId: claim.organisation.id,
      name: options.name,
      levels: levels.data,
      minGroupSize: options.minGroup,
      instrument: { id: currentInstrument.id, version: currentInstrument.version },
      customerInstrument: options.customers ? { id: currentCustomerInstrument.id, version: currentCustomerInstrument.version } : null,
      status: "open",
    });
    return { ...round, organisation: { id: claim.organisation.id, name: claim.organisation.name, created: claim.created } };
  });
  const { baseUrl } = io.config();
  printJson(io, {
    roundId: created.round.id,
    levels: created.levels.map((level) => ({ id: level.key, label: level.label, link: linkFor(baseUrl, level.linkToken) })),
    customerLink: created.customerLevel ? linkFor(baseUrl, created.customerLevel.linkToken) : null,
    organisation: created.organisation,
  });
  if (!options.json) io.stderr(`Round ${quoted(options.name)} is open. Share each level's link with that level${created.customerLevel ? ", and the customer link with customers" : ""}.\n`);
}
