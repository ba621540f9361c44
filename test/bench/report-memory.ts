/**
 * Child process of the large-report benchmark: computes one round's report cold, as the server does
 * (yielding between steps), and prints how long it took, the peak heap and array buffers above the
 * starting point, and the longest the event loop was blocked meanwhile.
 * Usage: tsx --expose-gc test/bench/report-memory.ts <database file> <round id>
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { openDatabase } from "~db/client";
import { loadReport } from "~/models/reports.server";

const [databasePath, roundId] = process.argv.slice(2);
const database = await openDatabase({ path: databasePath! });
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = process.memoryUsage();
let peakHeap = before.heapUsed;
let peakBuffers = before.arrayBuffers;
const sample = () => {
  const now = process.memoryUsage();
  peakHeap = Math.max(peakHeap, now.heapUsed);
  peakBuffers = Math.max(peakBuffers, now.arrayBuffers);
};
const sampler = setInterval(sample, 5);
const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();
const started = performance.now();
const report = await loadReport(database.db, roundId!);
const ms = performance.now() - started;
sample();
clearInterval(sampler);
delay.disable();
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
console.log(
  JSON.stringify({
    responses: report!.levels.reduce((sum, l) => sum + l.responses, 0),
    reportMs: Math.round(ms),
    peakHeapMb: mb(peakHeap),
    heapAboveStartMb: mb(peakHeap - before.heapUsed),
    peakArrayBuffersMb: mb(peakBuffers),
    longestEventLoopBlockMs: Math.round(delay.max / 1e6),
  }),
);
await database.close();
