import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { and, count, eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invitations, responses } from "~db/schema";
import { answersSchema } from "~/domain/instrument/answers";
import { currentInstrument as instrument } from "~/domain/instrument/instruments";
import { createAccount, signedIn } from "../support/accounts";
import { hostileAnswers } from "../support/arbitraries";
import { cli } from "../support/cli";
import { createTestRound } from "../support/factories";
import { HttpClient } from "../support/http";
import { startTestServer, type TestServer } from "../support/server";

/**
 * Random and malformed payloads through the real routes: the server accepts
 * exactly what the shared schema accepts, answers everything else with a 4xx
 * and a message (never a 500), and stores nothing it refused.
 */
let server: TestServer;
let round: ReturnType<typeof createTestRound>;
beforeAll(async () => {
  server = await startTestServer();
  round = createTestRound(server.database.db);
});
afterAll(() => server.close());

const submitted = () =>
  server.database.db.select({ n: count() }).from(responses).where(and(eq(responses.roundId, round.round.id), eq(responses.status, "submitted"))).get()!.n;
const submit = answersSchema(instrument, "submit");
const draft = answersSchema(instrument, "draft");
/** What actually crosses the wire: JSON turns NaN and Infinity into null, drops undefined, and so on. */
const sent = (payload: unknown): unknown => (payload === undefined ? undefined : JSON.parse(JSON.stringify(payload)));

const body = fc.oneof(
  hostileAnswers.map((answers) => ({ answers })),
  fc.anything(),
  fc.record({ answers: hostileAnswers, page: fc.oneof(fc.integer({ min: -2, max: 9 }), fc.anything()) }),
);

describe("submit", () => {
  it("stores exactly the valid submissions, refusing the rest with a 4xx", async () => {
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const before = submitted();
        const response = await new HttpClient(server.url).postJson(`/r/${round.levels[0]!.linkToken}/survey`, payload);
        const text = await response.text();
        const wire = sent(payload);
        const valid = typeof wire === "object" && wire !== null && "answers" in wire && submit.safeParse((wire as { answers: unknown }).answers).success;
        if (valid) {
          expect(response.status).toBe(302);
          expect(submitted()).toBe(before + 1);
        } else {
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(response.status).toBeLessThan(500);
          expect(text).toMatch(/could not be accepted|not valid JSON|Send JSON/);
          expect(submitted()).toBe(before);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("refuses bodies that are not JSON at all", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded"), async (raw, type) => {
        const before = submitted();
        const response = await new HttpClient(server.url).request(`/r/${round.levels[0]!.linkToken}/survey`, { method: "POST", body: raw, headers: { "content-type": type } });
        await response.text();
        let valid = false;
        try {
          const parsed = JSON.parse(raw) as { answers?: unknown };
          valid = type === "application/json" && typeof parsed === "object" && parsed !== null && submit.safeParse(parsed.answers).success;
        } catch {
          valid = false;
        }
        if (valid) expect(response.status).toBe(302);
        else expect([400, 415, 422]).toContain(response.status);
        expect(submitted()).toBe(before + (valid ? 1 : 0));
      }),
      { numRuns: 100 },
    );
  });
});

describe("autosave", () => {
  it("saves exactly the valid drafts and otherwise answers a 4xx JSON message, leaving the draft as it was", async () => {
    const client = new HttpClient(server.url);
    const token = round.levels[1]!.linkToken;
    await client.postForm(`/r/${token}`);
    const pages = instrument.survey.pages.length;
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const draftRow = () => server.database.db.select().from(responses).where(eq(responses.levelId, round.levels[1]!.id)).get();
        const before = draftRow();
        const response = await client.postJson(`/r/${token}/save`, payload);
        const json = (await response.json()) as { message?: string; status?: string };
        const wire = sent(payload);
        const p = wire as { answers?: unknown; page?: unknown };
        const valid =
          typeof wire === "object" && wire !== null && draft.safeParse(p.answers).success && Number.isInteger(p.page) && (p.page as number) >= 0 && (p.page as number) < pages;
        if (valid) {
          expect(response.status).toBe(200);
          expect(json.status).toBe("saved");
        } else {
          expect([400, 415, 422]).toContain(response.status);
          expect(json.message!.length).toBeGreaterThan(5);
          expect(draftRow()).toEqual(before);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("invitation upload", () => {
  it("never fails on an arbitrary file, and stores only files whose every row is good", async () => {
    const facilitator = await signedIn(server.url, await createAccount(server.database.db, "facilitator", [round.round.organisationId]));
    const invited = () => server.database.db.select({ n: count() }).from(invitations).where(eq(invitations.roundId, round.round.id)).get()!.n;
    const cell = fc.oneof(fc.string(), fc.emailAddress(), fc.constantFrom("Board", "front", "board", "=cmd", ""));
    const csv = fc.oneof(fc.string(), fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { maxLength: 8 }).map((rows) => rows.map((r) => r.join(",")).join("\n")));
    await fc.assert(
      fc.asyncProperty(csv, fc.constantFrom("preview", "import"), async (text, intent) => {
        const before = invited();
        const form = new FormData();
        form.set("intent", intent);
        if (intent === "preview") form.set("file", new Blob([text], { type: "text/csv" }), "people.csv");
        else form.set("csv", text);
        const response = await facilitator.request(`/rounds/${round.round.id}/invitations`, { method: "POST", body: form });
        await response.text();
        expect([200, 302, 400, 422]).toContain(response.status);
        if (response.status !== 302) expect(invited()).toBe(before);
        else expect(invited()).toBeGreaterThan(before);
      }),
      { numRuns: 100 },
    );
  });
});

describe("CLI import", () => {
  it("imports a file all or nothing, never failing without a message", async () => {
    const env = { DATABASE_PATH: server.database.path };
    const records = fc.array(fc.record({ level: fc.oneof(fc.constantFrom("board", "front"), fc.string()), answers: hostileAnswers }), { minLength: 1, maxLength: 5 });
    let file = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(records.map((r) => JSON.stringify(r)), fc.string()), async (text) => {
        const before = submitted();
        const path = join(server.database.dir, `import-${file++}.json`);
        writeFileSync(path, text);
        const run = await cli(["responses", "import", "--round", round.round.id, "--file", path], env);
        if (run.code === 0) expect(submitted()).toBe(before + run.json<{ imported: number }>().imported);
        else {
          expect(run.code).toBe(1);
          expect(run.stderr).toMatch(/^error: /);
          expect(submitted()).toBe(before);
        }
      }),
      { numRuns: 100 },
    );
  });
});
