import type { AppDatabase } from "~db/client";
import type { ReportComputer } from "~/models/reports.server";
import type { AppConfig } from "~/utils/config.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    db: AppDatabase;
    config: AppConfig;
    /** The peer's address, for rate limits (no proxy headers are trusted). */
    clientAddress: string;
    /** This response's Content-Security-Policy nonce, for Remix's inline scripts. */
    cspNonce?: string;
    /** Computes reports off the event loop when the server has a worker for it. */
    computeReport?: ReportComputer;
    /** Static HTML a loader rendered for this response (report page islands), for entry.server to place. */
    islands?: Record<string, string>;
  }
}

export {};
