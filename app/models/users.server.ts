import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, gt, lte } from "drizzle-orm";
import type { Db } from "~db/client";
import { memberships, organisations, sessions, users, type Role } from "~db/schema";
import { newId } from "~/utils/ids.server";

export type User = typeof users.$inferSelect;

/** The signed-in person, as every guard and page sees them. */
export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  organisationIds: string[];
}

export class DuplicateEmailError extends Error {
  constructor(email: string) {
    super(`a user with the email ${email} already exists`);
  }
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.email, email));
  return user;
}

export async function findUser(db: Db, userId: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  return user;
}

export async function createUser(
  db: Db,
  input: { email: string; name?: string | null; role: Role; passwordHash: string; organisationIds?: string[] },
): Promise<User> {
  return db.transaction(async (tx) => {
    if (await findUserByEmail(tx, input.email)) throw new DuplicateEmailError(input.email);
    const [user] = await tx
      .insert(users)
      .values({ id: newId(), email: input.email, name: input.name || null, role: input.role, passwordHash: input.passwordHash })
      .returning();
    for (const organisationId of input.organisationIds ?? []) await tx.insert(memberships).values({ userId: user!.id, organisationId });
    return user!;
  });
}

export async function organisationIdsOf(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: memberships.organisationId })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.organisationId));
  return rows.map((row) => row.id);
}

export async function toSessionUser(db: Db, user: User): Promise<SessionUser> {
  return { id: user.id, email: user.email, name: user.name, role: user.role, organisationIds: await organisationIdsOf(db, user.id) };
}

export async function listUsers(db: Db) {
  const all = await db.select().from(users).orderBy(asc(users.email));
  const links = await db
    .select({ userId: memberships.userId, id: organisations.id, name: organisations.name })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .orderBy(asc(organisations.name), asc(organisations.createdAt), asc(organisations.id));
  return all.map(({ passwordHash: _omit, ...user }) => ({
    ...user,
    organisations: links.filter((l) => l.userId === user.id).map(({ id, name }) => ({ id, name })),
  }));
}

/** A new password ends every session of that user: whoever knew the old one is signed out. */
export async function setPassword(db: Db, userId: string, passwordHash: string, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: now }).where(eq(users.id, userId));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
  });
}

export async function setMemberships(db: Db, userId: string, organisationIds: string[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(memberships).where(eq(memberships.userId, userId));
    for (const organisationId of new Set(organisationIds)) await tx.insert(memberships).values({ userId, organisationId });
  });
}

export async function addMembership(db: Db, userId: string, organisationId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(memberships).values({ userId, organisationId }).onConflictDoNothing();
  });
}

export async function setRole(db: Db, userId: string, role: Role): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ role }).where(eq(users.id, userId));
  });
}

const hashId = (id: string) => createHash("sha256").update(id).digest("base64url");

/** Starts a session: returns the random id for the cookie (256 bits); only its hash is stored. */
export async function createSession(db: Db, userId: string, expiresAt: Date): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await db.transaction(async (tx) => {
    await tx.insert(sessions).values({ idHash: hashId(id), userId, expiresAt });
  });
  return id;
}

export async function readSession(db: Db, id: string, now = new Date()): Promise<string | undefined> {
  const [session] = await db
    .select({ userId: sessions.userId })
    .from(sessions)
    .where(and(eq(sessions.idHash, hashId(id)), gt(sessions.expiresAt, now)));
  return session?.userId;
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.idHash, hashId(id)));
  });
}

export async function deleteExpiredSessions(db: Db, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(lte(sessions.expiresAt, now));
  });
}
