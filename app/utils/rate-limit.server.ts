import { createHmac } from "node:crypto";
import type { ClientRateLimitInfo, Options, Store } from "express-rate-limit";
import type { Db } from "~db/client";
import { clearHits, countHit, deleteExpiredHits, readHits, uncountHit } from "~/models/rate-limits.server";

/** Milliseconds since the epoch; injected so tests can move time instead of waiting. */
export type Clock = () => number;

export interface DatabaseStoreOptions {
  db: Db;
  /** Names this limit's keys ("signin-address"); keys of different limits never collide. */
  prefix: string;
  /** Keys are stored as an HMAC with this secret, so the table holds no address or email in clear. */
  secret: string;
  clock?: Clock;
  /** Needed when the store is used directly; express-rate-limit sets it from its own options. */
  windowMs?: number;
}

/** How often (in counted hits, per process) expired windows are swept from the table. */
const SWEEP_EVERY = 500;
let sinceSweep = 0;

/**
 * express-rate-limit's Store over the database, so every app instance on the
 * same database enforces one limit together. Fixed windows that start at a
 * key's first hit, like express-rate-limit's MemoryStore.
 */
export class DatabaseStore implements Store {
  readonly prefix: string;
  /** Keys live in the database, shared by every instance: not local to this process. */
  readonly localKeys = false;
  windowMs: number;
  private readonly clock: Clock;

  constructor(private readonly options: DatabaseStoreOptions) {
    this.prefix = options.prefix;
    this.clock = options.clock ?? Date.now;
    this.windowMs = options.windowMs ?? 60_000;
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  private stored(key: string): string {
    return `${this.prefix}:${createHmac("sha256", this.options.secret).update(key).digest("base64url").slice(0, 32)}`;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const row = await readHits(this.options.db, this.stored(key), this.clock());
    return row ? { totalHits: row.hits, resetTime: new Date(row.resetAt) } : undefined;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const now = this.clock();
    if (++sinceSweep >= SWEEP_EVERY) {
      sinceSweep = 0;
      await deleteExpiredHits(this.options.db, now);
    }
    const row = await countHit(this.options.db, this.stored(key), this.windowMs, now);
    return { totalHits: row.hits, resetTime: new Date(row.resetAt) };
  }

  async decrement(key: string): Promise<void> {
    await uncountHit(this.options.db, this.stored(key), this.clock());
  }

  async resetKey(key: string): Promise<void> {
    await clearHits(this.options.db, this.stored(key));
  }

  /** Seconds until `resetTime`, by this store's clock (express-rate-limit's own default reads the wall clock). */
  secondsUntil(resetTime: Date | undefined): number {
    return resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - this.clock()) / 1000)) : Math.ceil(this.windowMs / 1000);
  }
}

export type Taken = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * A limit used directly, where the key is known only inside a handler (the
 * account in a sign-in form). `take` counts the attempt before the work it
 * guards, so parallel requests cannot all slip in before the first is counted.
 */
export class Limit {
  constructor(
    readonly store: DatabaseStore,
    readonly limit: number,
  ) {}

  async take(key: string): Promise<Taken> {
    const { totalHits, resetTime } = await this.store.increment(key);
    return totalHits <= this.limit ? { ok: true } : { ok: false, retryAfterSeconds: this.store.secondsUntil(resetTime) };
  }

  /** Returns a taken attempt that should not count (it succeeded, or it was refused elsewhere). */
  async giveBack(key: string): Promise<void> {
    await this.store.decrement(key);
  }

  async clear(key: string): Promise<void> {
    await this.store.resetKey(key);
  }
}

/** Sweeps every expired window (at start-up; the stores also sweep as they go). */
export async function sweepRateLimits(db: Db, now = Date.now()): Promise<void> {
  await deleteExpiredHits(db, now);
}
