import type { DatabaseHandle, Db } from "~db/client";
import type { Arrival } from "~/models/open-links.server";
import type { ReportComputer } from "~/models/reports.server";
import type { AppConfig } from "~/utils/config.server";
import type { Clock } from "~/utils/rate-limit.server";
import type { SignInLimits } from "~/utils/sign-in.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    db: Db;
    /** The whole handle, for the few steps that need more than queries (erasure runs SQLite pragmas around its transaction). */
    database: DatabaseHandle;
    config: AppConfig;
    /** The client's address: the connection's own, or (with TRUST_PROXY) the one the trusted proxies forwarded. */
    clientAddress: string;
    /** This response's Content-Security-Policy nonce, for Remix's inline scripts. */
    cspNonce?: string;
    /** Computes reports off the event loop when the server has a worker for it. */
    computeReport?: ReportComputer;
    /** The clock every limit counts by (injected in tests). */
    clock: Clock;
    /** Per-account sign-in limits, counted inside the sign-in action (the account is in the form). */
    signInLimits: SignInLimits;
    /** Set when the per-address sign-in limit refused this request; the sign-in page says so. */
    signInRefusal?: { retryAfterSeconds: number };
    /** An open-link POST's level, hashed address and time: the response it creates or submits is noted with it. */
    arrival?: Arrival;
    /** Static HTML a loader rendered for this response (report page islands), for entry.server to place. */
    islands?: Record<string, string>;
  }
}

export {};
