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

export function findUserByEmail(db: Db, email: string): User | undefined {
  return db.select().from(users).where(eq(users.email, email)).get();
}

export function findUser(db: Db, userId: string): User | undefined {
  return db.select().from(users).where(eq(users.id, userId)).get();
}

export function createUser(
  db: Db,
  input: { email: string; name?: string | null; role: Role; passwordHash: string; organisationIds?: string[] },
): User {
  return db.transaction(
    (tx) => {
      if (findUserByEmail(tx, input.email)) throw new DuplicateEmailError(input.email);
      const user = tx
        .insert(users)
        .values({ id: newId(), email: input.email, name: input.name || null, role: input.role, passwordHash: input.passwordHash })
        .returning()
        .get();
      for (const organisationId of input.organisationIds ?? []) tx.insert(memberships).values({ userId: user.id, organisationId }).run();
      return user;
    },
    { behavior: "immediate" },
  );
}

export function organisationIdsOf(db: Db, userId: string): string[] {
  return db
    .select({ id: memberships.organisationId })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .all()
    .map((row) => row.id);
}

export function toSessionUser(db: Db, user: User): SessionUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role, organisationIds: organisationIdsOf(db, user.id) };
}

export function listUsers(db: Db) {
  const all = db.select().from(users).orderBy(asc(users.email)).all();
  const links = db
    .select({ userId: memberships.userId, id: organisations.id, name: organisations.name })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .orderBy(asc(organisations.name))
    .all();
  return all.map(({ passwordHash: _omit, ...user }) => ({
    ...user,
    organisations: links.filter((l) => l.userId === user.id).map(({ id, name }) => ({ id, name })),
  }));
}

/** A new password ends every session of that user: whoever knew the old one is signed out. */
export function setPassword(db: Db, userId: string, passwordHash: string, now = new Date()): void {
  db.transaction((tx) => {
    tx.update(users).set({ passwordHash, passwordChangedAt: now }).where(eq(users.id, userId)).run();
    tx.delete(sessions).where(eq(sessions.userId, userId)).run();
  }, { behavior: "immediate" });
}

export function setMemberships(db: Db, userId: string, organisationIds: string[]): void {
  db.transaction((tx) => {
    tx.delete(memberships).where(eq(memberships.userId, userId)).run();
    for (const organisationId of new Set(organisationIds)) tx.insert(memberships).values({ userId, organisationId }).run();
  }, { behavior: "immediate" });
}

export function addMembership(db: Db, userId: string, organisationId: string): void {
  db.insert(memberships).values({ userId, organisationId }).onConflictDoNothing().run();
}

export function setRole(db: Db, userId: string, role: Role): void {
  db.update(users).set({ role }).where(eq(users.id, userId)).run();
}

const hashId = (id: string) => createHash("sha256").update(id).digest("base64url");

/** Starts a session: returns the random id for the cookie (256 bits); only its hash is stored. */
export function createSession(db: Db, userId: string, expiresAt: Date): string {
  const id = randomBytes(32).toString("base64url");
  db.insert(sessions).values({ idHash: hashId(id), userId, expiresAt }).run();
  return id;
}

export function readSession(db: Db, id: string, now = new Date()): string | undefined {
  return db
    .select({ userId: sessions.userId })
    .from(sessions)
    .where(and(eq(sessions.idHash, hashId(id)), gt(sessions.expiresAt, now)))
    .get()?.userId;
}

export function deleteSession(db: Db, id: string): void {
  db.delete(sessions).where(eq(sessions.idHash, hashId(id))).run();
}

export function deleteExpiredSessions(db: Db, now = new Date()): void {
  db.delete(sessions).where(lte(sessions.expiresAt, now)).run();
}

