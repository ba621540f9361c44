import Database from "better-sqlite3";
import type { DatabaseHandle } from "~db/client";
import { buildRoundReport } from "~/models/reports.server";
import { median, round1, timeRuns, timeRunsAsync } from "./stats";

/**
 * The full report (every level's profiles, 1,000 bootstrap resamples, all
 * patterns, notes, comments) against a raw better-sqlite3 scan of the same
 * stored rows, in the same process and run. The scan opens the file itself:
 * the baseline is the driver alone, without the app's connections or queue.
 */
export async function measureReportSpeed(database: DatabaseHandle, roundId: string) {
  if (!database.path) throw new Error("The report benchmark runs on SQLite: its baseline is a raw better-sqlite3 scan of the file.");
  const raw = new Database(database.path, { readonly: true });
  try {
    const scan = raw.prepare("SELECT * FROM responses WHERE round_id = ? AND status = 'submitted'");
    const rows = (scan.all(roundId) as unknown[]).length;
    const rawScanMs = median(timeRuns(() => scan.all(roundId), 15));
    const reportMs = median(await timeRunsAsync(() => buildRoundReport(database.db, roundId), 9));
    return { rows, rawScanMs: round1(rawScanMs), reportMs: round1(reportMs), ratio: round1(reportMs / rawScanMs) };
  } finally {
    raw.close();
  }
}
