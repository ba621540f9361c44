import { existsSync } from "node:fs";
import { Worker } from "node:worker_threads";
import type { DatabaseLocation } from "~db/client";
import type { ComputedRound, ReportComputer } from "~/models/reports.server";
import type { ReportRequest } from "./report-worker";

/** The worker's heap limit: a report that needs more fails on its own, with a message, and the server stays up. */
export const REPORT_WORKER_HEAP_MB = 256;

/**
 * Reports computed in a worker thread (one at a time; the model layer queues them), started on first use
 * and started again if it ever dies. Without a built worker (development), reports are computed in the
 * server's own thread, in yielding steps. The worker opens the server's database: the same SQLite file,
 * or the same PostgreSQL URL.
 */
export function workerReportComputer(workerFile: string, database: DatabaseLocation): ReportComputer | undefined {
  if (!existsSync(workerFile)) return undefined;
  let worker: Worker | undefined;
  let next = 0;
  const waiting = new Map<number, { resolve: (value: ComputedRound | undefined) => void; reject: (error: Error) => void }>();
  const start = () => {
    const created = new Worker(workerFile, { resourceLimits: { maxOldGenerationSizeMb: REPORT_WORKER_HEAP_MB } });
    created.on("message", (message: { id: number; computed?: ComputedRound; error?: string }) => {
      const call = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.error !== undefined) call?.reject(new Error(message.error));
      else call?.resolve(message.computed);
    });
    created.on("error", (error) => {
      for (const call of waiting.values()) call.reject(new ReportTooLargeError(error.message));
      waiting.clear();
    });
    created.on("exit", () => {
      if (worker === created) worker = undefined;
    });
    // An idle worker never keeps the process alive (tests, shutdown).
    created.unref();
    return created;
  };
  return (_db, roundId) =>
    new Promise((resolve, reject) => {
      worker ??= start();
      const id = next++;
      waiting.set(id, { resolve, reject });
      const request: ReportRequest = { id, database, roundId };
      worker.postMessage(request);
    });
}

/** The worker could not compute the report (it ran out of memory, or failed). */
export class ReportTooLargeError extends Error {
  override name = "ReportTooLargeError";
}
