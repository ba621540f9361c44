import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "~db/client";
import { DIALECT } from "~db/dialect";
import { organisations, rounds } from "~db/schema";
import { createApp } from "~/server/app";
import { loadConfig } from "~/utils/config.server";
import { createAccount, signedIn } from "../../support/accounts";
import { tempDatabase, type TestDatabase } from "../../support/database";
import { completeAnswers, createTestRound } from "../../support/factories";
import { HttpClient } from "../../support/http";
import { createTestDatabase } from "../../support/postgres";
import { freePort, startAppProcess } from "../../support/process";
import { submitAsNewRespondent } from "../../support/respondents";
import { manualClock } from "../../support/server";

interface Instance {
  url: string;
  handle: DatabaseHandle;
  server: Server;
}

/**
 * Two app instances, each with its own connections, on one PostgreSQL database: what a load balancer in front
 * of several instances sees. Whatever one instance knows (a session, a submission, a count of refused
 * attempts) the other must know too.
 */
describe.runIf(DIALECT === "pg")("two instances on one PostgreSQL database", () => {
  let database: TestDatabase;
  const instances: Instance[] = [];
  const clock = manualClock();

  async function startInstance(): Promise<Instance> {
    const build = (await import(pathToFileURL(resolve("build/server/index.js")).href)) as ServerBuild;
    const config = loadConfig({
      NODE_ENV: "production",
      DATABASE_URL: database.url!,
      DATABASE_PATH: resolve(database.dir, "unused.db"),
      MODELGAP_DEMO: "off",
      SESSION_SECRET: "shared-secret-0123456789abcdefghijklmnop",
      OPEN_LINK_BURST_LIMIT: "4",
    });
    const handle = await openDatabase({ url: database.url! });
    const app = createApp({ config, database: handle, build, clientDir: resolve("build/client"), clock });
    const server: Server = await new Promise((done) => {
      const listening = app.listen(0, "127.0.0.1", () => done(listening));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    config.baseUrl = url;
    return { url, handle, server };
  }

  beforeAll(async () => {
    database = await tempDatabase();
    instances.push(await startInstance(), await startInstance());
  });

  afterAll(async () => {
    for (const { server, handle } of instances) {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
      await handle.close();
    }
    await database?.cleanup();
  });

  const [a, b] = [() => instances[0]!, () => instances[1]!];

  it("a session made on one instance works on the other, and signing out on one ends it on both", async () => {
    const account = await createAccount(database.db, "facilitator");
    const onA = await signedIn(a().url, account);
    const onB = new HttpClient(b().url);
    onB.setCookieHeader(onA.cookieHeader());
    const page = await onB.get("/orgs");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(account.email);
    expect((await onA.postForm("/logout", {})).status).toBe(302);
    const after = await onB.get("/orgs");
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/login/);
  });

  it("submissions made on one instance are in the report the other serves", async () => {
    const { round, levels } = await createTestRound(database.db, { minGroupSize: 3 });
    const board = levels.find((level) => level.key === "board")!;
    for (let i = 0; i < 3; i++) {
      const submission = await submitAsNewRespondent(a().url, board.linkToken, completeAnswers(`instance-${i}`));
      expect(submission.acknowledged).toBe(true);
      clock.advance(60_000);
    }
    const consultant = await createAccount(database.db, "consultant", [round.organisationId]);
    const reader = await signedIn(b().url, consultant);
    const report = (await (await reader.get(`/rounds/${round.id}/report.json`)).json()) as { levels: { id: string; responses: number; reportable: boolean }[] };
    expect(report.levels.find((level) => level.id === "board")).toMatchObject({ responses: 3, reportable: true });
  });

  it("an open link's burst limit counts starts on both instances together", async () => {
    const { levels } = await createTestRound(database.db);
    const front = levels.find((level) => level.key === "front")!;
    clock.advance(3_600_000);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const instance = i % 2 === 0 ? a() : b();
      statuses.push((await new HttpClient(instance.url).postJson(`/r/${front.linkToken}/survey`, { answers: completeAnswers(`burst-${i}`) })).status);
    }
    expect(statuses.slice(0, 4).every((status) => status === 302)).toBe(true);
    expect(statuses.slice(4)).toEqual([429, 429]);
  });

  it("failed sign-ins for one account are counted across instances", async () => {
    const account = await createAccount(database.db, "consultant");
    clock.advance(3_600_000);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const client = new HttpClient((i % 2 === 0 ? a() : b()).url);
      statuses.push((await client.postForm("/login", { email: account.email, password: "wrong-password", redirectTo: "/orgs" })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
  });
});

describe.runIf(DIALECT === "pg")("instances started together on an empty PostgreSQL database", () => {
  it("migrate it once and seed the demo once between them", async () => {
    const empty = await createTestDatabase(process.env.DATABASE_URL!);
    const started = [];
    try {
      for (let i = 0; i < 2; i++) {
        const port = await freePort();
        started.push(
          startAppProcess({ DATABASE_URL: empty.url, SESSION_SECRET: "shared-secret-0123456789abcdefghijklmnop", PORT: String(port), HOST: "127.0.0.1" }),
        );
      }
      const outputs = await Promise.all(started.map((app) => app.waitFor(/Front line\s+http:\/\/\S+/)));
      expect(outputs.filter((output) => output.includes('Seeded the demo organisation "Northwind Retail"'))).toHaveLength(1);
      const check = await openDatabase({ url: empty.url });
      try {
        expect(await check.db.select({ n: count() }).from(organisations)).toEqual([{ n: 1 }]);
        expect(await check.db.select({ n: count() }).from(rounds)).toEqual([{ n: 2 }]);
      } finally {
        await check.close();
      }
    } finally {
      for (const app of started) {
        app.child.kill("SIGTERM");
        await app.exited;
      }
      await empty.drop();
    }
  }, 180_000);
});
