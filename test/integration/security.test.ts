import { count, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { heartbeat, responses, rounds } from "~db/schema";
import { createAccount, signedIn } from "../support/accounts";
import type { TestDatabase } from "../support/database";
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
    const { round, levels: created } = await createTestRound(server.database.db);
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
      // Exactly the policy of the hand-written headers helmet replaced: nothing looser, nothing that breaks plain-http intranets.
      expect(csp.replace(/'nonce-[A-Za-z0-9+/=]{24}'/, "'nonce-N'"), path).toBe(
        "default-src 'self';script-src 'self' 'nonce-N';style-src 'self' 'unsafe-inline';img-src 'self' data:;font-src 'self';connect-src 'self';object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'",
      );
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("same-origin");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("x-powered-by")).toBeNull();
      expect(response.headers.get("cross-origin-opener-policy")).toBe("same-origin");
      expect(response.headers.get("permissions-policy")).toBe("camera=(), microphone=(), geolocation=(), payment=()");
      expect(response.headers.get("strict-transport-security")).toBe("max-age=31536000");
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
    const { round, levels: created } = await createTestRound(server.database.db);
    const token = created[0]!.linkToken;
    const client = new HttpClient(server.url);
    const huge = { answers: { ...completeAnswers(1), ctx_customer_view: "x".repeat(70 * 1024) } };
    const response = await client.postJson(`/r/${token}/survey`, huge);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ title: "Too large", message: expect.stringMatching(/the limit here is 64 KB/) });
    expect(await server.database.db.select().from(responses).where(eq(responses.roundId, round.id))).toHaveLength(0);
  });

  it("refuses a body whose length is not declared", async () => {
    const { levels: created } = await createTestRound(server.database.db);
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
    const { round, levels: created } = await createTestRound(server.database.db);
    // A round whose instrument version this build does not know: the loader fails unexpectedly.
    await server.database.db.transaction(async (tx) => {
      await tx.update(rounds).set({ instrumentVersion: 99 }).where(eq(rounds.id, round.id));
    });
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

/**
 * Makes the database refuse writes while reads go on, as a full disk or a read-only file does; returns the reason
 * the database then gives. SQLite: query_only on the writing connection (where `rows` runs). PostgreSQL: a trigger
 * that fails every write to the heartbeat (a session setting would not reach the app's pooled connections).
 */
async function refuseWrites(database: TestDatabase): Promise<string> {
  if (database.dialect === "sqlite") {
    await database.rows(sql`PRAGMA query_only = ON`);
    return "attempt to write a readonly database";
  }
  await database.rows(sql`CREATE FUNCTION refuse_writes() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no space left on device'; END $$`);
  await database.rows(sql`CREATE TRIGGER refuse_writes BEFORE INSERT OR UPDATE ON heartbeat FOR EACH STATEMENT EXECUTE FUNCTION refuse_writes()`);
  return "no space left on device";
}

describe("health check", () => {
  it("tells anyone only ok or not, and writes to the database to know", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok" });
    const [beat] = await server.database.db.select().from(heartbeat).where(eq(heartbeat.id, 1));
    expect(beat!.beatAt).toBeGreaterThan(Date.now() - 60_000);
  });

  it("answers 503 when the database takes no writes (full disk, read-only file), though reads still work", async () => {
    const broken = await startTestServer();
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined); // the server logs the reason for its operator
    try {
      expect((await fetch(`${broken.url}/healthz`)).status).toBe(200);
      const reason = await refuseWrites(broken.database);
      expect(await broken.database.db.select({ n: count() }).from(rounds)).toEqual([{ n: 0 }]);
      const response = await fetch(`${broken.url}/healthz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: "error" });
      expect(String(logged.mock.calls[0]?.[0])).toContain(`Health check failed: the database did not take a write (${reason})`);
      // The database gone altogether (its connections closed).
      await broken.database.close();
      expect((await fetch(`${broken.url}/healthz`)).status).toBe(503);
    } finally {
      logged.mockClear();
      await broken.close();
    }
  });
});

describe("signed out", () => {
  it("answers report.json and report.csv with a 401 and what to do, as JSON, not a server error", async () => {
    const { round } = await createTestRound(server.database.db);
    for (const path of [`/rounds/${round.id}/report.json`, `/rounds/${round.id}/report.csv`, "/rounds/nope/report.json"]) {
      const response = await new HttpClient(server.url).get(path);
      expect(response.status, path).toBe(401);
      expect(response.headers.get("content-type")).toMatch(/application\/json/);
      expect(await response.json()).toEqual({ title: "Sign in first", message: "This address needs a signed-in account: sign in at /login, then open it again." });
    }
    const consultant = await signedIn(server.url, await createAccount(server.database.db, "consultant"));
    const hidden = await consultant.get(`/rounds/${round.id}/report.json`);
    expect(hidden.status).toBe(404);
    expect(await hidden.json()).toMatchObject({ title: "Not found" });
  });
});

/**
 * Odd input wherever the server reads a URL, a header or a form field: never
 * a 5xx, and a refusal that says what to do. The paths, parameters, headers
 * and fields come from what a fuzzer, a broken proxy or an attacker sends.
 */
describe("odd input", () => {
  const odd = fc.oneof(
    fc.string({ unit: "binary", maxLength: 30 }),
    fc.constantFrom("%", "%E0%A4%A", "%00", "%0d%0a", "日本", "/%09/evil.example", "..%2f..%2f", "\\", "'\"<>", "a".repeat(3000), "[]", "{}", "__proto__"),
  );
  /** Text for a URL: percent-encoded, or (for malformed encodings a client could send) as it is. */
  const inUrl = fc.oneof(
    odd.map((text) => encodeURIComponent(text)),
    fc.constantFrom("%", "%E0%A4%A", "%C0%AF", "%00", "%0d%0a", "..%2f..%2f", "%2F%2Fevil.example", "%5Cevil", "%%30"),
  );

  it("never answers a 5xx to odd paths and query strings", { timeout: 120_000 }, async () => {
    const { round, levels } = await createTestRound(server.database.db);
    const admin = await signedIn(server.url, await createAccount(server.database.db, "admin"));
    const places = [
      (t: string) => `/r/${t}`,
      (t: string) => `/r/${t}/survey`,
      (t: string) => `/rounds/${t}/report`,
      (t: string) => `/rounds/${t}/report.json`,
      (t: string) => `/orgs/${t}`,
      (t: string) => `/login?redirectTo=${t}`,
      (t: string) => `/rounds/${round.id}?done=${t}&released=${t}`,
      (t: string) => `/rounds/${round.id}/report?compare=${t}`,
      (t: string) => `/too-many-requests?retry=${t}`,
      (t: string) => `/r/${levels[0]!.linkToken}?x=${t}`,
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...places), inUrl, fc.boolean(), async (place, text, signedIn) => {
        const response = await (signedIn ? admin : new HttpClient(server.url)).get(place(text));
        await response.arrayBuffer();
        expect(response.status, place(text)).toBeLessThan(500);
        const location = response.headers.get("location");
        if (location) expect(new URL(location, server.url).origin, location).toBe(server.url);
      }),
      { numRuns: 200 },
    );
    expect((await new HttpClient(server.url).get("/r/%E0%A4%A")).status).toBe(400);
    // A name every object carries is not a message of the round page.
    for (const name of ["__proto__", "constructor", "toString"]) expect((await admin.get(`/rounds/${round.id}?done=${name}`)).status).toBe(200);
  });

  it("never answers a 5xx to odd form fields, cookies and headers", { timeout: 120_000 }, async () => {
    const { levels } = await createTestRound(server.database.db);
    const account = await createAccount(server.database.db, "facilitator");
    const signed = await signedIn(server.url, account);
    await fc.assert(
      fc.asyncProperty(odd, odd, odd, fc.constantFrom("cookie", "origin", "accept", "content-type", "x-forwarded-for", "host"), async (a, b, c, header) => {
        const forms = [
          () => new HttpClient(server.url).postForm("/login", { email: a, password: b, redirectTo: c }),
          () => signed.postForm("/login", { email: account.email, password: account.password, redirectTo: a }),
          () => signed.postForm("/orgs", { name: a }),
          () => new HttpClient(server.url).postForm(`/r/${levels[0]!.linkToken}`, { [a]: b }),
        ];
        for (const send of forms) {
          const response = await send();
          await response.arrayBuffer();
          expect(response.status).toBeLessThan(500);
          if (response.status === 302) expect(new URL(response.headers.get("location")!, server.url).origin).toBe(server.url);
        }
        let value = `${a}${c}`.replace(/[^\t\x20-\x7e]/g, "");
        if (header === "host") value = value.replace(/[\s/\\?#@]/g, "") || "x";
        const response = await fetch(`${server.url}/orgs`, { headers: { [header]: value }, redirect: "manual" }).catch(() => null);
        if (response) {
          await response.arrayBuffer();
          expect(response.status, `${header}: ${value}`).toBeLessThan(500);
        }
      }),
      { numRuns: 30 },
    );
  });

  it("answers a JSON body or a broken multipart body on any form with a 4xx that says how to send it, never a 5xx", { timeout: 120_000 }, async () => {
    const { round, levels } = await createTestRound(server.database.db);
    const admin = await signedIn(server.url, await createAccount(server.database.db, "admin"));
    const token = levels[0]!.linkToken;
    const places = [
      "/login",
      "/orgs",
      `/orgs/${round.organisationId}/rounds/new`,
      `/orgs/${round.organisationId}/delete`,
      `/rounds/${round.id}?index`,
      `/rounds/${round.id}/edit`,
      `/rounds/${round.id}/strategy`,
      `/rounds/${round.id}/exclusions`,
      `/rounds/${round.id}/invitations`,
      `/rounds/${round.id}/report`,
      `/rounds/${round.id}/delete`,
      `/rounds/${round.id}/preview/${levels[0]!.key}`,
      "/admin/users",
      `/r/${token}`,
    ];
    const bodies: [string, string][] = [
      ["application/json", '{"email":"a"}'],
      ["multipart/form-data", "garbage"],
      ["multipart/form-data; boundary=x", "--x\r\nbroken"],
    ];
    for (const path of places) {
      for (const [type, body] of bodies) {
        const response = await admin.request(path, { method: "POST", headers: { "content-type": type }, body });
        const text = await response.text();
        expect(response.status, `${type} to ${path}`).toBeGreaterThanOrEqual(400);
        expect(response.status, `${type} to ${path}`).toBeLessThan(500);
        if (response.status === 415) expect(text).toContain("Send this as a web form");
      }
    }
  });
});
