import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { Answers } from "../../app/domain/instrument/answers";
import type { CustomerScores } from "../../app/domain/instrument/customer-scoring";
import type { Profile } from "../../app/domain/statistics/profiles";
import { LEVEL_KINDS, MESSAGE_KINDS, MESSAGE_STATUSES, ORGANISATION_ORIGINS, RESPONSE_STATUSES, ROLES, ROUND_STATUSES } from "./values";

export * from "./values";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .$defaultFn(() => new Date());

/**
 * Names are not unique across the database: two facilitators' workspaces may
 * each hold a "Northwind Retail". Within what one person sees, names are unique
 * case-insensitively (checked when creating), and `round create --org` reuses by
 * name only what the CLI or an admin made, so nobody gains a round by
 * pre-creating a name.
 */
export const organisations = sqliteTable("organisations", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  origin: text("origin", { enum: ORGANISATION_ORIGINS }).notNull().default("cli"),
  /** The account that created it (null: the CLI or the demo seed); kept as a plain id so removing a user never blocks. */
  createdBy: text("created_by"),
  createdAt: createdAt(),
});

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
    /** The customer questionnaire the round's customers answer; null when the round does not ask its customers. */
    customerInstrumentId: text("customer_instrument_id"),
    customerInstrumentVersion: integer("customer_instrument_version"),
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

/**
 * A level is a group of staff, or the round's customers: customers are one more level (key "customers",
 * reserved), so their open link, personal invitations, release steps, exclusions and erasure are the
 * levels' own, with no path of their own. They answer the customer questionnaire and are reported apart.
 */
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
    kind: text("kind", { enum: LEVEL_KINDS }).notNull().default("staff"),
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
    /** Set at submit; the only trace of an invitation's answer (no time, no link to the response). Never shown per person. */
    answered: integer("answered", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("invitations_round_email_idx").on(t.roundId, t.email)],
);

/**
 * The app's outgoing mail, one row per message to one invitee: a durable queue
 * (queued in the same transaction as the invitations or reminder request,
 * delivered after commit) and the record of what was sent or failed. Staff see
 * counts of it per level, never rows.
 */
export const invitationMessages = sqliteTable(
  "invitation_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    invitationId: integer("invitation_id")
      .notNull()
      .references(() => invitations.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: MESSAGE_KINDS }).notNull(),
    status: text("status", { enum: MESSAGE_STATUSES }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    /** When a sender took the message; a claim this old is taken again (the sender died mid-send). */
    claimedAt: integer("claimed_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("invitation_messages_round_status_idx").on(t.roundId, t.status), index("invitation_messages_invitation_idx").on(t.invitationId)],
);

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
    /** The invitation a draft came from; cleared at submit, so a submitted response cannot be traced to a person. */
    invitationId: integer("invitation_id")
      .unique()
      .references(() => invitations.id, { onDelete: "set null" }),
    /** The browser a draft belongs to: the token lives in that browser's cookie (open links and personal links alike). */
    resumeToken: text("resume_token").unique(),
    source: text("source", { enum: ["web", "import"] }).notNull().default("web"),
    status: text("status", { enum: RESPONSE_STATUSES }).notNull().default("draft"),
    answers: text("answers", { mode: "json" }).$type<Answers>().notNull().default(sql`'{}'`),
    currentPage: integer("current_page").notNull().default(0),
    /** Counts saves of a draft, so a background save that arrives late never overwrites newer answers. */
    revision: integer("revision").notNull().default(0),
    explicit: text("explicit", { mode: "json" }).$type<Profile>(),
    desired: text("desired", { mode: "json" }).$type<Profile>(),
    /** Version 2: the belief statements' profile and intensities. */
    said: text("said", { mode: "json" }).$type<Profile>(),
    saidIntensities: text("said_intensities", { mode: "json" }).$type<Profile>(),
    implicit: text("implicit", { mode: "json" }).$type<Profile>(),
    intensities: text("intensities", { mode: "json" }).$type<Profile>(),
    facetProfiles: text("facet_profiles", { mode: "json" }).$type<Record<string, Profile | null>>(),
    dontKnow: text("dont_know", { mode: "json" }).$type<Record<string, number>>(),
    /** A customer's experienced and wanted profiles and likelihood to recommend (customer levels only; staff columns stay null). */
    customerScores: text("customer_scores", { mode: "json" }).$type<CustomerScores>(),
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
      sql`${t.status} = 'draft' OR (${t.submittedAt} IS NOT NULL AND ((${t.explicit} IS NOT NULL AND ${t.desired} IS NOT NULL) OR ${t.customerScores} IS NOT NULL))`,
    ),
  ],
);

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

/**
 * Responses a facilitator excluded from the report by their arrival time (a
 * stuffed burst): submitted at or after `from` and before `to`. Removing an
 * exclusion keeps its row (removedAt), so every past state of the report can
 * be reconstructed and no change can be made that moves a figure by fewer than
 * the minimum group against any of them.
 */
export const exclusions = sqliteTable(
  "exclusions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    fromAt: integer("from_at", { mode: "timestamp_ms" }).notNull(),
    toAt: integer("to_at", { mode: "timestamp_ms" }).notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    removedBy: text("removed_by").references(() => users.id, { onDelete: "set null" }),
    removedAt: integer("removed_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("exclusions_round_idx").on(t.roundId), check("exclusions_window_check", sql`${t.fromAt} < ${t.toAt}`)],
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

/**
 * Rate-limit counters shared by every app instance on this database: one fixed
 * window per key, starting at its first hit. Keys are keyed hashes (no address
 * or email in clear).
 */
export const rateLimits = sqliteTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    hits: integer("hits").notNull(),
    resetAt: integer("reset_at").notNull(),
  },
  (t) => [index("rate_limits_reset_idx").on(t.resetAt)],
);

/** Requests an open link refused, per level, minute and (hashed) client address: what the facilitator sees as refused bursts. */
export const openLinkRefusals = sqliteTable(
  "open_link_refusals",
  {
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    levelId: integer("level_id")
      .notNull()
      .references(() => levels.id, { onDelete: "cascade" }),
    /** The minute the refusals fell in (epoch ms, floored to the minute). */
    minute: integer("minute").notNull(),
    /** HMAC of the client address with the session secret: tells addresses apart without storing them. */
    addressHash: text("address_hash").notNull(),
    refused: integer("refused").notNull(),
  },
  (t) => [primaryKey({ columns: [t.levelId, t.minute, t.addressHash] }), index("open_link_refusals_round_idx").on(t.roundId)],
);

/**
 * Which responses an open link's accepted requests created or submitted, per
 * level and (hashed) client address, kept for an hour: when that address is
 * then refused a burst, what it got through just before is held out of the report.
 */
export const openLinkArrivals = sqliteTable(
  "open_link_arrivals",
  {
    responseId: integer("response_id")
      .primaryKey()
      .references(() => responses.id, { onDelete: "cascade" }),
    levelId: integer("level_id")
      .notNull()
      .references(() => levels.id, { onDelete: "cascade" }),
    addressHash: text("address_hash").notNull(),
    /** By the limiter's clock (epoch ms). */
    at: integer("at").notNull(),
  },
  (t) => [index("open_link_arrivals_source_idx").on(t.levelId, t.addressHash, t.at)],
);

/** One row, rewritten by every health check: proof that the database takes writes. */
export const heartbeat = sqliteTable("heartbeat", {
  id: integer("id").primaryKey(),
  beatAt: integer("beat_at").notNull(),
});
