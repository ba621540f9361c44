import { eq } from "drizzle-orm";
import { z } from "zod";
import { organisations } from "~db/schema";
import { emailSchema, passwordSchema, personNameSchema, roleSchema } from "~/domain/access/users";
import { createUser, DuplicateEmailError, findUserByEmail, setPassword } from "~/models/users.server";
import { hashPassword } from "~/utils/password.server";
import { CliError, printJson, type CliIO } from "../io";
import { parseOptions } from "../options";

/** The password comes from MODELGAP_PASSWORD or standard input, never a flag (flags end up in shell history and `ps`). */
async function readPassword(io: CliIO): Promise<string> {
  const fromEnv = io.env.MODELGAP_PASSWORD;
  const raw = fromEnv ?? (await io.stdin()).replace(/\r?\n$/, "");
  if (!raw) throw new CliError("no password given: set MODELGAP_PASSWORD or pipe it on standard input (echo ... | npm run modelgap -- user create ...)");
  const parsed = passwordSchema.safeParse(raw);
  if (!parsed.success) throw new CliError(`password: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

const createSchema = z.object({
  email: emailSchema,
  role: roleSchema,
  name: personNameSchema.optional(),
  org: z.array(z.string().trim().min(1)).default([]),
});

export async function userCreateCommand(io: CliIO, rawOptions: unknown) {
  const options = parseOptions(createSchema, rawOptions);
  if (options.role === "admin" && options.org.length > 0) io.stderr("note: admins see every organisation; --org is not needed for them.\n");
  const password = await readPassword(io);
  const { db } = io.database();
  const organisationIds = options.org.map((name) => {
    const found = db.select().from(organisations).where(eq(organisations.name, name)).get();
    if (!found) {
      const known = db.select({ name: organisations.name }).from(organisations).all().map((o) => o.name);
      throw new CliError(`--org: no organisation named "${name}"${known.length ? ` (known: ${known.join(", ")})` : ""}; create it with \`round create\` or in the app first`);
    }
    return found.id;
  });
  try {
    const user = createUser(db, { email: options.email, name: options.name, role: options.role, passwordHash: await hashPassword(password), organisationIds });
    printJson(io, { userId: user.id, email: user.email, role: user.role, organisations: options.org });
  } catch (error) {
    if (error instanceof DuplicateEmailError) throw new CliError(`--email: ${error.message}`);
    throw error;
  }
}

export async function userPasswordCommand(io: CliIO, rawOptions: unknown) {
  const options = parseOptions(z.object({ email: emailSchema }), rawOptions);
  const password = await readPassword(io);
  const { db } = io.database();
  const user = findUserByEmail(db, options.email);
  if (!user) throw new CliError(`--email: no user with the email ${options.email}`);
  setPassword(db, user.id, await hashPassword(password));
  printJson(io, { userId: user.id, email: user.email, passwordChanged: true });
}
