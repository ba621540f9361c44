import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { and, count, eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invitations, responses } from "~db/schema";
import { answersSchema } from "~/domain/instrument/answers";
import { parseUntrustedJson } from "~/domain/json";
import { currentInstrument as instrument } from "~/domain/instrument/instruments";
import { createAccount, signedIn } from "../support/accounts";
import { hostileAnswers } from "../support/arbitraries";
import { cli } from "../support/cli";
import { completeAnswers, createTestRound } from "../support/factories";
import { HttpClient } from "../support/http";
import { databaseEnv } from "../support/database";
import { startTestServer, UNLIMITED_OPEN_LINKS, type TestServer } from "../support/server";

/**
 * Random and malformed payloads through the real routes: the server accepts
 * exactly what the shared schema accepts, answers everything else with a 4xx
 * and a message (never a 500), and stores nothing it refused.
 */
let server: TestServer;
let round: Awaited<ReturnType<typeof createTestRound>>;
beforeAll(async () => {
  // Hundreds of answers from one address: the open-link limits are not what this file tests.
  server = await startTestServer(UNLIMITED_OPEN_LINKS);
  round = await createTestRound(server.database.db);
});
afterAll(() => server.close());

const submitted = async () =>
  (await server.database.db.select({ n: count() }).from(responses).where(and(eq(responses.roundId, round.round.id), eq(responses.status, "submitted"))))[0]!.n;
const submit = answersSchema(instrument, "submit");
const draft = answersSchema(instrument, "draft");
/** What actually crosses the wire: JSON turns NaN and Infinity into null, drops undefined, and so on. */
const sent = (payload: unknown): unknown => (payload === undefined ? undefined : JSON.parse(JSON.stringify(payload)));

/** Whether the body as sent gets past the checks before the schema: no "__proto__" key, no NUL character. */
function wireAcceptable(payload: unknown): boolean {
  const text = JSON.stringify(payload);
  if (text === undefined) return true;
  if (/\\u0000/i.test(text)) return false;
  try {
    parseUntrustedJson(text);
    return true;
  } catch {
    return false;
  }
}

const body = fc.oneof(
  hostileAnswers.map((answers) => ({ answers })),
  fc.anything(),
  fc.record({ answers: hostileAnswers, page: fc.oneof(fc.integer({ min: -2, max: 9 }), fc.anything()) }),
);

describe("submit", () => {
  it("stores exactly the valid submissions, refusing the rest with a 4xx", async () => {
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const before = await submitted();
        const response = await new HttpClient(server.url).postJson(`/r/${round.levels[0]!.linkToken}/survey`, payload);
        const text = await response.text();
        const wire = sent(payload);
        // Refused whatever the schema says: a "__proto__" key anywhere, and NUL characters (no database stores them in text).
        const acceptable = wireAcceptable(payload);
        const valid = acceptable && typeof wire === "object" && wire !== null && "answers" in wire && submit.safeParse((wire as { answers: unknown }).answers).success;
        if (valid) {
          expect(response.status).toBe(302);
          expect(await submitted()).toBe(before + 1);
        } else {
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(response.status).toBeLessThan(500);
          expect(text).toMatch(/could not be accepted|not valid JSON|Send JSON|cannot be saved/);
          expect(await submitted()).toBe(before);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("refuses bodies that are not JSON at all", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded"), async (raw, type) => {
        const before = await submitted();
        const response = await new HttpClient(server.url).request(`/r/${round.levels[0]!.linkToken}/survey`, { method: "POST", body: raw, headers: { "content-type": type } });
        await response.text();
        let valid = false;
        try {
          const parsed = parseUntrustedJson(raw) as { answers?: unknown };
          valid = type === "application/json" && !/\0|\\u0000/i.test(raw) && typeof parsed === "object" && parsed !== null && submit.safeParse(parsed.answers).success;
        } catch {
          valid = false;
        }
        if (valid) expect(response.status).toBe(302);
        else expect([400, 415, 422]).toContain(response.status);
        expect(await submitted()).toBe(before + (valid ? 1 : 0));
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
        const draftRow = async () => (await server.database.db.select().from(responses).where(eq(responses.levelId, round.levels[1]!.id)))[0];
        const before = await draftRow();
        const response = await client.postJson(`/r/${token}/save`, payload);
        const json = (await response.json()) as { message?: string; status?: string };
        const wire = sent(payload);
        const p = wire as { answers?: unknown; page?: unknown };
        const valid =
          wireAcceptable(payload) && typeof wire === "object" && wire !== null && draft.safeParse(p.answers).success && Number.isInteger(p.page) && (p.page as number) >= 0 && (p.page as number) < pages;
        if (valid) {
          expect(response.status).toBe(200);
          expect(json.status).toBe("saved");
        } else {
          expect([400, 415, 422]).toContain(response.status);
          expect(json.message!.length).toBeGreaterThan(5);
          expect(await draftRow()).toEqual(before);
        }
      }),
      { numRuns: 150 },
    );
  });
});

/** A CSV cell as a spreadsheet writes it: quoted when it holds a comma, a quote or a line break. */
const csvCell = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

/**
 * A participant row whose verdict is known by construction: a fresh email or a
 * broken one, a level of the round (by id or label, in any case) or another
 * word, a short name or one over 120 characters, or an email given twice.
 */
const participantRow = fc.record({
  email: fc.constantFrom("fresh", "fresh", "fresh", "missing-at", "empty", "repeat"),
  level: fc.constantFrom("key", "label", "KEY", "unknown", "empty"),
  name: fc.constantFrom("none", "short", "too-long", "comma"),
});
const LEVEL_TEXT = { key: "board", label: "Front line", KEY: "BOARD", unknown: "Shareholders", empty: "" } as const;
const NAME_TEXT = { none: "", short: "Ann Example", "too-long": "x".repeat(121), comma: "Example, Ann" } as const;

describe("invitation upload", () => {
  let facilitator: HttpClient;
  let run = 0;
  const invited = async () => (await server.database.db.select({ n: count() }).from(invitations).where(eq(invitations.roundId, round.round.id)))[0]!.n;
  beforeAll(async () => {
    facilitator = await signedIn(server.url, await createAccount(server.database.db, "facilitator", [round.round.organisationId]));
  });
  const post = (intent: string, text: string) => {
    const form = new FormData();
    form.set("intent", intent);
    if (intent === "preview") form.set("file", new Blob([text], { type: "text/csv" }), "people.csv");
    else form.set("csv", text);
    return facilitator.request(`/rounds/${round.round.id}/invitations`, { method: "POST", body: form });
  };

  it("accepts exactly the files whose every row is good, and stores them whole or not at all", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(participantRow, { minLength: 1, maxLength: 6 }), fc.boolean(), fc.boolean(), fc.constantFrom("preview", "import"), async (rows, header, bom, intent) => {
        run++;
        let lastFresh: string | null = null;
        const lines = rows.map((row, i) => {
          const fresh = `person${i}.run${run}@Example.org`;
          const email = { fresh, "missing-at": `person${i}.example.org`, empty: "", repeat: lastFresh ?? fresh }[row.email];
          if (row.email === "fresh") lastFresh = fresh;
          return [email, LEVEL_TEXT[row.level], NAME_TEXT[row.name]].map(csvCell).join(",");
        });
        const text = `${bom ? "\uFEFF" : ""}${header ? "email,level,name\n" : ""}${lines.join("\n")}`;
        // The oracle: every email present, well formed and given once; every level one of the round's; every name short enough.
        const emails = rows.map((row, i) => (row.email === "repeat" ? (rows.slice(0, i).some((r) => r.email === "fresh") ? "dup" : "fresh") : row.email));
        // A row with every cell empty is a blank line, which the upload skips (a file of blank lines has no rows).
        const blank = (row: (typeof rows)[number]) => row.email === "empty" && row.level === "empty" && row.name === "none";
        const kept = rows.filter((row) => !blank(row));
        const good =
          kept.length > 0 &&
          emails.every((e, i) => e === "fresh" || blank(rows[i]!)) &&
          kept.every((row) => row.level !== "unknown" && row.level !== "empty" && row.name !== "too-long");
        const before = await invited();
        const response = await post(intent, text);
        await response.text();
        if (!good) {
          expect(response.status).toBe(422);
          expect(await invited()).toBe(before);
        } else if (intent === "preview") {
          expect(response.status).toBe(200);
          expect(await invited()).toBe(before);
        } else {
          expect(response.status).toBe(302);
          expect(await invited()).toBe(before + kept.length);
        }
      }),
      { numRuns: 80 },
    );
  });

  it("never fails on an arbitrary file, and stores nothing it refused", async () => {
    const cell = fc.oneof(fc.string(), fc.emailAddress(), fc.constantFrom("Board", "front", "board", "=cmd", ""));
    const csv = fc.oneof(fc.string(), fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { maxLength: 8 }).map((rows) => rows.map((r) => r.join(",")).join("\n")));
    await fc.assert(
      fc.asyncProperty(csv, fc.constantFrom("preview", "import"), async (text, intent) => {
        const before = await invited();
        const response = await post(intent, text);
        await response.text();
        expect([200, 302, 400, 422]).toContain(response.status);
        if (response.status !== 302) expect(await invited()).toBe(before);
        else expect(await invited()).toBeGreaterThan(before);
      }),
      { numRuns: 100 },
    );
  });
});

/**
 * An import record whose verdict is known by construction: complete answers
 * from the demo's generator (valid), or those answers broken in one way the
 * contract forbids, for a level of the round or another.
 */
const importRecord = fc.record({
  level: fc.constantFrom("board", "front", "board", "shareholders"),
  seed: fc.integer({ min: 1, max: 10_000 }),
  broken: fc.constantFrom("no", "no", "no", "out-of-scale", "allocation-99", "no-desired", "not-an-object"),
});
const BREAKS = {
  no: (answers: Record<string, unknown>) => answers,
  "out-of-scale": (answers: Record<string, unknown>) => ({ ...answers, [instrument.items[0]!.name]: 7 }),
  "allocation-99": (answers: Record<string, unknown>) => ({ ...answers, [instrument.explicit.now]: { key_account: 24, relationship: 25, retail: 25, social: 25 } }),
  "no-desired": (answers: Record<string, unknown>) => {
    const copy = { ...answers };
    delete copy[instrument.explicit.desired];
    return copy;
  },
  "not-an-object": () => "all good",
} as const;

describe("CLI import", () => {
  const env = () => databaseEnv(server.database);
  let file = 0;
  const importText = async (text: string) => {
    const path = join(server.database.dir, `import-${file++}.json`);
    writeFileSync(path, text);
    return cli(["responses", "import", "--round", round.round.id, "--file", path], env());
  };

  it("imports exactly the files whose every record is good, as a JSON array or JSON lines, with or without a byte-order mark", { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(importRecord, { minLength: 1, maxLength: 4 }), fc.constantFrom("array", "lines"), fc.boolean(), async (records, format, bom) => {
        const values = records.map((r) => ({ level: r.level, answers: BREAKS[r.broken](completeAnswers(r.seed) as Record<string, unknown>) }));
        const body = format === "array" ? JSON.stringify(values) : values.map((v) => JSON.stringify(v)).join("\n");
        // The oracle: the round's levels are board and front; only unbroken answers are valid.
        const good = records.every((r) => r.level !== "shareholders" && r.broken === "no");
        const before = await submitted();
        const run = await importText(`${bom ? "\uFEFF" : ""}${body}`);
        if (good) {
          expect(run.stderr).toBe("");
          expect(run.code).toBe(0);
          expect(run.json()).toEqual({ imported: records.length });
          expect(await submitted()).toBe(before + records.length);
        } else {
          expect(run.code).toBe(1);
          expect(run.stderr).toMatch(/^error: Nothing imported from .*\n {2}record \d/);
          expect(await submitted()).toBe(before);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("never fails without a message on arbitrary text, and imports nothing from it", { timeout: 120_000 }, async () => {
    const records = fc.array(fc.record({ level: fc.oneof(fc.constantFrom("board", "front"), fc.string()), answers: hostileAnswers }), { minLength: 1, maxLength: 5 });
    await fc.assert(
      fc.asyncProperty(fc.oneof(records.map((r) => JSON.stringify(r)), fc.string()), async (text) => {
        const before = await submitted();
        const run = await importText(text);
        if (run.code === 0) expect(await submitted()).toBe(before + run.json<{ imported: number }>().imported);
        else {
          expect(run.code).toBe(1);
          expect(run.stderr).toMatch(/^error: /);
          expect(await submitted()).toBe(before);
        }
      }),
      { numRuns: 100 },
    );
  });
});
