import { z } from "zod";
import { emailSchema, passwordSchema, personNameSchema, roleSchema } from "~/domain/access/users";
import { findOrganisation, findOrganisationsNamed } from "~/models/organisations.server";
import { createUser, DuplicateEmailError, findUserByEmail, setPassword } from "~/models/users.server";
import { hashPassword, passwordWeakness } from "~/utils/password.server";
import type { Db } from "~db/client";
import { CliError, printJson, quoted, type CliIO } from "../io";
import { parseOptions } from "../options";

/** The password comes from MODELGAP_PASSWORD or standard input, never a flag (flags end up in shell history and `ps`). */
async function readPassword(io: CliIO, person: (string | null | undefined)[]): Promise<string> {
  const fromEnv = io.env.MODELGAP_PASSWORD;
  const raw = fromEnv ?? (await io.stdin()).replace(/\r?\n$/, "");
  if (!raw) throw new CliError("no password given: set MODELGAP_PASSWORD or pipe it on standard input (echo ... | npm run modelgap -- user create ...)");
  const parsed = passwordSchema.safeParse(raw);
  if (!parsed.success) throw new CliError(`password: ${parsed.error.issues[0]!.message}`);
  const weakness = await passwordWeakness(parsed.data, person);
  if (weakness) throw new CliError(`password: ${weakness}`);
  return parsed.data;
}

const createSchema = z.object({
  email: emailSchema,
  role: roleSchema,
  name: personNameSchema.optional(),
  org: z.array(z.string().trim().min(1)).default([]),
  orgId: z.array(z.string().trim().min(1)).default([]),
});

/** --org names and --org-id ids to organisation ids; a name two organisations share must be given by id. */
async function resolveOrganisations(db: Db, names: string[], ids: string[]): Promise<{ id: string; name: string }[]> {
  const resolved: { id: string; name: string }[] = [];
  for (const name of names) {
    const found = await findOrganisationsNamed(db, name);
    if (found.length === 1) {
      resolved.push(found[0]!);
      continue;
    }
    if (found.length > 1) {
      throw new CliError(`--org: ${found.length} organisations are called ${quoted(name)}; give the one you mean with ${found.map((o) => `--org-id ${o.id}`).join(" or ")}`);
    }
    throw new CliError(`--org: no organisation called ${quoted(name)}; create it with \`round create\` or in the app first`);
  }
  for (const id of ids) {
    const found = await findOrganisation(db, id);
    if (!found) throw new CliError(`--org-id: no organisation with id ${quoted(id)}`);
    resolved.push(found);
  }
  return resolved.map(({ id, name }) => ({ id, name }));
}

export async function userCreateCommand(io: CliIO, rawOptions: unknown) {
  const options = parseOptions(createSchema, rawOptions, { orgId: "--org-id" });
  if (options.role === "admin" && options.org.length + options.orgId.length > 0) io.stderr("note: admins see every organisation; --org is not needed for them.\n");
  const { db } = await io.database();
  const organisations = await resolveOrganisations(db, options.org, options.orgId);
  const password = await readPassword(io, [options.email, options.name]);
  try {
    const passwordHash = await hashPassword(password);
    const user = await createUser(db, { email: options.email, name: options.name, role: options.role, passwordHash, organisationIds: organisations.map((o) => o.id) });
    printJson(io, { userId: user.id, email: user.email, role: user.role, organisations: organisations.map((o) => o.name) });
  } catch (error) {
    if (error instanceof DuplicateEmailError) throw new CliError(`--email: ${error.message}`);
    throw error;
  }
}

export async function userPasswordCommand(io: CliIO, rawOptions: unknown) {
  const options = parseOptions(z.object({ email: emailSchema }), rawOptions);
  const { db } = await io.database();
  const user = await findUserByEmail(db, options.email);
  if (!user) throw new CliError(`--email: no user with the email ${options.email}`);
  const password = await readPassword(io, [user.email, user.name]);
  await setPassword(db, user.id, await hashPassword(password));
  printJson(io, { userId: user.id, email: user.email, passwordChanged: true });
}
