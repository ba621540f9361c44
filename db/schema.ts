import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { Answers } from "../app/domain/instrument/answers";
import type { Profile } from "../app/domain/statistics/profiles";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .$defaultFn(() => new Date());

export const organisations = sqliteTable("organisations", {
  id: text("id").primaryKey(),
  name: text("name").notNull().unique(),
  createdAt: createdAt(),
});

export const ROUND_STATUSES = ["draft", "open", "closed"] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

export const rounds = sqliteTable(
  "rounds",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    name: text("name").notNull(),
    instrumentId: text("instrument_id").notNull(),
    instrumentVersion: integer("instrument_version").notNull(),
    status: text("status", { enum: ROUND_STATUSES }).notNull().default("draft"),
    opensAt: integer("opens_at", { mode: "timestamp_ms" }),
    closesAt: integer("closes_at", { mode: "timestamp_ms" }),
    minGroupSize: integer("min_group_size").notNull().default(5),
    welcomeNote: text("welcome_note").notNull().default(""),
    predecessorId: text("predecessor_id"),
    /**
     * The organisation's intended mix for this round (the strategy anchor): whole points per model, summing to
     * 100; null until someone records it. A setting: the report is recomputed when it changes.
     */
    strategy: text("strategy", { mode: "json" }).$type<Record<string, number>>(),
    createdAt: createdAt(),
  },
  (t) => [
    index("rounds_organisation_idx").on(t.organisationId),
    check("rounds_min_group_size_check", sql`${t.minGroupSize} >= 3`),
  ],
);

export const levels = sqliteTable(
  "levels",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    /** The level id of product.md's contracts ("board"), unique within its round. */
    key: text("key").notNull(),
    label: text("label").notNull(),
    position: integer("position").notNull(),
    /** The open link's token: 128 random bits, base64url. */
    linkToken: text("link_token").notNull().unique(),
  },
  (t) => [uniqueIndex("levels_round_key_idx").on(t.roundId, t.key)],
);

export const invitations = sqliteTable(
  "invitations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    levelId: integer("level_id")
      .notNull()
      .references(() => levels.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    name: text("name"),
    token: text("token").notNull().unique(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("invitations_round_email_idx").on(t.roundId, t.email)],
);

export const RESPONSE_STATUSES = ["draft", "submitted"] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];

export const responses = sqliteTable(
  "responses",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    levelId: integer("level_id")
      .notNull()
      .references(() => levels.id, { onDelete: "cascade" }),
    /** One response per invitation. */
    invitationId: integer("invitation_id")
      .unique()
      .references(() => invitations.id, { onDelete: "set null" }),
    /** One response per browser on an open link: the token lives in that browser's cookie. */
    resumeToken: text("resume_token").unique(),
    source: text("source", { enum: ["web", "import"] }).notNull().default("web"),
    status: text("status", { enum: RESPONSE_STATUSES }).notNull().default("draft"),
    answers: text("answers", { mode: "json" }).$type<Answers>().notNull().default(sql`'{}'`),
    currentPage: integer("current_page").notNull().default(0),
    explicit: text("explicit", { mode: "json" }).$type<Profile>(),
    desired: text("desired", { mode: "json" }).$type<Profile>(),
    /** Version 2: the belief statements' profile and intensities. */
    said: text("said", { mode: "json" }).$type<Profile>(),
    saidIntensities: text("said_intensities", { mode: "json" }).$type<Profile>(),
    implicit: text("implicit", { mode: "json" }).$type<Profile>(),
    intensities: text("intensities", { mode: "json" }).$type<Profile>(),
    facetProfiles: text("facet_profiles", { mode: "json" }).$type<Record<string, Profile | null>>(),
    dontKnow: text("dont_know", { mode: "json" }).$type<Record<string, number>>(),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .$defaultFn(() => new Date()),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
    /** The level's release step that put this response into the report's figures; null while pending (see domain/report/release.ts). */
    release: integer("release"),
  },
  (t) => [
    index("responses_round_status_idx").on(t.roundId, t.status),
    index("responses_level_release_idx").on(t.levelId, t.release),
    index("responses_level_idx").on(t.levelId),
    check(
      "responses_submitted_scored_check",
      sql`${t.status} = 'draft' OR (${t.explicit} IS NOT NULL AND ${t.desired} IS NOT NULL AND ${t.submittedAt} IS NOT NULL)`,
    ),
  ],
);

export const ROLES = ["admin", "facilitator", "consultant"] as const;
export type Role = (typeof ROLES)[number];

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  /** Stored lower-cased and trimmed; sign-in compares the same way. */
  email: text("email").notNull().unique(),
  name: text("name"),
  role: text("role", { enum: ROLES }).notNull(),
  /** scrypt$N$r$p$salt$hash (node:crypto, memory-hard). */
  passwordHash: text("password_hash").notNull(),
  createdAt: createdAt(),
  passwordChangedAt: integer("password_changed_at", { mode: "timestamp_ms" }),
});

/** Which organisations a facilitator or consultant may see (admins see all). */
export const memberships = sqliteTable(
  "memberships",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.organisationId] })],
);

/** Server-side sessions: the cookie carries a random id; only its SHA-256 is stored, so a copy of the database opens no session. */
export const sessions = sqliteTable(
  "sessions",
  {
    idHash: text("id_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** A level link that was replaced: it answers with its own page instead of "not recognised". */
export const retiredLinks = sqliteTable("retired_links", {
  token: text("token").primaryKey(),
  levelId: integer("level_id")
    .notNull()
    .references(() => levels.id, { onDelete: "cascade" }),
  retiredAt: integer("retired_at", { mode: "timestamp_ms" }).notNull(),
});

/**
 * A level's release steps (domain/report/release.ts): a step is made when the minimum group of new
 * responses has arrived, and a final one when the round closes. Counts only; the report never shows when.
 */
export const releases = sqliteTable(
  "releases",
  {
    levelId: integer("level_id")
      .notNull()
      .references(() => levels.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    final: integer("final", { mode: "boolean" }).notNull().default(false),
    responses: integer("responses").notNull(),
  },
  (t) => [primaryKey({ columns: [t.levelId, t.seq] })],
);

/** A consultant's note on a finding, keyed by the finding's identity (pattern, levels, model). */
export const findingNotes = sqliteTable(
  "finding_notes",
  {
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    findingKey: text("finding_key").notNull(),
    note: text("note").notNull(),
    updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.findingKey] })],
);
