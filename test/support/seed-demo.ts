/**
 * Seeds the demo into a database given on the command line, in a process of its own, so a test running on one
 * dialect can make data on the other: `tsx test/support/seed-demo.ts <sqlite file>` (DATABASE_URL unset) prints
 * the demo's round ids as JSON.
 */
import { openDatabase } from "~db/client";
import { seedDemo } from "~db/seed";

const [location] = process.argv.slice(2);
if (!location) throw new Error("usage: tsx test/support/seed-demo.ts <sqlite file | postgres url>");
const handle = await openDatabase(/^postgres(ql)?:/.test(location) ? { url: location } : { path: location });
try {
  const rounds = await seedDemo(handle.db, { now: new Date(Date.UTC(2027, 2, 1)) });
  process.stdout.write(`${JSON.stringify(rounds)}\n`);
} finally {
  await handle.close();
}
