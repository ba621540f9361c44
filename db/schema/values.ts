/**
 * The enumerations both dialects' schemas share, kept apart from either so the SQLite and PostgreSQL tables
 * type their columns with the very same lists.
 */

/** Who made an organisation: the CLI (or demo seed), an admin, or a facilitator in their own workspace. */
export const ORGANISATION_ORIGINS = ["cli", "admin", "facilitator"] as const;
export type OrganisationOrigin = (typeof ORGANISATION_ORIGINS)[number];

export const ROUND_STATUSES = ["draft", "open", "closed"] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/** A level is a group of staff, or the round's customers (key "customers", reserved). */
export const LEVEL_KINDS = ["staff", "customers"] as const;
export type LevelKind = (typeof LEVEL_KINDS)[number];

export const MESSAGE_KINDS = ["invitation", "reminder"] as const;
export const MESSAGE_STATUSES = ["queued", "sending", "sent", "failed"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** held: submitted during a refused burst on its open link; kept, but counted nowhere until a facilitator counts it in. */
export const RESPONSE_STATUSES = ["draft", "submitted", "held"] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];

export const ROLES = ["admin", "facilitator", "consultant"] as const;
export type Role = (typeof ROLES)[number];
