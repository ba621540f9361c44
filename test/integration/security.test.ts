import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { responses, rounds } from "~db/schema";
import { createAccount, signedIn } from "../support/accounts";
import { completeAnswers, createTestRound } from "../support/factories";
import { HttpClient } from "../support/http";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("security headers", () => {
  it("sends a strict CSP with a fresh nonce, nosniff, a referrer policy and no framing, on pages, JSON and files", async () => {
    const { round, levels: created } = createTestRound(server.database.db);
    const admin = await signedIn(server.url, await createAccount(server.database.db, "admin"));
    const nonces = new Set<string>();
    for (const [client, path] of [
      [new HttpClient(server.url), "/login"],
      [new HttpClient(server.url), `/r/${created[0]!.linkToken}`],
      [admin, `/rounds/${round.id}/report.json`],
      [admin, `/rounds/${round.id}/report.csv`],
      [new HttpClient(server.url), "/healthz"],
    ] as const) {
      const response = await client.get(path);
      const csp = response.headers.get("content-security-policy")!;
      expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain("unsafe-eval");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("same-origin");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("x-powered-by")).toBeNull();
      nonces.add(/nonce-([^']+)/.exec(csp)![1]!);
    }
    expect(nonces.size).toBe(5);
    // Every inline script of a page carries that response's nonce.
    const page = await new HttpClient(server.url).get("/login");
    const nonce = /nonce-([^']+)/.exec(page.headers.get("content-security-policy")!)![1]!;
    const scripts = (await page.text()).match(/<script[^>]*>/g)!;
    expect(scripts.length).toBeGreaterThan(2);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });
});

describe("limits and malformed requests", () => {
  it("refuses an oversized answer body with 413 and a clear message, storing nothing", async () => {
    const { round, levels: created } = createTestRound(server.database.db);
    const token = created[0]!.linkToken;
    const client = new HttpClient(server.url);
    const huge = { answers: { ...completeAnswers(1), ctx_customer_view: "x".repeat(70 * 1024) } };
    const response = await client.postJson(`/r/${token}/survey`, huge);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ title: "Too large", message: expect.stringMatching(/the limit here is 64 KB/) });
    expect(server.database.db.select().from(responses).where(eq(responses.roundId, round.id)).all()).toHaveLength(0);
  });

  it("refuses a body whose length is not declared", async () => {
    const { levels: created } = createTestRound(server.database.db);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(JSON.stringify({ answers: completeAnswers(2) })));
        controller.close();
      },
    });
    const response = await fetch(`${server.url}/r/${created[0]!.linkToken}/survey`, {
      method: "POST",
      body: stream,
      headers: { "content-type": "application/json", origin: server.url },
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(411);
  });
});

describe("errors", () => {
  it("shows a production error without a stack trace or file paths", async () => {
    const { round, levels: created } = createTestRound(server.database.db);
    // A round whose instrument version this build does not know: the loader fails unexpectedly.
    server.database.db.update(rounds).set({ instrumentVersion: 99 }).where(eq(rounds.id, round.id)).run();
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args); // the server logs it: that is expected here
    try {
      const response = await new HttpClient(server.url).get(`/r/${created[0]!.linkToken}`);
      expect(response.status).toBe(500);
      const html = await response.text();
      expect(html).toContain("Something went wrong on our side");
      expect(html).not.toMatch(/Unknown instrument|at \w+ \(|\/app\/|\.tsx?:\d+|node_modules/);
    } finally {
      console.error = original;
    }
    expect(errors.length).toBeGreaterThan(0);
  });
});

describe("health check", () => {
  it("answers 503 with the reason when the database cannot be read", async () => {
    const broken = await startTestServer();
    expect((await fetch(`${broken.url}/healthz`)).status).toBe(200);
    broken.database.sqlite.close();
    const response = await fetch(`${broken.url}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: "error", database: { status: "error", message: expect.stringContaining("database connection is not open") } });
    await broken.close();
  });
});
