/**
 * `npm run bench`: figures and ratios, each against a baseline measured in the
 * same run, printed as tables and written to bench/results.json.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "~db/client";
import { createUser } from "~/models/users.server";
import { hashPassword } from "~/utils/password.server";
import { completeAnswers, createTestRound } from "../support/factories";
import { HttpClient } from "../support/http";
import { freePort, startAppProcess } from "../support/process";
import { UNLIMITED_OPEN_LINKS } from "../support/server";
import { benchRound } from "./fixture";
import { load, type LoadResult } from "./http-load";
import { rssMb } from "./memory";
import { measureLargeReport, type LargeReportResult } from "./large-report";
import { measureReportSpeed } from "./report-speed";
import { measureDatabases } from "./databases";
import { printDatabaseFigures } from "./databases-print";

const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = [20, 50, 100];
/** Rounds whose report must stay within bounded memory and never stall the server (issue 11). */
const LARGE = (process.env.BENCH_LARGE ?? "10000,100000,200000").split(",").filter(Boolean).map(Number);
const ratio = (value: number, base: number) => Math.round((value / base) * 100) / 100;

async function main() {
  if (!existsSync("build/server/index.js")) throw new Error("Build first: npm run build (npm run bench does it for you).");
  const dir = mkdtempSync(join(tmpdir(), "modelgap-bench-"));
  const databasePath = join(dir, "bench.db");
  console.log(`Generating ${RESPONSES.toLocaleString("en-GB")} responses over six levels in ${databasePath}...`);
  const database = await openDatabase({ path: databasePath });
  const { round } = await benchRound(database.db, RESPONSES);
  const loadRound = await createTestRound(database.db, { organisationName: "Load test", name: "Workshop" });
  const password = "bench-password-123";
  const passwordHash = await hashPassword(password);
  await createUser(database.db, { email: "bench@example.org", role: "consultant", passwordHash, organisationIds: [round.organisationId] });

  const report = await measureReportSpeed(database, round.id);
  await database.close();

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // The load comes from one address: the open-link limits would (rightly) refuse it.
  const app = startAppProcess({ DATABASE_PATH: databasePath, PORT: String(port), HOST: "127.0.0.1", MODELGAP_DEMO: "off", SESSION_SECRET: "bench-secret-0123456789abcdefghijklmn", ...UNLIMITED_OPEN_LINKS });
  const reads: LoadResult[] = [];
  const writes: { connections: number; barePage: LoadResult; bareAction: LoadResult; submissions: LoadResult; autosave: LoadResult }[] = [];
  const memory: { phase: string; rssMb: number }[] = [];
  try {
    await app.waitFor(/ModelGap is running/);
    const pid = app.child.pid!;
    memory.push({ phase: "started", rssMb: rssMb(pid) });
    const consultant = new HttpClient(base);
    await consultant.postForm("/login", { email: "bench@example.org", password });
    const signedIn = { cookie: consultant.cookieHeader() };

    console.log("Reads...");
    reads.push(await load("bare Remix page (GET /login)", { url: `${base}/login`, connections: 10, seconds: SECONDS }));
    reads.push(await load("report.json, 10,000 responses", { url: `${base}/rounds/${round.id}/report.json`, connections: 10, seconds: SECONDS, headers: signedIn }));
    reads.push(await load("report page, 10,000 responses", { url: `${base}/rounds/${round.id}/report`, connections: 10, seconds: SECONDS, headers: signedIn }));

    console.log("Writes...");
    const token = loadRound.levels[0]!.linkToken;
    const json = { "content-type": "application/json", origin: base };
    const submission = JSON.stringify({ answers: completeAnswers(1) });
    // Respondents who have started, each with a browser cookie of its own, for autosave.
    const respondents = await Promise.all(
      Array.from({ length: 100 }, async () => {
        const client = new HttpClient(base);
        await client.postForm(`/r/${token}`);
        return client.cookieHeader();
      }),
    );
    let next = 0;
    const draft = JSON.stringify({ answers: { alloc_now: { retail: 60, relationship: 40 }, ka_p1: 4 }, page: 2 });
    for (const connections of CONCURRENCY) {
      writes.push({
        connections,
        // Two baselines, no database work in either: a Remix page render, and a Remix action answering with a redirect.
        barePage: await load("bare Remix page (GET /login)", { url: `${base}/login`, connections, seconds: SECONDS }),
        bareAction: await load("bare Remix action (POST /logout)", { url: `${base}/logout`, method: "POST", headers: { origin: base }, connections, seconds: SECONDS, expectedStatus: 302 }),
        submissions: await load("submission (POST /r/:token/survey)", { url: `${base}/r/${token}/survey`, method: "POST", headers: json, body: submission, connections, seconds: SECONDS, expectedStatus: 302 }),
        autosave: await load("autosave (POST /r/:token/save)", {
          url: `${base}/r/${token}/save`,
          method: "POST",
          headers: json,
          body: draft,
          connections,
          seconds: SECONDS,
          setupRequest: (request) => ({ ...request, headers: { ...request.headers, cookie: respondents[next++ % respondents.length]! } }),
        }),
      });
    }

    console.log("Memory: 10,000 submissions, then 1,000 report renders...");
    await load("10,000 submissions", { url: `${base}/r/${token}/survey`, method: "POST", headers: json, body: submission, connections: 20, amount: 10_000, expectedStatus: 302 });
    memory.push({ phase: "after 10,000 more submissions", rssMb: rssMb(pid) });
    for (let renders = 250; renders <= 1000; renders += 250) {
      await load("report renders", { url: `${base}/rounds/${round.id}/report`, connections: 4, amount: 250, headers: signedIn });
      memory.push({ phase: `after ${renders} report renders`, rssMb: rssMb(pid) });
    }
  } finally {
    app.child.kill("SIGTERM");
    await app.exited;
    rmSync(dir, { recursive: true, force: true });
  }

  console.log(`\nReport of ${report.rows.toLocaleString("en-GB")} responses, six levels, 1,000 resamples`);
  console.table([
    { measure: "raw better-sqlite3 scan (baseline)", "median ms": report.rawScanMs },
    { measure: "full report, bootstrap included", "median ms": report.reportMs, "x baseline": report.ratio, goal: "< 250 ms and < 5x" },
  ]);
  const bareRead = reads[0]!.requestsPerSecond;
  console.log("\nReads over HTTP, 10 connections (the report is cached until its data changes)");
  console.table(reads.map((r) => ({ endpoint: r.name, "req/s": r.requestsPerSecond, "p50 ms": r.p50Ms, "p99 ms": r.p99Ms, "x bare": ratio(r.requestsPerSecond, bareRead), unexpected: r.unexpected, errors: r.errors })));
  console.log("\nWrites over HTTP (goal: submissions at 0.5x a bare route or more, p99 under 250 ms at 20 connections)");
  console.table(
    writes.flatMap(({ connections, barePage, bareAction, submissions, autosave }) =>
      [barePage, bareAction, submissions, autosave].map((r) => ({
        connections,
        endpoint: r.name,
        "req/s": r.requestsPerSecond,
        "p50 ms": r.p50Ms,
        "p99 ms": r.p99Ms,
        "x bare page": ratio(r.requestsPerSecond, barePage.requestsPerSecond),
        "x bare action": ratio(r.requestsPerSecond, bareAction.requestsPerSecond),
        unexpected: r.unexpected,
        errors: r.errors,
      })),
    ),
  );
  console.log("\nServer memory (goal: under 250 MB, flat)");
  console.table(memory);

  const large: LargeReportResult[] = [];
  for (const total of LARGE) {
    console.log(`\nLarge round: ${total.toLocaleString("en-GB")} responses...`);
    large.push(await measureLargeReport(total));
  }
  console.log("\nLarge rounds, report computed cold (goals: peak heap at most 256 MB; health checks answered within 1 s meanwhile)");
  console.table(
    large.map((r) => ({
      responses: r.responses,
      "report ms (in process)": r.inProcess.reportMs,
      "peak heap MB": r.inProcess.peakHeapMb,
      "heap above start MB": r.inProcess.heapAboveStartMb,
      "array buffers MB": r.inProcess.peakArrayBuffersMb,
      "longest loop block ms (in process)": r.inProcess.longestEventLoopBlockMs,
      "report.json ms (server, worker)": r.overHttp.reportMs,
      status: r.overHttp.status,
      "slowest health check ms": r.overHttp.slowestHealthCheckMs,
    })),
  );

  console.log("\nSQLite and PostgreSQL on the same data...");
  const databases = await measureDatabases(RESPONSES, SECONDS);
  printDatabaseFigures(databases);

  mkdirSync("bench", { recursive: true });
  const results = { when: new Date().toISOString(), node: process.version, cpus: cpus().length, responses: RESPONSES, report, reads, writes, memory, large, databases };
  writeFileSync("bench/results.json", `${JSON.stringify(results, null, 2)}\n`);
  console.log("\nWritten to bench/results.json");
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.message}`);
  process.exitCode = 1;
});
