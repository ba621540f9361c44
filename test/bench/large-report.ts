import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "~db/client";
import { createUser } from "~/models/users.server";
import { hashPassword } from "~/utils/password.server";
import { HttpClient } from "../support/http";
import { freePort, startAppProcess } from "../support/process";
import { benchRound } from "./fixture";

export interface LargeReportResult {
  responses: number;
  /** In-process, cold: time, peak heap, longest event-loop block. */
  inProcess: { reportMs: number; peakHeapMb: number; heapAboveStartMb: number; peakArrayBuffersMb: number; longestEventLoopBlockMs: number };
  /** The production server: a cold report.json while /healthz is asked every 50 ms. */
  overHttp: { reportMs: number; status: number; healthChecks: number; slowestHealthCheckMs: number };
}

/** A round of `total` responses, its report computed cold in a child process and by the real server. */
export async function measureLargeReport(total: number): Promise<LargeReportResult> {
  const dir = mkdtempSync(join(tmpdir(), "modelgap-large-"));
  const databasePath = join(dir, "large.db");
  try {
    const database = await openDatabase({ path: databasePath });
    const { round } = await benchRound(database.db, total);
    const password = "bench-password-123";
    const passwordHash = await hashPassword(password);
    await createUser(database.db, { email: "large@example.org", role: "consultant", passwordHash, organisationIds: [round.organisationId] });
    await database.close();

    const output = execFileSync(process.execPath, ["--expose-gc", "--import", "tsx", "test/bench/report-memory.ts", databasePath, round.id], { encoding: "utf8" });
    const inProcess = JSON.parse(output.trim().split("\n").at(-1)!) as LargeReportResult["inProcess"];

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const app = startAppProcess({ DATABASE_PATH: databasePath, PORT: String(port), HOST: "127.0.0.1", MODELGAP_DEMO: "off", SESSION_SECRET: "bench-secret-0123456789abcdefghijklmn" });
    try {
      await app.waitFor(/ModelGap is running/, 120_000);
      const consultant = new HttpClient(base);
      await consultant.postForm("/login", { email: "large@example.org", password });
      let done = false;
      let slowest = 0;
      let checks = 0;
      const health = (async () => {
        while (!done) {
          const start = performance.now();
          await fetch(`${base}/healthz`);
          slowest = Math.max(slowest, performance.now() - start);
          checks++;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })();
      const start = performance.now();
      const response = await fetch(`${base}/rounds/${round.id}/report.json`, { headers: { cookie: consultant.cookieHeader() } });
      await response.arrayBuffer();
      const reportMs = performance.now() - start;
      done = true;
      await health;
      return { responses: total, inProcess, overHttp: { reportMs: Math.round(reportMs), status: response.status, healthChecks: checks, slowestHealthCheckMs: Math.round(slowest) } };
    } finally {
      app.child.kill("SIGTERM");
      await app.exited;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
