import type { DatabaseHandle } from "~db/client";
import { buildRoundReport } from "~/models/reports.server";
import { median, round1, timeRuns, timeRunsAsync } from "./stats";

/**
 * The full report (every level's profiles, 1,000 bootstrap resamples, all
 * patterns, notes, comments) against a raw better-sqlite3 scan of the same
 * stored rows, in the same process and run.
 */
export async function measureReportSpeed(database: DatabaseHandle, roundId: string) {
  const scan = database.sqlite.prepare("SELECT * FROM responses WHERE round_id = ? AND status = 'submitted'");
  const rows = (scan.all(roundId) as unknown[]).length;
  const rawScanMs = median(timeRuns(() => scan.all(roundId), 15));
  const reportMs = median(await timeRunsAsync(() => buildRoundReport(database.db, roundId), 9));
  return { rows, rawScanMs: round1(rawScanMs), reportMs: round1(reportMs), ratio: round1(reportMs / rawScanMs) };
}
