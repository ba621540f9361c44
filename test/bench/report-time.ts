/**
 * Times a round's full report (uncached) in a process of its own, on whichever database the environment names
 * (DATABASE_URL or DATABASE_PATH), and prints { medianMs }: the databases bench runs it once per database.
 */
import { openDatabase } from "~db/client";
import { buildRoundReport } from "~/models/reports.server";
import { median, round1, timeRunsAsync } from "./stats";

const [roundId] = process.argv.slice(2);
if (!roundId) throw new Error("usage: tsx test/bench/report-time.ts <roundId>");
const url = process.env.DATABASE_URL;
const handle = await openDatabase(url ? { url } : { path: process.env.DATABASE_PATH! });
try {
  const runs = await timeRunsAsync(() => buildRoundReport(handle.db, roundId), 7);
  process.stdout.write(`${JSON.stringify({ medianMs: round1(median(runs)) })}\n`);
} finally {
  await handle.close();
}
