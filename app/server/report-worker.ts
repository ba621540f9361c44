/**
 * Computes gap reports off the server's event loop (built to build/report-worker.js). It opens the
 * database itself (SQLite in WAL lets it read while the server writes) and answers each request with the
 * computed report, so a round of hundreds of thousands of responses neither stalls other requests nor,
 * should it outgrow the worker's memory limit, takes the server down with it.
 */
import { parentPort } from "node:worker_threads";
import { openDatabase, type DatabaseHandle } from "~db/client";
import { computeRoundReport } from "~/models/reports.server";

export interface ReportRequest {
  id: number;
  databasePath: string;
  roundId: string;
}

let database: DatabaseHandle | undefined;

parentPort!.on("message", async (request: ReportRequest) => {
  try {
    if (database?.path !== request.databasePath) {
      database?.close();
      database = openDatabase(request.databasePath);
    }
    // No pauses needed here: this thread has nothing else to do.
    const computed = await computeRoundReport(database.db, request.roundId);
    parentPort!.postMessage({ id: request.id, computed });
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: (error as Error).message });
  }
});
