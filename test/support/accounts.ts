import type { Db } from "~db/client";
import type { Role } from "~db/schema";
import { createUser } from "~/models/users.server";
import { hashPassword } from "~/utils/password.server";
import { HttpClient } from "./http";

let counter = 0;

export interface Account {
  id: string;
  email: string;
  password: string;
  role: Role;
}

export async function createAccount(db: Db, role: Role, organisationIds: string[] = []): Promise<Account> {
  const email = `${role}${++counter}-${Date.now()}@example.org`;
  const password = `password-${counter}-long`;
  const user = await createUser(db, { email, role, passwordHash: await hashPassword(password), organisationIds });
  return { id: user.id, email, password, role };
}

/** A browser stand-in signed in as the account (through the real sign-in form). */
export async function signedIn(baseUrl: string, account: Pick<Account, "email" | "password">): Promise<HttpClient> {
  const client = new HttpClient(baseUrl);
  const response = await client.postForm("/login", { email: account.email, password: account.password, redirectTo: "/orgs" });
  if (response.status !== 302) throw new Error(`sign-in failed for ${account.email}: ${response.status}`);
  return client;
}
