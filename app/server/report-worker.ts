/**
 * Computes gap reports off the server's event loop (built to build/report-worker.js). It opens the
 * database itself (SQLite in WAL lets it read while the server writes; on PostgreSQL it has a pool of its
 * own) and answers each request with the computed report, so a round of hundreds of thousands of responses
 * neither stalls other requests nor, should it outgrow the worker's memory limit, takes the server down with it.
 */
import { parentPort } from "node:worker_threads";
import { openDatabase, type DatabaseHandle, type DatabaseLocation } from "~db/client";
import { computeRoundReport } from "~/models/reports.server";

export interface ReportRequest {
  id: number;
  /** The server's own database: its SQLite file or its PostgreSQL URL. */
  database: DatabaseLocation;
  roundId: string;
}

let opened: { key: string; handle: Promise<DatabaseHandle> } | undefined;

/** The promise is kept, so requests that arrive while the database opens share the one handle. */
function databaseAt(location: DatabaseLocation): Promise<DatabaseHandle> {
  const key = JSON.stringify(location);
  if (opened?.key !== key) {
    const previous = opened?.handle;
    const handle = (async () => {
      await previous?.then((database) => database.close()).catch(() => undefined);
      return openDatabase(location);
    })();
    opened = { key, handle };
    // A failed open is tried again by the next request instead of failing every one after it.
    handle.catch(() => {
      if (opened?.handle === handle) opened = undefined;
    });
  }
  return opened.handle;
}

parentPort!.on("message", async (request: ReportRequest) => {
  try {
    const database = await databaseAt(request.database);
    // No pauses needed here: this thread has nothing else to do.
    const computed = await computeRoundReport(database.db, request.roundId);
    parentPort!.postMessage({ id: request.id, computed });
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: (error as Error).message });
  }
});
